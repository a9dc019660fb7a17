import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeRecord } from '../../core/model';
import { VendorEnum } from './vendor.enum';
import { JSONObject } from './scalars';

/** Every record carries the GraphQL type that renders it; interfaces resolve by it. */
export const resolveByTypename = (value: NodeRecord): string => value.typename;

@InterfaceType({ description: 'An object with a global, opaque id (Relay Node).', resolveType: resolveByTypename })
export abstract class Node {
  @Field(() => ID, { description: 'Global opaque id: stable, usable with `node(id:)`.' })
  id!: string;
}

/** Fields every vendor record has, on top of `id`. */
@InterfaceType({ description: 'A record from one vendor.', implements: Node, resolveType: resolveByTypename })
export abstract class VendorRecord extends Node {
  @Field(() => VendorEnum, { description: 'The vendor this record comes from.' })
  vendor!: VendorEnum;

  @Field(() => String, { description: "The vendor's own id (composite keys are encoded inside it)." })
  nativeId!: string;

  @Field(() => JSONObject, { description: "The vendor's payload as received, with secrets redacted." })
  raw!: Record<string, unknown>;
}
