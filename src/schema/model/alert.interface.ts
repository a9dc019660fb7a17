import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime } from './scalars';

@InterfaceType({
  description: 'An alert raised on a thing (Thingsee).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Alert extends VendorRecord {
  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  endedAt!: Date | null;

  @Field(() => Boolean)
  active!: boolean;
}
