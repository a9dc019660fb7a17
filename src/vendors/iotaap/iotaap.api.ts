import { BadUserInputError } from '../../core/errors';
import type { RequestMemo } from '../../core/request-memo';
import type { GroupRecord, NodeRecord, VendorPage } from '../../core/model';
import {
  relatedSlice,
  type CapabilityDeclaration,
  type EntitySource,
  type ListArgs,
  type MemberRef,
  type RecordLoader,
  type UpdateDeviceArgs,
  type VendorApi,
  type VendorRelations,
} from '../adapter';
import { loadByIds } from '../load-by-ids';
import type { IotaapClient } from './iotaap.client';
import { mapIotaapDevice, mapIotaapGroup, mapIotaapUser } from './iotaap.mapper';
import {
  IOTAAP_DEVICE,
  IOTAAP_GROUP,
  isIotaapObjectId,
  type IotaapDeviceRecord,
  type IotaapGroupRecord,
  type IotaapUserRecord,
} from './iotaap.model';
import type { IotaapWireListParams, IotaapWireUserUpdate } from './iotaap.wire';

/** IoTaaP pages lists by offset/limit; 100 is the largest page the gateway asks for. */
const MAX_PAGE = 100;
/**
 * IoTaaP has no batch read. Up to 3 ids cost one `GET /<kind>/{id}` each; more are found by
 * walking the list, which costs one call per 100 records.
 */
const BY_IDS = { vendor: 'IOTAAP' as const, pageSize: MAX_PAGE, singleGetLimit: 3 };
/** The memo key of the group list's first page (read ahead of a device list that shows groups). */
const FIRST_GROUP_PAGE = 'groups?0';

/** What IotaapApi offers beyond its sources and relations. */
export const IOTAAP_CAPABILITIES = {
  groups: true,
  devices: true,
  measurements: false,
  channelMessages: false,
  bookMessages: false,
  live: false,
} as const satisfies CapabilityDeclaration<IotaapApi>;

/** IoTaaP for one request and one credential. */
export class IotaapApi implements VendorApi {
  readonly vendor = 'IOTAAP' as const;
  readonly sources: readonly EntitySource[];
  /** IoTaaP's part of the request memo: the group list's first page, when it was read ahead. */
  private readonly memo: RequestMemo;

  constructor(
    private readonly client: IotaapClient,
    private readonly loader: RecordLoader,
  ) {
    this.sources = [this.deviceSource(), this.groupSource()];
    this.memo = loader.memo.within('IOTAAP');
  }

  readonly groups = {
    create: async (args: { name: string; description: string | null }): Promise<GroupRecord> => {
      if (args.description) throw new BadUserInputError('IOTAAP groups have no description; leave `description` out');
      return this.primed(this.groupsChanged(mapIotaapGroup(await this.client.createGroup({ name: args.name }))));
    },
    update: async (_typename: string, id: string, args: { name?: string | null; description?: string | null }) => {
      if (args.description) throw new BadUserInputError('IOTAAP groups have no description; leave `description` out');
      if (!args.name) throw new BadUserInputError('IOTAAP group updates need a `name`');
      return this.primed(this.groupsChanged(mapIotaapGroup(await this.client.updateGroup(id, { name: args.name }))));
    },
    delete: async (_typename: string, id: string): Promise<void> => {
      this.groupsChanged(await this.client.deleteGroup(id));
    },
    addMembers: (group: GroupRecord, members: readonly MemberRef[]) => this.moveDevices(group, members, 'add'),
    removeMembers: (group: GroupRecord, members: readonly MemberRef[]) => this.moveDevices(group, members, 'remove'),
  };

  readonly devices = {
    update: async (_typename: string, id: string, args: UpdateDeviceArgs): Promise<IotaapDeviceRecord> => {
      if (args.groupNativeId && !isIotaapObjectId(args.groupNativeId)) {
        throw new BadUserInputError(`"${args.groupNativeId}" is not an IOTAAP group id`);
      }
      // The doc's PUT takes the whole editable state {name, group}; read it first so that
      // fields the caller left out keep their values whatever the server does with omissions.
      const current = await this.loader.load<IotaapDeviceRecord>(IOTAAP_DEVICE, id);
      const group = args.groupNativeId === undefined ? current.groupNativeId : args.groupNativeId;
      const wire = await this.client.updateDevice(id, {
        name: args.name ?? current.name ?? undefined,
        group: group ?? 'undefined',
      });
      return this.primed(mapIotaapDevice(wire));
    },
  };

  readonly relations: VendorRelations<'Device' | 'Group'> = {
    'Device.groups': async (device, args) => {
      const groupId = (device as IotaapDeviceRecord).groupNativeId;
      return relatedSlice(groupId ? [await this.loader.load<IotaapGroupRecord>(IOTAAP_GROUP, groupId)] : [], args);
    },
    'Group.members': (group, args) => this.groupDevices(group.nativeId, args),
  };

  /** A page of one group's devices (`GET /groups/devices/{id}`), primed into the device loader. */
  async groupDevices(groupId: string, args: ListArgs): Promise<VendorPage<IotaapDeviceRecord>> {
    const answer = await this.client.listGroupDevices(groupId, listParams(args));
    return { items: this.primedAll(answer.devices.map(mapIotaapDevice)), total: answer.recordsFiltered };
  }

  async currentUser(): Promise<IotaapUserRecord> {
    return mapIotaapUser(await this.client.getCurrentUser());
  }

  async updateCurrentUser(update: IotaapWireUserUpdate): Promise<IotaapUserRecord> {
    return mapIotaapUser(await this.client.updateCurrentUser(update));
  }

  async createDevice(name: string | null): Promise<IotaapDeviceRecord> {
    return this.primed(mapIotaapDevice(await this.client.createDevice(name ? { name } : {})));
  }

  async deleteDevice(id: string): Promise<void> {
    await this.client.deleteDevice(id);
  }

  // Private:

  private deviceSource(): EntitySource<'Device'> {
    return {
      typename: IOTAAP_DEVICE,
      kind: 'Device',
      list: async (args) => {
        // Devices that will show their group: the group list's first page is read beside the
        // devices, so the group loader walks it (no call of its own) instead of asking afterwards.
        if (args.ahead?.(IOTAAP_DEVICE, 'group') || args.ahead?.(IOTAAP_DEVICE, 'groups')) {
          this.firstGroupPage().catch(() => undefined); // a failure is not kept: the group batch asks again
        }
        const answer = await this.client.listDevices(listParams(args));
        return { items: this.primedAll(answer.devices.map(mapIotaapDevice)), total: answer.recordsFiltered };
      },
      loadMany: (ids) =>
        loadByIds(ids, {
          ...BY_IDS,
          what: 'device',
          getOne: (id) => this.client.getDevice(id).then(mapIotaapDevice),
          pageAt: async (offset) => {
            const answer = await this.client.listDevices({ offset, limit: MAX_PAGE });
            return { items: answer.devices.map(mapIotaapDevice), total: answer.recordsTotal };
          },
        }),
    };
  }

  private groupSource(): EntitySource<'Group'> {
    return {
      typename: IOTAAP_GROUP,
      kind: 'Group',
      list: async (args) => {
        const answer = await this.client.listGroups(listParams(args));
        return { items: this.primedAll(answer.groups.map(mapIotaapGroup)), total: answer.recordsFiltered };
      },
      loadMany: (ids) =>
        loadByIds(ids, {
          ...BY_IDS,
          what: 'group',
          getOne: (id) => this.client.getGroup(id).then(mapIotaapGroup),
          pageAt: (offset) => (offset === 0 ? this.firstGroupPage() : this.groupPageAt(offset)),
          firstPageRead: this.memo.has(FIRST_GROUP_PAGE),
        }),
    };
  }

  /** A group write: the group list read earlier in this request is out of date. */
  private groupsChanged<T>(written: T): T {
    this.memo.forget(FIRST_GROUP_PAGE);
    return written;
  }

  private firstGroupPage(): Promise<VendorPage<IotaapGroupRecord>> {
    return this.memo.get(FIRST_GROUP_PAGE, () => this.groupPageAt(0));
  }

  private async groupPageAt(offset: number): Promise<VendorPage<IotaapGroupRecord>> {
    const answer = await this.client.listGroups({ offset, limit: MAX_PAGE });
    return { items: answer.groups.map(mapIotaapGroup), total: answer.recordsTotal };
  }

  /** IoTaaP moves a device by updating its `group` field (doc: "Add/Remove device"). */
  private async moveDevices(group: GroupRecord, members: readonly MemberRef[], action: 'add' | 'remove'): Promise<GroupRecord> {
    for (const member of members) {
      if (member.typename !== IOTAAP_DEVICE) {
        throw new BadUserInputError(`IOTAAP groups hold IotaapDevice members only, but got a ${member.typename}`);
      }
    }
    const devices = await Promise.all(members.map((m) => this.loader.load<IotaapDeviceRecord>(IOTAAP_DEVICE, m.nativeId)));
    await Promise.all(
      devices
        .filter((d) => (action === 'add' ? d.groupNativeId !== group.nativeId : d.groupNativeId === group.nativeId))
        .map(async (device) => {
          const wire = await this.client.updateDevice(device.nativeId, {
            name: device.name ?? undefined,
            group: action === 'add' ? group.nativeId : 'undefined',
          });
          this.primed(mapIotaapDevice(wire));
        }),
    );
    return group;
  }

  private primed<T extends NodeRecord>(record: T): T {
    this.loader.prime([record]);
    return record;
  }

  private primedAll<T extends NodeRecord>(records: T[]): T[] {
    this.loader.prime(records);
    return records;
  }
}

function listParams(args: ListArgs): IotaapWireListParams {
  return {
    offset: args.offset,
    limit: Math.min(args.limit, MAX_PAGE),
    ...(args.search ? { search_value: args.search } : {}),
  };
}
