import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { IGTIMI_DEVICE_GROUP, IGTIMI_GROUP, IGTIMI_SESSION, isIgtimiPrefix } from '../../../vendors/igtimi';
import { IgtimiBlobKind } from './igtimi-common.types';
import { BLOB_KIND, BLOB_NATIVE_ID, BLOB_RECORD, BLOB_RESOURCE } from './igtimi-blob.args';
import { IgtimiDevice, IgtimiDeviceGroup, IgtimiSession } from './igtimi-entities.types';
import { blobTarget, igtimi, nativeArg, rangeArg, serialArg, targetArg, userArg } from './igtimi.checks';
import { IgtimiCreateDataAccessWindowInput, IgtimiCreateDeviceGroupInput, IgtimiCreateDeviceInput, IgtimiMemberInput } from './igtimi.inputs';

/** Igtimi-only writes (`igtimi…`); unified ones (`createGroup`, `deleteGroup`, `updateDevice`) live with the other vendors'. */
@Resolver()
export class IgtimiMutationsResolver {
  @Mutation(() => IgtimiDevice, { description: 'Creates a device (`POST /devices`); an existing uid/imei answers the existing device.' })
  igtimiCreateDevice(@Arg('input', () => IgtimiCreateDeviceInput) input: IgtimiCreateDeviceInput, @Ctx() ctx: RequestContext) {
    // Either the whole prefix (`GA-EN`), or its first section with `date` as the middle one (`GA` + `EN`).
    const prefixShape = input.date ? /^[A-Z]{2}$/ : /^[A-Z]{2}-[A-Z]{2}$/;
    if (!prefixShape.test(input.prefix)) throw new BadUserInputError('`prefix` must look like GA-EN (or GA with a `date`)', { argument: 'prefix' });
    if (input.date && !/^[A-Z]{2}$/.test(input.date)) throw new BadUserInputError('`date` must be two capital letters', { argument: 'date' });
    const deviceGroupId = input.deviceGroupId ? nativeArg(input.deviceGroupId, IGTIMI_DEVICE_GROUP, 'deviceGroupId') : null;
    return igtimi(ctx).ops.createDevice({ ...input, deviceGroupId });
  }

  @Mutation(() => IgtimiDevice, { description: 'Registers a device to the user (`POST /devices/register`) with its serial number and service tag.' })
  igtimiRegisterDevice(@Arg('serialNumber', () => String) serialNumber: string, @Arg('serviceTag', () => String) serviceTag: string, @Ctx() ctx: RequestContext) {
    if (!/^[A-Z0-9]{2,8}$/.test(serviceTag)) throw new BadUserInputError('`serviceTag` must be 2 to 8 letters or digits', { argument: 'serviceTag' });
    return igtimi(ctx).ops.registerDevice(serialArg(serialNumber), serviceTag);
  }

  @Mutation(() => Boolean, { description: 'Unregisters a device from the user (`DELETE /devices/:serial/unregister`).' })
  igtimiUnregisterDevice(@Arg('serialNumber', () => String) serialNumber: string, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.unregisterDevice(serialArg(serialNumber));
  }

  @Mutation(() => Boolean, { description: "Shares a window of a device's data with a user or group (`POST /devices/:serial/data_access_windows`)." })
  igtimiCreateDataAccessWindow(@Arg('input', () => IgtimiCreateDataAccessWindowInput) input: IgtimiCreateDataAccessWindowInput, @Ctx() ctx: RequestContext) {
    const serial = serialArg(input.serialNumber);
    rangeArg(input.from, input.to);
    const target = targetArg({ id: input.granteeId, userId: input.userId, groupId: input.groupId }, 'input');
    return igtimi(ctx).ops.createWindow(serial, { from: input.from, to: input.to, read: input.read, modify: input.modify, target });
  }

  @Mutation(() => IgtimiDeviceGroup, { description: 'Creates a device group, or a sub group of `parentDeviceGroupId` (`POST /devicegroups`).' })
  igtimiCreateDeviceGroup(@Arg('input', () => IgtimiCreateDeviceGroupInput) input: IgtimiCreateDeviceGroupInput, @Ctx() ctx: RequestContext) {
    if (!isIgtimiPrefix(input.prefix)) throw new BadUserInputError('`prefix` must look like AA-AA', { argument: 'prefix' });
    const parent = input.parentDeviceGroupId ? nativeArg(input.parentDeviceGroupId, IGTIMI_DEVICE_GROUP, 'parentDeviceGroupId') : null;
    const owner = input.defaultOwner == null && input.defaultOwnerId == null ? null : userArg(input.defaultOwner ?? null, input.defaultOwnerId ?? null, 'defaultOwner', 'defaultOwnerId');
    return igtimi(ctx).ops.createDeviceGroup({ ...input, parentDeviceGroupId: parent, defaultOwnerId: owner });
  }

  @Mutation(() => IgtimiSession, { description: 'Creates a session (`POST /sessions`); name and times come from its log (`igtimiAppendSessionLog`).' })
  igtimiCreateSession(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).sessions.create();
  }

  @Mutation(() => Boolean, { description: 'Deletes a session (`DELETE /sessions/:id`).' })
  igtimiDeleteSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).sessions.delete(nativeArg(id, IGTIMI_SESSION, 'id'));
  }

  @Mutation(() => Boolean, {
    description: 'Appends to a session log (`POST /sessions/:id/logs`, an XML body); XML that is malformed or refused is BAD_USER_INPUT.',
  })
  igtimiAppendSessionLog(@Arg('id', () => ID) id: string, @Arg('xml', () => String) xml: string, @Ctx() ctx: RequestContext) {
    if (xml.length > 256 * 1024) throw new BadUserInputError('`xml` may be at most 256 KiB', { argument: 'xml' });
    return igtimi(ctx).sessions.appendLog(nativeArg(id, IGTIMI_SESSION, 'id'), xml);
  }

  @Mutation(() => Boolean, { description: 'Adds a user or group to an Igtimi group (`POST /groups/:id/members`).' })
  igtimiAddGroupMember(@Arg('groupId', () => ID) groupId: string, @Arg('member', () => IgtimiMemberInput) member: IgtimiMemberInput, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.changeGroup(nativeArg(groupId, IGTIMI_GROUP, 'groupId'), 'members.add', targetArg(member, 'member'));
  }

  @Mutation(() => Boolean, { description: 'Removes a user or group from an Igtimi group (`DELETE /groups/:id/members`).' })
  igtimiRemoveGroupMember(@Arg('groupId', () => ID) groupId: string, @Arg('member', () => IgtimiMemberInput) member: IgtimiMemberInput, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.changeGroup(nativeArg(groupId, IGTIMI_GROUP, 'groupId'), 'members.remove', targetArg(member, 'member'));
  }

  @Mutation(() => Boolean, { description: 'Grants (or with `grant: false` revokes) modify permission on a group (`grant_modify` / `revoke_modify`).' })
  igtimiSetGroupModify(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('member', () => IgtimiMemberInput) member: IgtimiMemberInput,
    @Arg('grant', () => Boolean) grant: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).members.changeGroup(nativeArg(groupId, IGTIMI_GROUP, 'groupId'), grant ? 'grant_modify' : 'revoke_modify', targetArg(member, 'member'));
  }

  @Mutation(() => Boolean, { description: 'Makes a group public or private (`make_public` / `make_private`).' })
  igtimiSetGroupPublic(@Arg('groupId', () => ID) groupId: string, @Arg('public', () => Boolean) visible: boolean, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.setGroupPublic(nativeArg(groupId, IGTIMI_GROUP, 'groupId'), visible);
  }

  @Mutation(() => Boolean, { description: 'Saves a blob (`POST /<kind>/:id/blob`) of the record `recordId` names, or of an Igtimi resource (`resourceId`).' })
  igtimiSaveBlob(
    @Arg('recordId', () => ID, BLOB_RECORD) recordId: string | null,
    @Arg('resourceId', () => Int, BLOB_RESOURCE) resourceId: number | null,
    @Arg('content', () => String) content: string,
    @Arg('kind', () => IgtimiBlobKind, BLOB_KIND) kind: IgtimiBlobKind | null,
    @Arg('id', () => String, BLOB_NATIVE_ID) id: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    if (content.length > 64 * 1024) throw new BadUserInputError('`content` may be at most 64 KiB', { argument: 'content' });
    const target = blobTarget({ recordId, resourceId, kind, id });
    return igtimi(ctx).ops.saveBlob(target.path, target.id, content);
  }
}
