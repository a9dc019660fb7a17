import type { NodeRecord, VendorPage } from '../../core/model';
import type { RequestMemo } from '../../core/request-memo';
import type { RecordLoader } from '../adapter';
import { loadByIds } from '../load-by-ids';
import type { MainfluxAdminClient } from './mainflux.client-admin';
import type { MainfluxClient } from './mainflux.client';
import { mapMainfluxChannel, mapMainfluxGroup, mapMainfluxThing, mapMainfluxWebhook } from './mainflux.mapper';
import type { MainfluxChannelRecord, MainfluxGroupRecord, MainfluxThingRecord, MainfluxWebhookRecord } from './mainflux.model';

/** Mainflux caps `limit` at 100 (VENDOR-NOTES); every walk uses full pages of that size. */
export const MAINFLUX_MAX_PAGE = 100;
/** Up to 3 ids cost one GET each; more are found by walking full list pages. */
const BY_IDS = { vendor: 'MAINFLUX' as const, pageSize: MAINFLUX_MAX_PAGE, singleGetLimit: 3 };

/**
 * Mainflux reads for one request: lists, relation lists and batch loads, kept in the request
 * memo so a page or relation asked twice in one operation is fetched once, and primed into the
 * record loader.
 */
export class MainfluxReads {
  constructor(
    private readonly client: MainfluxClient,
    private readonly admin: MainfluxAdminClient,
    private readonly loader: RecordLoader,
    /** Mainflux's part of the request memo; writes `forget` what they change. */
    readonly memo: RequestMemo,
  ) {}

  thingsPage(offset: number, limit: number, search: string | null = null): Promise<VendorPage<MainfluxThingRecord>> {
    return this.memo.get(`things?${offset}&${limit}&${search ?? ''}`, async () => {
      const answer = await this.client.listThings(params(offset, limit, search));
      return { items: this.primed(answer.things.map(mapMainfluxThing)), total: answer.total };
    });
  }

  channelsPage(offset: number, limit: number, search: string | null = null): Promise<VendorPage<MainfluxChannelRecord>> {
    return this.memo.get(`channels?${offset}&${limit}&${search ?? ''}`, async () => {
      const answer = await this.client.listChannels(params(offset, limit, search));
      return { items: this.primed(answer.channels.map(mapMainfluxChannel)), total: answer.total };
    });
  }

  groupsPage(offset: number, limit: number, search: string | null = null): Promise<VendorPage<MainfluxGroupRecord>> {
    return this.memo.get(`groups?${offset}&${limit}&${search ?? ''}`, async () => {
      const answer = await this.admin.listGroups(params(offset, limit, search));
      return { items: this.primed(answer.groups.map(mapMainfluxGroup)), total: answer.total };
    });
  }

  /** Channels a thing is connected to (first 100), once per thing per operation. */
  thingChannels(thingId: string): Promise<VendorPage<MainfluxChannelRecord>> {
    return this.memo.get(`relation:things/${thingId}/channels`, async () => {
      const answer = await this.client.listThingChannels(thingId, params(0, MAINFLUX_MAX_PAGE));
      return { items: this.primed(answer.channels.map(mapMainfluxChannel)), total: answer.total };
    });
  }

  /** Things connected to a channel (first 100), once per channel per operation. */
  channelThings(channelId: string): Promise<VendorPage<MainfluxThingRecord>> {
    return this.memo.get(`relation:channels/${channelId}/things`, async () => {
      const answer = await this.client.listChannelThings(channelId, params(0, MAINFLUX_MAX_PAGE));
      return { items: this.primed(answer.things.map(mapMainfluxThing)), total: answer.total };
    });
  }

  /** Groups a thing is a member of (first 100). */
  thingGroups(thingId: string): Promise<VendorPage<MainfluxGroupRecord>> {
    return this.memo.get(`relation:things/${thingId}/groups`, async () => {
      const answer = await this.admin.listThingGroups(thingId, params(0, MAINFLUX_MAX_PAGE));
      return { items: this.primed(answer.groups.map(mapMainfluxGroup)), total: answer.total };
    });
  }

  groupMembers(groupId: string, offset: number, limit: number): Promise<VendorPage<MainfluxThingRecord>> {
    return this.memo.get(`relation:groups/${groupId}/members?${offset}&${limit}`, async () => {
      const answer = await this.admin.listGroupMembers(groupId, params(offset, limit));
      return { items: this.primed(answer.members.map(mapMainfluxThing)), total: answer.total };
    });
  }

  webhooks(thingId: string): Promise<MainfluxWebhookRecord[]> {
    return this.memo.get(`relation:webhooks/${thingId}`, async () => (await this.admin.listWebhooks(thingId)).webhooks.map(mapMainfluxWebhook));
  }

  loadThings(ids: readonly string[]): Promise<Array<MainfluxThingRecord | Error>> {
    return loadByIds(ids, { ...BY_IDS, what: 'thing', getOne: (id) => this.client.getThing(id).then(mapMainfluxThing), pageAt: (offset) => this.thingsPage(offset, MAINFLUX_MAX_PAGE) });
  }

  loadChannels(ids: readonly string[]): Promise<Array<MainfluxChannelRecord | Error>> {
    return loadByIds(ids, { ...BY_IDS, what: 'channel', getOne: (id) => this.client.getChannel(id).then(mapMainfluxChannel), pageAt: (offset) => this.channelsPage(offset, MAINFLUX_MAX_PAGE) });
  }

  loadGroups(ids: readonly string[]): Promise<Array<MainfluxGroupRecord | Error>> {
    return loadByIds(ids, { ...BY_IDS, what: 'group', getOne: (id) => this.admin.getGroup(id).then(mapMainfluxGroup), pageAt: (offset) => this.groupsPage(offset, MAINFLUX_MAX_PAGE) });
  }

  primed<T extends NodeRecord>(records: T[]): T[] {
    this.loader.prime(records);
    return records;
  }
}

function params(offset: number, limit: number, search: string | null = null) {
  return { offset, limit: Math.min(limit, MAINFLUX_MAX_PAGE), ...(search ? { name: search } : {}) };
}
