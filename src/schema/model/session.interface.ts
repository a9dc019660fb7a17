import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime, JSONObject } from './scalars';

@InterfaceType({
  description: 'A recorded session (Igtimi).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Session extends VendorRecord {
  @Field(() => String, { nullable: true, description: 'Name of the session (set through its log at Igtimi).' })
  name!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the session started; null while it has not.' })
  startTime!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the session ended; null while it is open.' })
  endTime!: Date | null;

  @Field(() => String, { nullable: true, description: "The owner's user id at the vendor." })
  owner!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'What the credential may do with the session, as the vendor says it (e.g. `{ read, modify }`).' })
  permissions!: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description: "The session's log as the vendor keeps it (Igtimi: an XML document); read with one call per session.",
  })
  log!: string | null;
}
