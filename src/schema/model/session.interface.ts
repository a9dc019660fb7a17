import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime } from './scalars';

@InterfaceType({
  description: 'A recorded session (Igtimi).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Session extends VendorRecord {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => DateTime, { nullable: true })
  startTime!: Date | null;

  @Field(() => DateTime, { nullable: true })
  endTime!: Date | null;
}
