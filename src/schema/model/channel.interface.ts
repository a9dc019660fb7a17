import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { JSONObject } from './scalars';

@InterfaceType({
  description: 'A message channel (Mainflux).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Channel extends VendorRecord {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => JSONObject, { nullable: true })
  metadata!: Record<string, unknown> | null;
}
