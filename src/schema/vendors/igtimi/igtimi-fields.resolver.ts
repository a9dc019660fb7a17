import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import type { IgtimiDeviceRecord, IgtimiGroupRecord, IgtimiSessionRecord } from '../../../vendors/igtimi';
import { DateTime, JSONObject } from '../../model/scalars';
import { IgtimiDataAccessWindow, IgtimiGroupMember, IgtimiPermissionKind, IgtimiResource, IgtimiUser } from './igtimi-common.types';
import { IgtimiDevice, IgtimiGroup, IgtimiSession } from './igtimi-entities.types';
import { igtimi } from './igtimi.checks';

@Resolver(() => IgtimiDevice)
export class IgtimiDeviceFieldsResolver {
  @FieldResolver(() => DateTime, {
    nullable: true,
    description: 'Time of the newest data: from the live feed while one runs, else one `resources/data/latest` call shared by every device of the request.',
  })
  lastSeenAt(@Root() device: IgtimiDeviceRecord, @Ctx() ctx: RequestContext) {
    return device.lastSeenAt ?? igtimi(ctx).lastSeen.of(device.nativeId);
  }

  // The device list leaves device info out: these three read it only for devices whose query asks.
  @FieldResolver(() => JSONObject, { nullable: true, description: 'Latest device information (stage, target, build, cell module), when the device reported it.' })
  async deviceInfo(@Root() device: IgtimiDeviceRecord, @Ctx() ctx: RequestContext) {
    return (await igtimi(ctx).detailed(device)).deviceInfo;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Model or device type.' })
  async model(@Root() device: IgtimiDeviceRecord, @Ctx() ctx: RequestContext) {
    return (await igtimi(ctx).detailed(device)).model;
  }

  @FieldResolver(() => JSONObject, { description: "The vendor's payload as received, with secrets redacted." })
  async raw(@Root() device: IgtimiDeviceRecord, @Ctx() ctx: RequestContext) {
    return (await igtimi(ctx).detailed(device)).raw;
  }

  @FieldResolver(() => IgtimiUser, { nullable: true, description: 'The owning user (from the users list, read once per request).' })
  async owner(@Root() device: IgtimiDeviceRecord, @Ctx() ctx: RequestContext) {
    return (await igtimi(ctx).allUsers()).find((user) => user.userId === device.ownerId) ?? null;
  }

  @FieldResolver(() => [IgtimiResource], { nullable: true, description: "The device's resources; every device asking in one request shares one `serial_numbers[]` call." })
  resources(
    @Root() device: IgtimiDeviceRecord,
    @Arg('permission', () => IgtimiPermissionKind, { defaultValue: IgtimiPermissionKind.READ }) permission: IgtimiPermissionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).ops.resourcesOf(device.nativeId, permission === IgtimiPermissionKind.READ ? 'read' : 'modify');
  }

  @FieldResolver(() => [IgtimiDataAccessWindow], { nullable: true, description: "The device's data access windows, batched like `resources`." })
  dataAccessWindows(
    @Root() device: IgtimiDeviceRecord,
    @Arg('type', () => IgtimiPermissionKind, { defaultValue: IgtimiPermissionKind.READ }) type: IgtimiPermissionKind,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).ops.windowsOf(device.nativeId, type === IgtimiPermissionKind.READ ? 'read' : 'modify');
  }
}

@Resolver(() => IgtimiGroup)
export class IgtimiGroupFieldsResolver {
  @FieldResolver(() => [IgtimiGroupMember], { nullable: true, description: 'Members with their permissions (`GET /groups/:id/members`).' })
  memberships(@Root() group: IgtimiGroupRecord, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.members(group.nativeId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the public is a member (made public); shares the members call.' })
  async public(@Root() group: IgtimiGroupRecord, @Ctx() ctx: RequestContext) {
    return (await igtimi(ctx).members.members(group.nativeId)).some((member) => member.kind === 'PUBLIC');
  }
}

@Resolver(() => IgtimiSession)
export class IgtimiSessionFieldsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The session log, an XML document (`GET /sessions/:id/logs`).' })
  log(@Root() session: IgtimiSessionRecord, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).sessions.log(session.nativeId, null);
  }
}
