import { createHash, randomBytes } from 'node:crypto';
import type { Vendor } from '../core/vendor';
import type { AccountsDb } from './accounts.database';

/** How long a user has to finish the vendor's sign-in page. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/**
 * The `oauth_states` table: the `state` of an OAuth2 authorization-code link, random, bound to
 * the caller who asked, single use and expiring. In the accounts database, so the callback may
 * land on another instance than the one that issued it. Only a digest is stored.
 */
export class OAuthStateStore {
  constructor(
    private readonly db: AccountsDb,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(callerId: string, vendor: Vendor, ttlMs = OAUTH_STATE_TTL_MS): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    // Expired rows nobody came back for are swept as new ones are issued (and on a schedule: oauth-state.purger.ts).
    await this.purgeExpired();
    await this.db
      .insertInto('oauth_states')
      .values({ state_hash: digest(state), caller_id: callerId, vendor, expires_at: new Date(this.now() + ttlMs) })
      .execute();
    return state;
  }

  /** Deletes the states that ran out (sign-ins nobody finished); how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('oauth_states').where('expires_at', '<=', new Date(this.now())).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The caller the state was issued to, consuming it; null when unknown, used, expired or for another vendor. */
  async consume(state: string, vendor: Vendor): Promise<string | null> {
    // One DELETE … RETURNING: of two callbacks racing with one state, only one gets the row.
    const row = await this.db.deleteFrom('oauth_states').where('state_hash', '=', digest(state)).returning(['caller_id', 'vendor', 'expires_at']).executeTakeFirst();
    if (!row || row.vendor !== vendor || row.expires_at.getTime() <= this.now()) return null;
    return row.caller_id;
  }
}

function digest(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
