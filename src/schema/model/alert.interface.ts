import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime } from './scalars';

@InterfaceType({
  description: 'An alert raised on a thing (Thingsee): one period from start to end; active while it has no end.',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Alert extends VendorRecord {
  @Field(() => String, { nullable: true, description: "The vendor's alert type, e.g. `heartbeat missed`, `leak detected`." })
  type!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the alert started.' })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the alert ended; null while it is active.' })
  endedAt!: Date | null;

  @Field(() => Boolean, { description: 'True while the alert has not ended.' })
  active!: boolean;
}
