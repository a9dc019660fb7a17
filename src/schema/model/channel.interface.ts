import { ArgsType, Field, ID, InterfaceType } from 'type-graphql';
import { ConnectionType, KeysetCountResolver } from './connection.type';
import { Measurement } from './measurement.type';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { KeysetPageArgs } from './keyset-page.args';
import { JSONObject } from './scalars';

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
export const MeasurementConnectionCount = KeysetCountResolver(MeasurementConnection);

@ArgsType()
export class ChannelMessagesArgs extends KeysetPageArgs {
  @Field(() => [String], { nullable: true, description: 'Only these measurement names (Mainflux readers filter by one name per call).' })
  names?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only messages published by this thing (its global id).' })
  publisher?: string | null;
}
