import { randomBytes } from 'node:crypto';
import { accountsConfig } from '../../src/accounts/accounts.config';
import { startAccounts, type AccountsRuntime } from '../../src/accounts/accounts.runtime';
import type { Every } from '../../src/accounts/oauth-state.purger';
import { OAuthStateStore, OAUTH_STATE_TTL_MS } from '../../src/accounts/oauth-state.store';
import { createLogger } from '../../src/core/logger';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { freshPostgresSchema } from '../helpers/postgres';

/**
 * Expired OAuth2 states (sign-ins nobody finished) are swept on a schedule and at start, not
 * only when a new state is issued. The clock and the schedule are injected: no waiting.
 */
afterAll(disposeLeftovers);

const KEY = randomBytes(32).toString('base64');
const fail = (message: string) => new Error(message);
const MINUTE = 60_000;

type Open = (now: () => number, every: Every) => Promise<AccountsRuntime>;

function pglite(): Open {
  // A data directory, so the states outlive a restart.
  const dir = `${require('node:os').tmpdir()}/oauth-states-${randomBytes(6).toString('hex')}`;
  leaveOver(() => require('node:fs').promises.rm(dir, { recursive: true, force: true }));
  return (now, every) => startAccounts(accountsConfig({ CREDENTIALS_KEY: KEY, ACCOUNTS_DATA_DIR: dir }, false, fail), () => undefined, createLogger('silent'), { now, every });
}

async function postgres(): Promise<Open> {
  const pg = await freshPostgresSchema();
  leaveOver(pg.drop);
  return (now, every) =>
    startAccounts(accountsConfig({ CREDENTIALS_KEY: KEY, DATABASE_URL: pg.url }, false, fail), () => undefined, createLogger('silent'), { schema: pg.schema, now, every });
}

describe.each([['PGlite', async () => pglite()], ['PostgreSQL', postgres]] as const)('on %s', (_name, backend) => {
  it('sweeps expired states on schedule, and at start', async () => {
    const open = await backend();
    let now = Date.UTC(2026, 0, 1, 12);
    const clock = () => now;
    const scheduled: Array<{ task: () => void; ms: number }> = [];
    const every: Every = (task, ms) => {
      scheduled.push({ task, ms });
      return () => scheduled.splice(0, scheduled.length);
    };

    const first = await open(clock, every);
    expect(scheduled).toEqual([{ task: expect.any(Function), ms: OAUTH_STATE_TTL_MS }]);
    const store = await first.store();
    const states = new OAuthStateStore(store.db, clock);
    const remaining = async () => (await store.db.selectFrom('oauth_states').select('caller_id').orderBy('caller_id').execute()).map((r) => r.caller_id);
    await states.issue('key:early', 'IGTIMI');
    now += 5 * MINUTE;
    await states.issue('key:late', 'IGTIMI');
    expect(await remaining()).toEqual(['key:early', 'key:late']);

    // Eleven minutes after the first: only it ran out. The scheduled sweep removes it, and nothing else.
    now += 6 * MINUTE;
    scheduled[0]!.task();
    await first.purger.idle();
    expect(await remaining()).toEqual(['key:late']);

    // The second runs out while the gateway is down: gone once it is back, before any sweep is due.
    now += 10 * MINUTE;
    await first.close();
    expect(scheduled).toEqual([]);
    const second = await open(clock, every);
    leaveOver(() => second.close());
    expect(await (await second.store()).db.selectFrom('oauth_states').select('caller_id').execute()).toEqual([]);
  });
});
