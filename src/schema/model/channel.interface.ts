import { ArgsType, Field, ID, InterfaceType } from 'type-graphql';
import type { MeasurementRecord, NodeRecord, VendorPage } from '../../core/model';
import { ConnectionType } from './connection.type';
import { Measurement } from './measurement.type';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { PageArgs } from './page.args';
import { DateTime, JSONObject } from './scalars';

@InterfaceType({
  description: 'A message channel (Mainflux): things publish to it, readers and subscribers read from it.',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Channel extends VendorRecord {
  @Field(() => String, { nullable: true, description: 'Name of the channel.' })
  name!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata set on the channel.' })
  metadata!: Record<string, unknown> | null;
}

/** `MeasurementConnection`: a page of stored data points (`Channel.messages`). */
export const MeasurementConnection = ConnectionType('Measurement', Measurement);

@ArgsType()
export class ChannelMessagesArgs extends PageArgs {
  @Field(() => [String], { nullable: true, description: 'Only these measurement names (Mainflux readers filter by one name per call).' })
  names?: string[] | null;

  @Field(() => DateTime, { nullable: true, description: 'From this time (inclusive).' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Up to this time (inclusive).' })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only messages published by this thing (its global id).' })
  publisher?: string | null;
}

/**
 * What a vendor offers to resolve `Channel.messages` generically: one page of a channel's
 * stored messages, newest first. Vendors implement it structurally on their VendorApi.
 */
export interface ChannelMessagesCapability {
  channelMessages(
    channel: NodeRecord,
    query: { offset: number; limit: number; name: string | null; publisher: string | null; from: Date | null; to: Date | null },
  ): Promise<VendorPage<MeasurementRecord>>;
}
