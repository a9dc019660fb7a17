import { sql } from 'kysely';
import type { AccountsDb } from '../../src/accounts/accounts.database';
import type { SimulatorVendor } from '../../src/simulators';
import { leaveOver } from './leftovers';
import { freshPostgresSchema } from './postgres';
import { startStack, type Stack } from './stack';

export type AccountsBackend = 'PGlite' | 'PostgreSQL';

/** A stack whose accounts store is an in-memory PGlite, or a fresh schema of the test PostgreSQL. */
export async function accountsStack(backend: AccountsBackend, vendor: SimulatorVendor, apiKeys: readonly string[], env: Record<string, string> = {}): Promise<Stack> {
  const pg = backend === 'PostgreSQL' ? await freshPostgresSchema() : null;
  if (pg) leaveOver(pg.drop);
  return startStack({
    vendors: [vendor],
    env: { GATEWAY_API_KEYS: apiKeys.join(','), ...(pg ? { DATABASE_URL: pg.url } : {}), ...env },
    accounts: pg ? { schema: pg.schema } : {},
  });
}

/** Every row of the links table as text (bytes as latin1), to grep for secrets in any column. */
export async function dumpLinks(db: AccountsDb): Promise<string> {
  const rows = (await sql`select * from vendor_links`.execute(db)).rows;
  return JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value));
}
