import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTime } from '../../model/scalars';

@InputType({ description: 'Filters of `GET /sessions`; every field is optional.' })
export class IgtimiSessionFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only these sessions (global ids), read in one `ids[]` call.' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Include public sessions (Igtimi default true; forced true for application credentials).' })
  public?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'At most this many sessions (1 to 1000).' })
  limit?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Include sessions without a start or end time (default true).' })
  includeIncomplete?: boolean | null;

  @Field(() => DateTime, { nullable: true, description: 'Sessions that end, or extend, after this time.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Sessions that start, or extend, before this time.' })
  to?: Date | null;
}

@InputType({ description: 'A new device (`POST /devices`).' })
export class IgtimiCreateDeviceInput {
  @Field(() => String, { description: 'Serial prefix approved for the application, e.g. `GA-EN` (or `GA` with a `date`).' })
  prefix!: string;

  @Field(() => String, { nullable: true, description: 'Two characters for the middle section of the serial (with a two-letter `prefix`).' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'Device identifier, unique for the prefix (wins over imei).' })
  uid?: string | null;

  @Field(() => String, { nullable: true })
  imei?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Register to the default owner at once (default true).' })
  register?: boolean | null;

  @Field(() => ID, { nullable: true, description: "Create under this device group, authorised by the group's token." })
  deviceGroupId?: string | null;
}

@InputType({ description: 'A new device group (`POST /devicegroups`).' })
export class IgtimiCreateDeviceGroupInput {
  @Field(() => String, { description: 'Serial prefix, e.g. `AA-AA`.' })
  prefix!: string;

  @Field(() => Boolean)
  createDevices!: boolean;

  @Field(() => Boolean)
  createTokens!: boolean;

  @Field(() => DateTime, { nullable: true })
  expiry?: Date | null;

  @Field(() => ID, { nullable: true, description: "Parent device group: the new group is a sub group created with the parent's token." })
  parentDeviceGroupId?: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the IgtimiUser who owns the group's new devices." })
  defaultOwner?: string | null;

  @Field(() => Int, { nullable: true, deprecationReason: "Igtimi's own user id: use `defaultOwner`." })
  defaultOwnerId?: number | null;
}

@InputType({ description: "A window of a device's data to share (`POST /devices/:serial/data_access_windows`)." })
export class IgtimiCreateDataAccessWindowInput {
  @Field(() => String)
  serialNumber!: string;

  @Field(() => DateTime)
  from!: Date;

  @Field(() => DateTime)
  to!: Date;

  @Field(() => Boolean)
  read!: boolean;

  @Field(() => Boolean)
  modify!: boolean;

  @Field(() => ID, { nullable: true, description: 'Share with this IgtimiUser or IgtimiGroup (its global id).' })
  granteeId?: string | null;

  @Field(() => Int, { nullable: true, deprecationReason: "Igtimi's own user id: use `granteeId`." })
  userId?: number | null;

  @Field(() => ID, { nullable: true, deprecationReason: 'Use `granteeId`, which takes users and groups alike.' })
  groupId?: string | null;
}

@InputType({ description: 'A user or a group, as a member or grantee of an Igtimi group: exactly one field.' })
export class IgtimiMemberInput {
  @Field(() => ID, { nullable: true, description: 'Global id of an IgtimiUser or IgtimiGroup.' })
  id?: string | null;

  @Field(() => Int, { nullable: true, deprecationReason: "Igtimi's own user id: use `id`." })
  userId?: number | null;

  @Field(() => ID, { nullable: true, deprecationReason: 'Use `id`, which takes users and groups alike.' })
  groupId?: string | null;
}
