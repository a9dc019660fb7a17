import { Field, ObjectType } from 'type-graphql';
import { Channel } from '../../model/channel.interface';
import { Group } from '../../model/group.interface';
import { Node, VendorRecord } from '../../model/node.interface';
import { DateTime, JSONObject } from '../../model/scalars';
import { Thing } from '../../model/thing.interface';

@ObjectType({
  simpleResolvers: true,
  description: 'A Mainflux thing (a sensor, meter or app that publishes to channels). It has no battery, position or last-seen time.',
  implements: [Node, VendorRecord, Thing],
})
export class MainfluxThing extends Thing {
  @Field(() => String, { nullable: true, description: "The thing's key (MQTT password, `Thing` credential): a secret, shown only when asked for here." })
  key!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A Mainflux channel: things connected to it publish SenML messages to it.', implements: [Node, VendorRecord, Channel] })
export class MainfluxChannel extends Channel {}

@ObjectType({ simpleResolvers: true, description: 'A Mainflux group of things.', implements: [Node, VendorRecord, Group] })
export class MainfluxGroup extends Group {
  // `ownerId` (a global MainfluxUser id) is resolved in mainflux-record-ids.resolver.ts.
  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata set on the group.' })
  metadata!: Record<string, unknown> | null;

  @Field(() => DateTime, { nullable: true, description: 'When the group last changed.' })
  updatedAt!: Date | null;
}
