import { NotFoundError } from '../../core/errors';
import type { VendorPage } from '../../core/model';
import type { EntitySource, ListArgs, RecordLoader } from '../adapter';
import { mapThingseeAlerts, mapThingseeGroup, mapThingseeThing } from './thingsee.mapper';
import {
  THINGSEE_ALERT,
  THINGSEE_GROUP,
  THINGSEE_THING,
  UNASSIGNED_GROUP,
  parseAlertNativeId,
  type ThingseeAlertRecord,
  type ThingseeGroupRecord,
  type ThingseeThingRecord,
} from './thingsee.model';
import { notFoundAsValue, type ThingseeReads } from './thingsee.reads';
import type { ThingseeWireAlertingTuids } from './thingsee.wire';

/**
 * The three Thingsee lists and their batch loads. Thingsee has no multi-tuid read, so batch
 * loads fan out one call per tuid (capped by the vendor's concurrency limit in VendorHttp,
 * deduplicated by the DataLoader); lists prime the loader with what they learn.
 */
export class ThingseeSources {
  constructor(
    private readonly reads: ThingseeReads,
    private readonly loader: RecordLoader,
  ) {}

  /**
   * There is no "all things" call: the list walks the deployment groups (`GET /groups`, then
   * `GET /groups/{id}/things` per group, plus the reserved `unassigned`) and loads the page's
   * things one `GET /things/{tuid}` each. Cost per page: 1 + groups + 1 + page size.
   */
  things(): EntitySource<'Thing'> {
    return {
      typename: THINGSEE_THING,
      kind: 'Thing',
      list: async (args) => {
        // Things that will show their active alerts: `things/alerts` (independent of the walk) is
        // read beside `GET /groups`, and the alert details of the page's alerting things beside
        // the things themselves, instead of each after the one before it.
        const alerting = args.ahead?.(THINGSEE_THING, 'alerts', true) ? this.reads.alertingTuids() : null;
        alerting?.catch(() => undefined); // a failure is not kept: the alerts field asks again
        const needle = args.search?.toLowerCase() ?? '';
        const tuids = (await this.allTuids()).filter((tuid) => tuid.toLowerCase().includes(needle));
        const page = tuids.slice(args.offset, args.offset + args.limit);
        if (alerting) void this.readAlertsAhead(alerting, page);
        const items = await Promise.all(page.map((tuid) => this.loader.load<ThingseeThingRecord>(THINGSEE_THING, tuid)));
        return { items, total: tuids.length };
      },
      loadMany: (tuids) =>
        Promise.all(tuids.map((tuid) => this.reads.thing(tuid).then((wire) => mapThingseeThing(tuid, wire), notFoundAsValue('thing', tuid)))),
    };
  }

  /** Active alerts: `GET /things/alerts` once, then the alert details of alerting tuids only. */
  alerts(): EntitySource<'Alert'> {
    return {
      typename: THINGSEE_ALERT,
      kind: 'Alert',
      list: async (args) => {
        const { alerting_tuids: tuids } = await this.reads.alertingTuids();
        const details = await Promise.all([...new Set(tuids)].sort().map((tuid) => this.reads.thingAlerts(tuid)));
        const needle = args.search?.toLowerCase() ?? '';
        const active = mapThingseeAlerts(details.flat()).filter((a) => a.active && (a.type ?? '').toLowerCase().includes(needle));
        this.loader.prime(active);
        return { items: active.slice(args.offset, args.offset + args.limit), total: active.length };
      },
      loadMany: async (ids) => {
        const parsed = ids.map((id) => parseAlertNativeId(id));
        const tuids = [...new Set(parsed.flatMap((p) => (p ? [p.tuid] : [])))];
        const byTuid = new Map<string, ThingseeAlertRecord[] | Error>();
        await Promise.all(
          tuids.map(async (tuid) => {
            const alerts = await this.reads.thingAlerts(tuid).then(mapThingseeAlerts, notFoundAsValue('thing', tuid));
            byTuid.set(tuid, alerts);
          }),
        );
        return ids.map((id, i) => {
          const alerts = parsed[i] ? byTuid.get(parsed[i].tuid) : undefined;
          if (alerts instanceof Error) return alerts;
          return alerts?.find((alert) => alert.nativeId === id) ?? new NotFoundError(`No Thingsee alert ${id}`, 'THINGSEE');
        });
      },
    };
  }

  /** `GET /groups?q=` (search is Thingsee's own), paged here: the API pages by `limit` only. */
  groups(): EntitySource<'Group'> {
    return {
      typename: THINGSEE_GROUP,
      kind: 'Group',
      list: async (args) => {
        const groups = (await this.reads.groups(args.search)).map(mapThingseeGroup);
        this.loader.prime(groups);
        return { items: groups.slice(args.offset, args.offset + args.limit), total: groups.length };
      },
      loadMany: async (ids) => {
        // No "get one group" endpoint: one `GET /groups` serves the whole batch.
        const groups = new Map((await this.reads.groups(null)).map((wire) => [wire.group_id, mapThingseeGroup(wire)]));
        return ids.map((id) => groups.get(id) ?? new NotFoundError(`No Thingsee deployment group ${id}`, 'THINGSEE'));
      },
    };
  }

  /** A page of one group's things: `GET /groups/{id}/things`, then one `GET /things/{tuid}` per thing on the page. */
  async groupThings(groupId: string, args: ListArgs): Promise<VendorPage<ThingseeThingRecord>> {
    const tuids = [...(await this.reads.groupThings(groupId))].sort();
    for (const tuid of tuids) this.reads.primeThingGroup(tuid, groupId);
    const page = tuids.slice(args.offset, args.offset + args.limit);
    return { items: await Promise.all(page.map((tuid) => this.loader.load<ThingseeThingRecord>(THINGSEE_THING, tuid))), total: tuids.length };
  }

  // Private:

  /** Starts the alert details of `page`'s alerting things (kept in the memo, where the alerts field finds them). */
  private async readAlertsAhead(alerting: Promise<ThingseeWireAlertingTuids>, page: readonly string[]): Promise<void> {
    const { alerting_tuids: tuids } = await alerting.catch(() => ({ alerting_tuids: [] as string[] }));
    for (const tuid of page) if (tuids.includes(tuid)) this.reads.thingAlerts(tuid).catch(() => undefined);
  }

  private async allTuids(): Promise<string[]> {
    const groups = (await this.reads.groups(null)).map(mapThingseeGroup);
    this.loader.prime(groups);
    const ids = [...groups.map((g: ThingseeGroupRecord) => g.nativeId), UNASSIGNED_GROUP];
    const members = await Promise.all(ids.map(async (id) => ({ id, tuids: await this.reads.groupThings(id) })));
    for (const { id, tuids } of members) for (const tuid of tuids) this.reads.primeThingGroup(tuid, id);
    return [...new Set(members.flatMap((m) => m.tuids))].sort();
  }
}
