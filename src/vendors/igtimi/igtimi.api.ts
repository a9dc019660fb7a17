import DataLoader from 'dataloader';
import { BadUserInputError } from '../../core/errors';
import type { GroupRecord, NodeRecord } from '../../core/model';
import type { RequestMemo } from '../../core/request-memo';
import { relatedSlice, type CapabilityDeclaration, type EntitySource, type MeasurementArgs, type RecordLoader, type UpdateDeviceArgs, type VendorApi, type VendorRelations } from '../adapter';
import type { VendorListCache } from '../vendor-list-cache';
import type { IgtimiClient } from './igtimi.client';
import { fixedCatalogue } from '../measurement-catalogue';
import { IgtimiMeasurements } from './igtimi.reads-data';
import { IGTIMI_MEASUREMENTS } from './igtimi.catalogue';
import { IgtimiLastSeen } from './igtimi.reads-last-seen';
import { igtimiLiveFeeds } from './igtimi.live-feeds';
import type { IgtimiLiveHub } from './igtimi.live';
import * as map from './igtimi.mapper';
import * as m from './igtimi.model';
import { IgtimiMemberOps } from './igtimi.ops-members';
import { IgtimiOps } from './igtimi.ops';
import { IgtimiSessionOps, serialsInLog } from './igtimi.ops-sessions';
import { DEVICE_LIST_EXTRAS, igtimiSources, loadDevices } from './igtimi.reads-sources';

/** What IgtimiApi offers beyond its sources and relations. */
export const IGTIMI_CAPABILITIES = {
  groups: true,
  devices: true,
  measurements: true,
  channelMessages: false,
  bookMessages: false,
  live: true,
} as const satisfies CapabilityDeclaration<IgtimiApi>;

/** Igtimi for one request and one credential. */
export class IgtimiApi implements VendorApi {
  readonly vendor = 'IGTIMI' as const;
  readonly sources: readonly EntitySource[];
  readonly ops: IgtimiOps;
  readonly members: IgtimiMemberOps;
  readonly sessions: IgtimiSessionOps;
  readonly data: IgtimiMeasurements;
  readonly lastSeen: IgtimiLastSeen;
  readonly live;
  /** Igtimi's part of the request memo: whole-list reads shared by every field (Igtimi lists have no paging). */
  private readonly memo: RequestMemo;

  constructor(
    readonly client: IgtimiClient,
    private readonly loader: RecordLoader,
    hub: IgtimiLiveHub,
    private readonly credentialKey: string,
    /** For the OAuth authorize URL a front-end sends its users to. */
    readonly oauth: { baseUrl: string; clientId: string | null },
    /** Whole-list reads shared across requests of the same credential for a short while. */
    private readonly listCache: VendorListCache | null = null,
  ) {
    this.memo = loader.memo.within('IGTIMI');
    this.data = new IgtimiMeasurements(client);
    this.lastSeen = new IgtimiLastSeen(client, hub, credentialKey);
    this.ops = new IgtimiOps(client, loader, this);
    this.members = new IgtimiMemberOps(client, loader, this);
    this.sessions = new IgtimiSessionOps(client, this);
    this.live = igtimiLiveFeeds(hub, credentialKey, client.background());
    this.sources = igtimiSources(this, client);
  }

  readonly groups = {
    create: async (args: { name: string; description: string | null }): Promise<GroupRecord> => {
      if (args.description) throw new BadUserInputError('IGTIMI groups have no description; leave `description` out', { argument: 'description' });
      return this.primed(map.mapIgtimiGroup((await this.client.createGroup(args.name)).group));
    },
    update: async (): Promise<GroupRecord> => {
      throw new BadUserInputError('IGTIMI groups cannot be renamed (the API has no update); create a new group instead');
    },
    delete: async (typename: string, id: string): Promise<void> => {
      if (typename !== m.IGTIMI_GROUP) throw new BadUserInputError('IGTIMI device groups cannot be deleted (the API has no delete)');
      await this.client.deleteGroup(id);
    },
    addMembers: async (): Promise<GroupRecord> => {
      throw new BadUserInputError(
        'IGTIMI groups hold users and groups, not devices: use igtimiAddGroupMember; devices join a device group by being created in it',
        { argument: 'memberIds' },
      );
    },
    removeMembers: async (): Promise<GroupRecord> => {
      throw new BadUserInputError('IGTIMI groups hold users and groups, not devices: use igtimiRemoveGroupMember', { argument: 'memberIds' });
    },
  };

  readonly devices = {
    update: async (_typename: string, serial: string, args: UpdateDeviceArgs): Promise<m.IgtimiDeviceRecord> => {
      if (args.groupNativeId !== undefined) {
        throw new BadUserInputError('IGTIMI devices belong to the device group of their serial prefix; `groupId` cannot move them', { argument: 'groupId' });
      }
      if (!args.name) throw new BadUserInputError('IGTIMI device updates need a `name`', { argument: 'name' });
      const current = await this.loader.load<m.IgtimiDeviceRecord>(m.IGTIMI_DEVICE, serial);
      await this.client.updateDevice(serial, args.name);
      // The PUT answers `{ success }` only; the record is the one read, renamed.
      return this.primed({ ...current, name: args.name, raw: { ...current.raw, name: args.name } });
    },
  };

  readonly measurements = {
    forSource: (source: NodeRecord, args: MeasurementArgs) =>
      source.typename === m.IGTIMI_DEVICE ? this.data.forSerial(source.nativeId, args) : Promise.resolve([]),
    ...fixedCatalogue(m.IGTIMI_DEVICE, IGTIMI_MEASUREMENTS),
  };

  readonly relations: VendorRelations<'Device' | 'Group' | 'Session'> = {
    // A device belongs to the device group whose prefix starts its serial.
    'Device.groups': async (device, args) =>
      relatedSlice((await this.allDeviceGroups()).filter((group) => device.nativeId.startsWith(group.prefix.replace(/-$/, ''))), args),
    'Group.members': async (group, args) => {
      if (group.typename !== m.IGTIMI_DEVICE_GROUP) return relatedSlice(await this.members.memberNodes(group.nativeId), args);
      const prefix = (group as m.IgtimiDeviceGroupRecord).prefix.replace(/-$/, '');
      return relatedSlice((await this.allDevices()).filter((device) => device.nativeId.startsWith(prefix)), args);
    },
    'Session.devices': async (session, args) => relatedSlice(await this.sessionDevices(session.nativeId), args),
  };

  /**
   * Every device of the credential, read once per request and, through the shared list cache,
   * once per few seconds per credential: a page walk costs one `GET /devices`, not one per page.
   * The list leaves device info out (`DEVICE_LIST_EXTRAS`); `detailed` reads it for the devices shown.
   */
  allDevices(fresh = false): Promise<m.IgtimiDeviceRecord[]> {
    const read = async () => (await this.client.listDevices(DEVICE_LIST_EXTRAS)).devices.map((d) => map.mapIgtimiDevice(d.device));
    // Keyed by its form: a cached list without device info never answers for one with it.
    return this.shared(fresh, 'devices', async () => this.primedAll(await (this.listCache ? this.listCache.get(this.credentialKey, 'devices-without-info', read) : read())));
  }

  /** The device with its device info: itself when read with it, else one `serial_numbers[]` call shared by every device of the request. */
  async detailed(device: m.IgtimiDeviceRecord): Promise<m.IgtimiDeviceRecord> {
    if (!device.deviceInfoUnread) return device;
    this.details ??= new DataLoader((serials) => loadDevices(this.client, serials), { maxBatchSize: 100 });
    return this.details.load(device.nativeId);
  }

  private details: DataLoader<string, m.IgtimiDeviceRecord> | undefined;

  allDeviceGroups(fresh = false): Promise<m.IgtimiDeviceGroupRecord[]> {
    return this.shared(fresh, 'devicegroups', async () =>
      this.primedAll((await this.client.listDeviceGroups({ show_expired: true, show_subgroups: true })).devicegroups.map((g) => map.mapIgtimiDeviceGroup(g.devicegroup))),
    );
  }

  allGroups(fresh = false): Promise<m.IgtimiGroupRecord[]> {
    return this.shared(fresh, 'groups', async () => this.primedAll((await this.client.listGroups({ blob_content: true })).groups.map((g) => map.mapIgtimiGroup(g.group))));
  }

  allSessions(fresh = false): Promise<m.IgtimiSessionRecord[]> {
    return this.shared(fresh, 'sessions', async () => this.primedAll((await this.client.listSessions({ blob_content: true })).sessions.map((x) => map.mapIgtimiSession(x.session))));
  }

  allUsers(): Promise<m.IgtimiUserRecord[]> {
    return this.once('users', async () => (await this.client.listUsers()).users.map((u) => map.mapIgtimiUser(u.user)));
  }

  /** Lists read fresh (a root list) or shared with the request's other fields (a relation). */
  private shared<T>(fresh: boolean, key: string, read: () => Promise<T>): Promise<T> {
    return fresh ? this.fresh(key, read) : this.once(key, read);
  }

  /** `read` once per request: later asks share the first answer (a failure is not kept). */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.memo.get(key, read);
  }

  /** `read` now, and share its answer with later `once` asks. */
  fresh<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.memo.refresh(key, read);
  }

  primed<T extends NodeRecord>(record: T): T {
    this.loader.prime([record]);
    return record;
  }

  // Private:

  private primedAll<T extends NodeRecord>(records: T[]): T[] {
    this.loader.prime(records);
    return records;
  }

  /** Devices named in the session log (`<device serial_number="…"/>`), loaded in one batch. */
  private async sessionDevices(sessionId: string): Promise<NodeRecord[]> {
    const serials = serialsInLog(await this.sessions.log(sessionId, null));
    const loaded = await Promise.all(serials.map((serial) => this.loader.load<m.IgtimiDeviceRecord>(m.IGTIMI_DEVICE, serial).catch(() => null)));
    return loaded.filter((device): device is m.IgtimiDeviceRecord => device !== null);
  }
}
