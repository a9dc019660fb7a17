import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../model/connection.type';
import { GeoPoint } from '../../model/geo-point.type';
import { DateTime } from '../../model/scalars';
import { Node, VendorRecord } from '../../model/node.interface';
import { Thing } from '../../model/thing.interface';

/** Installation statuses as documented; values are the wire strings. */
export enum ThingseeInstallationStatusEnum {
  NEW = 'new',
  INSTALLED = 'installed',
  UNINSTALLED = 'uninstalled',
  QUARANTINE = 'quarantine',
  RETIRED = 'retired',
}
registerEnumType(ThingseeInstallationStatusEnum, {
  name: 'ThingseeInstallationStatus',
  description: 'Where a Thingsee thing is in its life.',
  valuesConfig: {
    NEW: { description: 'New thing from the factory.' },
    INSTALLED: { description: 'Installed; the warranty period applies.' },
    UNINSTALLED: { description: 'Uninstalled, waiting for a possible reinstallation.' },
    QUARANTINE: { description: 'Waiting for maintenance.' },
    RETIRED: { description: 'Removed from the system (e.g. broken).' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'A Haltian Thingsee thing: a sensor or a gateway. It has no name; `nativeId` is its tuid.',
  implements: [Node, VendorRecord, Thing],
})
export class ThingseeThing extends Thing {
  @Field(() => String, { nullable: true, description: 'Always null: Thingsee things have no name (the tuid is `nativeId`).' })
  declare name: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the thing last sent anything (`timestamp` of GET /things/{tuid}).' })
  declare lastSeenAt: Date | null;

  @Field(() => GeoPoint, { nullable: true, description: 'Where the thing was installed, as Thingsee reports it.' })
  declare location: GeoPoint | null;

  @Field(() => String, { nullable: true, description: 'Software version the thing reports.' })
  version!: string | null;

  @Field(() => String, { description: 'Model code: the first 6 characters of the tuid.' })
  model!: string;
}

export const ThingseeThingConnection = ConnectionType('ThingseeThing', ThingseeThing);
