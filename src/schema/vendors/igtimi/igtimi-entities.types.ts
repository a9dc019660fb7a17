import { Field, Int, ObjectType } from 'type-graphql';
import { Device } from '../../model/device.interface';
import { Group } from '../../model/group.interface';
import { Node, VendorRecord } from '../../model/node.interface';
import { DateTime, JSONObject } from '../../model/scalars';
import { Session } from '../../model/session.interface';
import { IgtimiPermissions } from './igtimi-common.types';

@ObjectType({
  simpleResolvers: true,
  description: 'An Igtimi sensor (YachtBot, …). Its native id is its serial number, e.g. `GA-EN-AAEJ`.',
  implements: [Node, VendorRecord, Device],
})
export class IgtimiDevice extends Device {
  @Field(() => Int, { description: "Igtimi's internal device id." })
  deviceId!: number;

  @Field(() => String, { nullable: true, description: 'Service tag: with the serial number, it registers the device to a user.' })
  serviceTag!: string | null;

  @Field(() => Int, { nullable: true, description: 'Id of the owning user (null when unregistered or not yours).' })
  ownerId!: number | null;

  @Field(() => IgtimiPermissions)
  permissions!: IgtimiPermissions;

  @Field(() => Boolean, { description: 'Whether the device has a blob.' })
  blob!: boolean;

  @Field(() => String, { nullable: true, description: 'The blob, as saved (read with the device list, no extra call).' })
  blobContent!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Latest device information (stage, target, build, cell module), when the device reported it.' })
  deviceInfo!: Record<string, unknown> | null;
}

@ObjectType({ simpleResolvers: true, description: 'An Igtimi user group (`/groups`): members are users, other groups, and possibly the public.', implements: [Node, VendorRecord, Group] })
export class IgtimiGroup extends Group {
  @Field(() => Boolean, { nullable: true, description: "Hidden groups are Igtimi's own (`_members`, `_public`, device user groups)." })
  hidden!: boolean | null;

  @Field(() => IgtimiPermissions, { nullable: true })
  permissions!: IgtimiPermissions | null;

  @Field(() => Boolean)
  blob!: boolean;

  @Field(() => String, { nullable: true, description: 'The blob, as saved (read with the group list, no extra call).' })
  blobContent!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'An Igtimi device group: the devices whose serial starts with its prefix. `name` is the prefix.',
  implements: [Node, VendorRecord, Group],
})
export class IgtimiDeviceGroup extends Group {
  @Field(() => String, { description: 'Serial prefix, e.g. `GA-EN`.' })
  prefix!: string;

  @Field(() => Boolean, { description: 'Devices may be created in this group.' })
  createDevices!: boolean;

  @Field(() => Boolean, { description: 'Sub groups (tokens) may be created from this group.' })
  createTokens!: boolean;

  @Field(() => DateTime, { nullable: true, description: "When the group's token expires; null for never." })
  expiry!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Owner given to devices created in this group.' })
  defaultOwnerId!: number | null;

  @Field(() => String, { description: "The group's token: a secret, shown only when asked for here." })
  token!: string;
}

@ObjectType({ simpleResolvers: true, description: 'An Igtimi session: name, times and devices come from its XML log.', implements: [Node, VendorRecord, Session] })
export class IgtimiSession extends Session {
  @Field(() => Int, { nullable: true, description: 'Id of the user that created the session.' })
  ownerId!: number | null;

  @Field(() => Int, { nullable: true, description: 'Group whose members may read the session.' })
  sessionGroupId!: number | null;

  @Field(() => Int, { nullable: true, description: 'Group whose members may modify the session.' })
  adminSessionGroupId!: number | null;

  @Field(() => Boolean)
  blob!: boolean;

  @Field(() => String, { nullable: true, description: 'The blob, as saved (read with the session list, no extra call).' })
  blobContent!: string | null;
}
