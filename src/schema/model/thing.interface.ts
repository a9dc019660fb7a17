import { Field, Float, InterfaceType } from 'type-graphql';
import { GeoPoint } from './geo-point.type';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime, JSONObject } from './scalars';

@InterfaceType({
  description: 'A connected thing (Mainflux, Thingsee).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Thing extends VendorRecord {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata set on the thing.' })
  metadata!: Record<string, unknown> | null;

  @Field(() => DateTime, { nullable: true })
  lastSeenAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Battery level in percent, when reported.' })
  batteryLevel!: number | null;

  @Field(() => GeoPoint, { nullable: true })
  location!: GeoPoint | null;
}
