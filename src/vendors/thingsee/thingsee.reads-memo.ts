import { NotFoundError, VendorError } from '../../core/errors';
import { currentScope, type RequestScope } from '../../core/request-scope';
import type { SharedListCache } from '../list-cache';
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

/** How long a settled answer is reused: a request's fields resolve well within it. */
const REUSE_MS = 10_000;

/**
 * Thingsee reads for one request, each endpoint called at most once per distinct argument:
 * a document that touches the same thing several times costs one call per endpoint. The
 * promise is kept (not the value) so that concurrent field resolvers share one call.
 * Answers are kept for the GraphQL operation in progress (its RequestScope) and at most
 * REUSE_MS, so a long-lived subscription context does not serve stale data; outside an
 * operation only calls in flight are shared.
 */
export class ThingseeReads {
  private readonly memo = new Map<string, { promise: Promise<unknown>; scope: RequestScope | undefined; settledAt: number | null }>();

  /**
   * @param shared Thingsee's unpaged lists (`GET /groups`, `GET /groups/{id}/things`) are also
   * shared across the requests of one credential (`credentialKey`), so a page walk reads them once.
   */
  constructor(
    private readonly client: ThingseeClient,
    private readonly shared: { cache: SharedListCache; credentialKey: string } | null = null,
  ) {}

  thing(tuid: string): Promise<ThingseeWireThing> {
    return this.once(`thing ${tuid}`, () => this.client.thing(tuid));
  }

  alertingTuids(): Promise<ThingseeWireAlertingTuids> {
    return this.once('alerting', () => this.client.alertingTuids());
  }

  thingAlerts(tuid: string, window: { from?: number; to?: number } = {}): Promise<ThingseeWireThingAlerts[]> {
    return this.once(`alerts ${tuid} ${window.from ?? ''} ${window.to ?? ''}`, () => this.client.thingAlerts(tuid, window));
  }

  installations(tuid: string): Promise<ThingseeWireInstallation[]> {
    return this.once(`installations ${tuid}`, () => this.client.installations(tuid, INSTALLATION_FETCH_LIMIT));
  }

  thingGroup(tuid: string): Promise<ThingseeWireThingGroup> {
    return this.once(`group ${tuid}`, () => this.client.thingGroup(tuid));
  }

  messages(tuid: string, query: ThingseeWireMessageQuery): Promise<ThingseeWireMessage[]> {
    return this.once(`messages ${tuid} ${JSON.stringify(query)}`, () => this.client.messages(tuid, query));
  }

  commands(tuid: string, query: ThingseeWireMessageQuery): Promise<ThingseeWireCommandRecord[]> {
    return this.once(`commands ${tuid} ${JSON.stringify(query)}`, () => this.client.commands(tuid, query));
  }

  /** `GET /groups` (optionally `q=`), in either accepted answer shape. */
  groups(search: string | null): Promise<ThingseeWireGroup[]> {
    return this.once(`groups ${search ?? ''}`, () =>
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
    return this.once(`group things ${groupId}`, () =>
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
    const key = `group ${tuid}`;
    if (!this.memo.has(key)) this.memo.set(key, { promise: Promise.resolve({ group_id: groupId, tuid }), scope: currentScope(), settledAt: Date.now() });
  }

  /** Forgets what a write changed, so later reads in the same request see the new state. */
  forget(prefix: string): void {
    for (const key of this.memo.keys()) if (key.startsWith(prefix)) this.memo.delete(key);
  }

  // Private:

  private sharedList<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.shared ? this.shared.cache.get(this.shared.credentialKey, key, read) : read();
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const scope = currentScope();
    const entry = this.memo.get(key);
    const fresh = entry && (entry.settledAt === null || (entry.scope !== undefined && entry.scope === scope && Date.now() - entry.settledAt < REUSE_MS));
    if (entry && fresh) return entry.promise as Promise<T>;
    const next = { promise: load() as Promise<unknown>, scope, settledAt: null as number | null };
    const settle = () => {
      next.settledAt = Date.now();
    };
    next.promise.then(settle, settle);
    this.memo.set(key, next);
    return next.promise as Promise<T>;
  }
}

/** A 404 for a thing becomes the NOT_FOUND value the DataLoader contract wants. */
export function notFoundAsValue(what: string, id: string) {
  return (error: unknown): Error => {
    if (error instanceof VendorError && error.code === 'NOT_FOUND') return new NotFoundError(`No Thingsee ${what} ${id}`, 'THINGSEE');
    return error instanceof Error ? error : new Error(String(error));
  };
}
