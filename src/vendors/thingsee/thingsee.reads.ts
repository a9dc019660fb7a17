import { NotFoundError, VendorError } from '../../core/errors';
import type { RequestMemo } from '../../core/request-memo';
import type { VendorListCache } from '../vendor-list-cache';
import type { ThingseeClient } from './thingsee.client';
import { UNASSIGNED_GROUP } from './thingsee.model';
import type {
  ThingseeWireAlertingTuids,
  ThingseeWireCommandRecord,
  ThingseeWireGroup,
  ThingseeWireInstallation,
  ThingseeWireMessage,
  ThingseeWireMessageQuery,
  ThingseeWireThing,
  ThingseeWireThingAlerts,
  ThingseeWireThingGroup,
} from './thingsee.wire';

/** Installation history entries fetched per thing; fields slice it, so one call serves every `limit`. */
export const INSTALLATION_FETCH_LIMIT = 100;

/**
 * Thingsee reads for one request, each endpoint called at most once per distinct argument:
 * a document that touches the same thing several times costs one call per endpoint. The
 * request memo keeps the promise (not the value), so concurrent field resolvers share one call.
 */
export class ThingseeReads {
  /**
   * @param memo Thingsee's part of the request memo; writes `forget` what they change.
   * @param shared Thingsee's unpaged lists (`GET /groups`, `GET /groups/{id}/things`) are also
   * shared across the requests of one credential (`credentialKey`), so a page walk reads them once.
   */
  constructor(
    private readonly client: ThingseeClient,
    private readonly memo: RequestMemo,
    private readonly shared: { cache: VendorListCache; credentialKey: string } | null = null,
  ) {}

  thing(tuid: string): Promise<ThingseeWireThing> {
    return this.memo.get(`thing ${tuid}`, () => this.client.thing(tuid));
  }

  alertingTuids(): Promise<ThingseeWireAlertingTuids> {
    return this.memo.get('alerting', () => this.client.alertingTuids());
  }

  thingAlerts(tuid: string, window: { from?: number; to?: number } = {}): Promise<ThingseeWireThingAlerts[]> {
    return this.memo.get(`alerts ${tuid} ${window.from ?? ''} ${window.to ?? ''}`, () => this.client.thingAlerts(tuid, window));
  }

  installations(tuid: string): Promise<ThingseeWireInstallation[]> {
    return this.memo.get(`installations ${tuid}`, () => this.client.installations(tuid, INSTALLATION_FETCH_LIMIT));
  }

  thingGroup(tuid: string): Promise<ThingseeWireThingGroup> {
    return this.memo.get(`group ${tuid}`, () => this.client.thingGroup(tuid));
  }

  messages(tuid: string, query: ThingseeWireMessageQuery): Promise<ThingseeWireMessage[]> {
    return this.memo.get(`messages ${tuid} ${JSON.stringify(query)}`, () => this.client.messages(tuid, query));
  }

  commands(tuid: string, query: ThingseeWireMessageQuery): Promise<ThingseeWireCommandRecord[]> {
    return this.memo.get(`commands ${tuid} ${JSON.stringify(query)}`, () => this.client.commands(tuid, query));
  }

  /** `GET /groups` (optionally `q=`), in either accepted answer shape. */
  groups(search: string | null): Promise<ThingseeWireGroup[]> {
    return this.memo.get(`groups ${search ?? ''}`, () =>
      this.sharedList(`groups ${search ?? ''}`, async () => {
        const data = await this.client.listGroups(search ? { q: search } : {});
        return Array.isArray(data) ? data : data.groups;
      }),
    );
  }

  /**
   * Tuids of one group. `unassigned` is the reserved pseudo-group of things without a group;
   * a deployment that does not serve it answers 404, read as "no such things".
   */
  groupThings(groupId: string): Promise<string[]> {
    return this.memo.get(`group things ${groupId}`, () =>
      this.sharedList(`group things ${groupId}`, async () => {
        try {
          return (await this.client.groupThings(groupId)).tuids;
        } catch (error) {
          if (groupId === UNASSIGNED_GROUP && error instanceof VendorError && error.code === 'NOT_FOUND') return [];
          throw error;
        }
      }),
    );
  }

  /** Records a thing's group learnt from walking the groups, so `deploymentGroup` costs no call. */
  primeThingGroup(tuid: string, groupId: string): void {
    this.memo.prime<ThingseeWireThingGroup>(`group ${tuid}`, { group_id: groupId, tuid });
  }

  /** Forgets what a write changed, so later reads in the same request see the new state. */
  forget(prefix: string): void {
    this.memo.forget(prefix);
  }

  // Private:

  private sharedList<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.shared ? this.shared.cache.get(this.shared.credentialKey, key, read) : read();
  }
}

/** A 404 for a thing becomes the NOT_FOUND value the DataLoader contract wants. */
export function notFoundAsValue(what: string, id: string) {
  return (error: unknown): Error => {
    if (error instanceof VendorError && error.code === 'NOT_FOUND') return new NotFoundError(`No Thingsee ${what} ${id}`, 'THINGSEE');
    return error instanceof Error ? error : new Error(String(error));
  };
}
