import { BadUserInputError } from '../core/errors';
import { decodeIdOf } from '../core/ids';
import type { DeviceRecord, GroupRecord } from '../core/model';
import type { Vendor } from '../core/vendor';
import type { UpdateDeviceArgs, UpdateGroupArgs } from '../vendors/adapter';
import type { RequestContext } from './context';
import { loadById } from './entity-reads';

/** Unified writes: ids and inputs are checked here, before any vendor is called. */
export async function createGroup(
  ctx: RequestContext,
  input: { vendor: Vendor; name: string; description?: string | null },
): Promise<GroupRecord> {
  const name = requireName(input.name);
  return groupsOf(ctx, input.vendor).create({ name, description: input.description ?? null });
}

export async function updateGroup(ctx: RequestContext, id: string, input: UpdateGroupArgs): Promise<GroupRecord> {
  const group = decodeIdOf(id, ctx.services.registry.typenamesOf('Group'), 'Group');
  if (input.name !== undefined && input.name !== null) requireName(input.name);
  const groups = groupsOf(ctx, group.vendor);
  checkValid(ctx, group.type, group.nativeId);
  return groups.update(group.type, group.nativeId, input);
}

export async function deleteGroup(ctx: RequestContext, id: string): Promise<boolean> {
  const group = decodeIdOf(id, ctx.services.registry.typenamesOf('Group'), 'Group');
  const groups = groupsOf(ctx, group.vendor);
  checkValid(ctx, group.type, group.nativeId);
  await groups.delete(group.type, group.nativeId);
  return true;
}

export async function changeGroupMembers(
  ctx: RequestContext,
  id: string,
  memberIds: readonly string[],
  action: 'add' | 'remove',
): Promise<GroupRecord> {
  if (memberIds.length === 0) throw new BadUserInputError('`memberIds` must name at least one member', { argument: 'memberIds' });
  const { registry } = ctx.services;
  const groupId = decodeIdOf(id, registry.typenamesOf('Group'), 'Group');
  const members = memberIds.map((memberId) => {
    const member = decodeIdOf(memberId, [...registry.typenamesOf('Device'), ...registry.typenamesOf('Thing')], 'Device or Thing');
    if (member.vendor !== groupId.vendor) {
      throw new BadUserInputError(`A ${groupId.vendor} group can only hold ${groupId.vendor} members, but got a ${member.type}`, {
        argument: 'memberIds',
      });
    }
    checkValid(ctx, member.type, member.nativeId);
    return { typename: member.type, nativeId: member.nativeId };
  });
  const groups = groupsOf(ctx, groupId.vendor);
  const group = (await loadById(ctx, id, 'Group')) as GroupRecord;
  return action === 'add' ? groups.addMembers(group, members) : groups.removeMembers(group, members);
}

export async function updateDevice(
  ctx: RequestContext,
  id: string,
  input: { name?: string | null; groupId?: string | null },
): Promise<DeviceRecord> {
  const { registry } = ctx.services;
  const device = decodeIdOf(id, registry.typenamesOf('Device'), 'Device');
  checkValid(ctx, device.type, device.nativeId);
  if (input.name !== undefined && input.name !== null) requireName(input.name);
  const args: UpdateDeviceArgs = { name: input.name };
  if (input.groupId !== undefined) {
    if (input.groupId === null) args.groupNativeId = null;
    else {
      const group = decodeIdOf(input.groupId, registry.typenamesOf('Group'), 'Group');
      if (group.vendor !== device.vendor) {
        throw new BadUserInputError(`A ${device.vendor} device can only join a ${device.vendor} group`, { argument: 'groupId' });
      }
      checkValid(ctx, group.type, group.nativeId);
      args.groupNativeId = group.nativeId;
    }
  }
  return ctx.capableApi(device.vendor, 'devices').devices.update(device.type, device.nativeId, args);
}

function groupsOf(ctx: RequestContext, vendor: Vendor) {
  return ctx.capableApi(vendor, 'groups').groups;
}

function checkValid(ctx: RequestContext, typename: string, nativeId: string): void {
  const type = ctx.services.registry.type(typename);
  if (!type?.isValidNativeId(nativeId)) throw new BadUserInputError(`"${nativeId}" is not a valid ${typename} id`, { argument: 'id' });
}

function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) {
    throw new BadUserInputError('`name` must be 1 to 200 characters, not blank', { argument: 'name' });
  }
  return trimmed;
}
