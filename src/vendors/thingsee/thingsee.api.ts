import { BadUserInputError, VendorError } from '../../core/errors';
import type { GroupRecord, MeasurementRecord, NodeRecord } from '../../core/model';
import {
  NO_RELATED,
  relatedSlice,
  type CapabilityDeclaration,
  type CreateGroupArgs,
  type EntitySource,
  type MeasurementArgs,
  type MemberRef,
  type RecordLoader,
  type UpdateGroupArgs,
  type VendorApi,
  type VendorRelations,
} from '../adapter';
import { fixedCatalogue } from '../measurement-catalogue';
import type { VendorListCache } from '../vendor-list-cache';
import { MEASUREMENT_MESSAGE_IDS, THINGSEE_MEASUREMENTS, THINGSEE_MEASUREMENT_NAMES, messageIdsFor } from './thingsee.catalogue';
import type { ThingseeClient } from './thingsee.client';
import type { ThingseeFeeds } from './thingsee.live';
import { mapThingseeAlerts, mapThingseeGroup, messageMeasurements } from './thingsee.mapper';
import {
  THINGSEE_GROUP,
  THINGSEE_THING,
  UNASSIGNED_GROUP,
  groupIdProblem,
  type ThingseeAlertRecord,
  type ThingseeGroupRecord,
  type ThingseeThingRecord,
} from './thingsee.model';
import { ThingseeReads } from './thingsee.reads';
import { ThingseeSources } from './thingsee.reads-sources';
import { ThingseeThings } from './thingsee.ops-things';

/** Most messages asked for in one `measurements` read. */
const MAX_MESSAGES = 1000;

/** What ThingseeApi offers beyond its sources and relations. */
export const THINGSEE_CAPABILITIES = {
  groups: true,
  devices: false,
  measurements: true,
  channelMessages: false,
  bookMessages: false,
  live: true,
} as const satisfies CapabilityDeclaration<ThingseeApi>;

/** Thingsee for one request and one credential. */
export class ThingseeApi implements VendorApi {
  readonly vendor = 'THINGSEE' as const;
  readonly sources: readonly EntitySource[];
  /** Thingsee-only reads and writes of one thing (installations, commands, messages, group). */
  readonly things: ThingseeThings;
  private readonly reads: ThingseeReads;
  private readonly lists: ThingseeSources;

  constructor(
    private readonly client: ThingseeClient,
    private readonly loader: RecordLoader,
    private readonly feeds: ThingseeFeeds,
    private readonly credentialKey: string,
    listCache: VendorListCache | null = null,
  ) {
    this.reads = new ThingseeReads(client, loader.memo.within('THINGSEE'), listCache ? { cache: listCache, credentialKey } : null);
    this.lists = new ThingseeSources(this.reads, loader);
    this.things = new ThingseeThings(client, this.reads, loader);
    this.sources = [this.lists.things(), this.lists.alerts(), this.lists.groups()];
  }

  readonly groups = {
    create: async (args: CreateGroupArgs): Promise<GroupRecord> => {
      const problem = groupIdProblem(args.name);
      if (problem) throw new BadUserInputError(`A Thingsee group id (\`name\`) ${problem}`, { argument: 'name' });
      const wire = await this.client.createGroup({ group_id: args.name, ...(args.description ? { group_description: args.description } : {}) });
      this.reads.forget('groups ');
      return this.primed(mapThingseeGroup(wire));
    },
    update: async (_typename: string, id: string, args: UpdateGroupArgs): Promise<GroupRecord> => {
      if (args.description !== undefined && args.description !== null) {
        throw new BadUserInputError('Thingsee cannot change a group description; leave `description` out', { argument: 'description' });
      }
      if (!args.name) throw new BadUserInputError('A Thingsee group update renames it: give a `name`', { argument: 'name' });
      const problem = groupIdProblem(args.name);
      if (problem) throw new BadUserInputError(`A Thingsee group id (\`name\`) ${problem}`, { argument: 'name' });
      // Read first: rename answers no description, and a missing group is NOT_FOUND before any write.
      const current = await this.loader.load<ThingseeGroupRecord>(THINGSEE_GROUP, id);
      const answer = await this.client.renameGroup(id, args.name);
      if (!answer.renamed) throw new VendorError('THINGSEE', 'VENDOR_ERROR', `THINGSEE did not rename group ${id}`);
      this.reads.forget('groups ');
      return this.primed(mapThingseeGroup({ group_id: answer.group_id, group_description: current.description }));
    },
    delete: async (_typename: string, id: string): Promise<void> => {
      const answer = await this.client.deleteGroup(id);
      if (!answer.deleted) throw new VendorError('THINGSEE', 'VENDOR_ERROR', `THINGSEE did not delete group ${id}`);
      this.reads.forget('groups ');
    },
    addMembers: async (group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord> => {
      await Promise.all(thingTuids(members).map((tuid) => this.things.setGroup(tuid, group.nativeId)));
      return group;
    },
    removeMembers: async (group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord> => {
      // No "leave group" endpoint: a thing leaves by moving to the reserved `unassigned` group,
      // and only if it is in this group now.
      await Promise.all(
        thingTuids(members).map(async (tuid) => {
          if ((await this.reads.thingGroup(tuid)).group_id === group.nativeId) await this.things.setGroup(tuid, UNASSIGNED_GROUP);
        }),
      );
      return group;
    },
  };

  readonly relations: VendorRelations<'Thing' | 'Alert' | 'Group'> = {
    'Thing.groups': async (thing, args) => {
      const group = await this.things.deploymentGroup(thing.nativeId);
      return relatedSlice(group ? [group] : [], args);
    },
    // Thingsee has no channels.
    'Thing.channels': NO_RELATED,
    'Thing.alerts': async (thing, args) => relatedSlice(await this.alertsOf(thing.nativeId, null), args),
    'Group.members': (group, args) => this.lists.groupThings(group.nativeId, args),
    'Alert.thing': async (alert, args) =>
      relatedSlice([await this.loader.load<ThingseeThingRecord>(THINGSEE_THING, (alert as ThingseeAlertRecord).tuid)], args),
  };

  /**
   * Alerts of one thing. Without a window: its active alerts, and no call at all unless
   * `things/alerts` (asked once per request) lists it. With a window: its history in it.
   */
  async alertsOf(tuid: string, window: { from: Date | null; to: Date | null } | null): Promise<ThingseeAlertRecord[]> {
    if (!window || (!window.from && !window.to)) {
      const { alerting_tuids: alerting } = await this.reads.alertingTuids();
      if (!alerting.includes(tuid)) return [];
      return mapThingseeAlerts(await this.reads.thingAlerts(tuid)).filter((alert) => alert.active);
    }
    const query = { from: unixSeconds(window.from), to: unixSeconds(window.to) };
    return mapThingseeAlerts(await this.reads.thingAlerts(tuid, query));
  }

  async alertCount(): Promise<number> {
    const { alert_count: count } = await this.client.alertCount();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 0) throw new VendorError('THINGSEE', 'VENDOR_ERROR', `THINGSEE answered an alert count of "${count}"`);
    return n;
  }

  readonly measurements = {
    forSource: async (source: NodeRecord, args: MeasurementArgs): Promise<MeasurementRecord[]> => {
      if (source.typename !== THINGSEE_THING) return [];
      const ids = args.names ? messageIdsFor(checkNames(args.names)) : [...MEASUREMENT_MESSAGE_IDS];
      const limit = Math.min(MAX_MESSAGES, args.last ? args.last * ids.length : 100);
      const messages = await this.reads.messages(source.nativeId, {
        messageid: ids.join(','),
        from: unixSeconds(args.from),
        to: unixSeconds(args.to),
        limit,
      });
      const points = messages.flatMap((m) => messageMeasurements(m, source.nativeId)).filter((p) => !args.names || args.names.includes(p.name));
      return latestPerName(points, args.last);
    },
    ...fixedCatalogue(THINGSEE_THING, THINGSEE_MEASUREMENTS),
  };

  readonly live = {
    measurements: (sources: readonly NodeRecord[], names: readonly string[] | null) =>
      this.feeds.measurements(this.client.background(), this.credentialKey, sources.map((s) => s.nativeId), names ? checkNames(names) : null),
    alertEvents: (things: readonly NodeRecord[] | null) =>
      this.feeds.alertEvents(this.client.background(), this.credentialKey, things ? things.map((t) => t.nativeId) : null),
  };

  // Private:

  private primed<T extends NodeRecord>(record: T): T {
    this.loader.prime([record]);
    return record;
  }
}

/** Measurement names are checked against the catalogue before any call. */
export function checkNames(names: readonly string[]): readonly string[] {
  const unknown = names.filter((name) => !THINGSEE_MEASUREMENT_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new BadUserInputError(`Unknown Thingsee measurement name(s) ${unknown.join(', ')}; known: ${THINGSEE_MEASUREMENT_NAMES.join(', ')}`, {
      argument: 'names',
    });
  }
  return names;
}

/** Chronological points, keeping only the latest `last` per name when asked. */
function latestPerName(points: MeasurementRecord[], last: number | null): MeasurementRecord[] {
  const sorted = [...points].sort((a, b) => a.time.getTime() - b.time.getTime() || a.name.localeCompare(b.name));
  if (!last) return sorted;
  const kept = new Map<string, number>();
  return sorted
    .reverse()
    .filter((p) => {
      const n = (kept.get(p.name) ?? 0) + 1;
      kept.set(p.name, n);
      return n <= last;
    })
    .reverse();
}

function thingTuids(members: readonly MemberRef[]): string[] {
  for (const member of members) {
    if (member.typename !== THINGSEE_THING) {
      throw new BadUserInputError(`Thingsee deployment groups hold ThingseeThing members only, but got a ${member.typename}`, {
        argument: 'memberIds',
      });
    }
  }
  return members.map((m) => m.nativeId);
}

export function unixSeconds(date: Date | null | undefined): number | undefined {
  return date ? Math.floor(date.getTime() / 1000) : undefined;
}
