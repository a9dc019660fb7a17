import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime } from './scalars';

@InterfaceType({
  description: 'A group of devices, things or users.',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Group extends VendorRecord {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;
}
