import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Measurement } from '../../model/measurement.type';
import { Node } from '../../model/node.interface';
import { DateTime } from '../../model/scalars';
import { IgtimiImportState, IgtimiMemberKind } from './igtimi.enums';

export { BLOB_PATHS, IgtimiBlobKind, IgtimiImportState, IgtimiMemberKind, IgtimiPermissionKind, IgtimiResponseType } from './igtimi.enums';

@ObjectType({ simpleResolvers: true, description: 'What the credential may do with an Igtimi record.' })
export class IgtimiPermissions {
  @Field(() => Boolean, { description: 'May read (request data, see details).' })
  read!: boolean;

  @Field(() => Boolean, { description: 'May modify (share with others, update details).' })
  modify!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'An Igtimi user (account, application users, group members). Not loadable through `node`.', implements: [Node] })
export class IgtimiUser extends Node {
  @Field(() => Int, { description: "The user's Igtimi id." })
  userId!: number;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  surname!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the user has a blob (read it with `igtimiBlob(kind: USER)`).' })
  blob!: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: 'A stretch of recorded data of one device (`/resources`).' })
export class IgtimiResource {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  serialNumber!: string;

  @Field(() => DateTime)
  startTime!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Null while the device is still recording into it.' })
  endTime!: Date | null;

  @Field(() => [Int], { description: 'Igtimi data type numbers inside the resource (see docs/vendors/igtimi.md).' })
  dataTypes!: number[];

  @Field(() => IgtimiPermissions)
  permissions!: IgtimiPermissions;

  @Field(() => Boolean)
  blob!: boolean;

  @Field(() => Boolean, { description: 'Archived (older than six months, unused for four); data reads restore it.' })
  archived!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A time window of a device's data shared with a user or group." })
export class IgtimiDataAccessWindow {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  serialNumber!: string;

  @Field(() => DateTime)
  startTime!: Date;

  @Field(() => DateTime)
  endTime!: Date;

  @Field(() => IgtimiMemberKind, { description: 'USER or GROUP.' })
  recipientKind!: IgtimiMemberKind;

  @Field(() => Int, { description: "Igtimi's own user or group id. Arguments take `granteeId`." })
  recipientId!: number;

  @Field(() => IgtimiPermissions)
  permissions!: IgtimiPermissions;
}

@ObjectType({ simpleResolvers: true, description: 'A member of an Igtimi group and its permissions on the group.' })
export class IgtimiGroupMember {
  @Field(() => IgtimiMemberKind)
  kind!: IgtimiMemberKind;

  @Field(() => Int, { nullable: true, description: "Igtimi's own user or group id; null for PUBLIC. Arguments take `memberId`." })
  id!: number | null;

  @Field(() => IgtimiPermissions, { nullable: true })
  permissions!: IgtimiPermissions | null;
}

@ObjectType({ simpleResolvers: true, description: 'A device group token (`/devicegroup_tokens`).' })
export class IgtimiDeviceGroupToken {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'The token: a secret, shown only when asked for here.' })
  token!: string;

  @Field(() => DateTime, { nullable: true })
  expiry!: Date | null;

  @Field(() => Int, { nullable: true })
  parentId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'An Igtimi data type and the measurement names this gateway maps it to.' })
export class IgtimiDataType {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'Measurement names (empty when the type carries no values, e.g. 16 file).' })
  measurementNames!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'An imported .IPB file and its processing state.' })
export class IgtimiImportFile {
  @Field(() => IgtimiImportState)
  state!: IgtimiImportState;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  md5!: string;

  @Field(() => DateTime)
  uploadedAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Data of many devices over a range, with what is still being restored from the archive.' })
export class IgtimiDataResult {
  @Field(() => [Measurement], { description: 'Points of every device, oldest first per device.' })
  measurements!: Measurement[];

  @Field(() => [Int], { description: 'Archived resources Igtimi is restoring; ask again until this is empty.' })
  archivedResourceIds!: number[];

  @Field(() => Boolean, { description: 'True when nothing in the range is archived (the data is whole).' })
  complete!: boolean;

  @Field(() => Int, { description: 'Upstream `resources/data` calls made (one per week of the range).' })
  calls!: number;

  @Field(() => Float, { description: 'Length of the range in hours.' })
  hours!: number;
}
