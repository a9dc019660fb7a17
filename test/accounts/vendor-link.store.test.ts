import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { accountsConfig } from '../../src/accounts/accounts.config';
import { startAccounts, type AccountsRuntime } from '../../src/accounts/accounts.runtime';
import { CredentialCipher } from '../../src/accounts/credential-cipher';
import { createLogger } from '../../src/core/logger';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { freshPostgresSchema } from '../helpers/postgres';

/**
 * The link store on both back ends: embedded PGlite and the machine's PostgreSQL. Secrets are
 * sealed (a dump of every table holds none of them in any encoding), rows survive a reopen,
 * and a key rotation re-seals every row.
 */
afterAll(disposeLeftovers);

const KEY = randomBytes(32).toString('base64');
const SECRET_TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const SECRET_MATERIAL = `key-${randomBytes(12).toString('hex')}`;
const fail = (message: string) => new Error(message);

type Backend = { name: string; open: (key?: string) => Promise<AccountsRuntime> };

async function pglite(): Promise<Backend> {
  // One in-memory database per test would lose rows on reopen: a data directory keeps them.
  const dir = `${require('node:os').tmpdir()}/accounts-${randomBytes(6).toString('hex')}`;
  leaveOver(() => require('node:fs').promises.rm(dir, { recursive: true, force: true }));
  return { name: 'PGlite', open: (key = KEY) => startAccounts(accountsConfig({ CREDENTIALS_KEY: key, ACCOUNTS_DATA_DIR: dir }, false, fail), () => undefined, createLogger('silent')) };
}

async function postgres(): Promise<Backend> {
  const db = await freshPostgresSchema();
  leaveOver(db.drop);
  return {
    name: 'PostgreSQL',
    open: (key = KEY) => startAccounts(accountsConfig({ CREDENTIALS_KEY: key, DATABASE_URL: db.url }, false, fail), () => undefined, createLogger('silent'), { schema: db.schema }),
  };
}

describe.each([['PGlite', pglite], ['PostgreSQL', postgres]] as const)('on %s', (_name, backend) => {
  it('keeps links across a reopen, encrypted, and lists them without secrets', async () => {
    const { open } = await backend();
    const first = await open();
    const firstStore = await first.store();
    await firstStore.save('key:caller-a', 'MAINFLUX', { label: 'a@example.test', token: SECRET_TOKEN, expiresAt: Date.now() + 3600_000, material: { keyId: SECRET_MATERIAL } });
    await first.close();

    const again = await open();
    leaveOver(() => again.close());
    const store = await again.store();
    const [summary] = await store.list('key:caller-a');
    expect(summary).toMatchObject({ vendor: 'MAINFLUX', label: 'a@example.test', state: 'LINKED' });
    expect(JSON.stringify(summary)).not.toContain(SECRET_TOKEN);
    expect((await store.get('key:caller-a', 'MAINFLUX'))?.credential).toMatchObject({ token: SECRET_TOKEN, material: { keyId: SECRET_MATERIAL } });
    expect(await store.get('key:caller-b', 'MAINFLUX')).toBeNull();

    const dump = JSON.stringify((await sql`select * from vendor_links`.execute(store.db)).rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    for (const secret of [SECRET_TOKEN, SECRET_MATERIAL]) {
      for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]) expect(dump).not.toContain(form);
    }
  });

  it('re-seals every row under a new key; the old key alone no longer opens them', async () => {
    const { open } = await backend();
    const runtime = await open();
    const store = await runtime.store();
    for (const caller of ['key:one', 'key:two']) {
      await store.save(caller, 'IOTAAP', { label: caller, token: `${SECRET_TOKEN}-${caller}`, expiresAt: null, material: {} });
    }
    const newKey = randomBytes(32);
    expect(await store.reencryptAll(new CredentialCipher([newKey]))).toBe(2);
    await runtime.close();

    const rotated = await open(newKey.toString('base64'));
    leaveOver(() => rotated.close());
    expect((await (await rotated.store()).get('key:two', 'IOTAAP'))?.credential.token).toBe(`${SECRET_TOKEN}-key:two`);
    const stale = await open();
    leaveOver(() => stale.close());
    await expect((await stale.store()).get('key:two', 'IOTAAP')).rejects.toThrow(/No credentials key with id/);
  });
});

it('refuses production with links enabled and no key', () => {
  expect(() => accountsConfig({ ACCOUNTS_ENABLED: 'true' }, true, fail)).toThrow(/CREDENTIALS_KEY/);
  // Not asked for and no key: production runs without links rather than refusing to start.
  expect(accountsConfig({}, true, fail).enabled).toBe(false);
  expect(accountsConfig({ CREDENTIALS_KEY: KEY }, true, fail).enabled).toBe(true);
  expect(accountsConfig({ ACCOUNTS_ENABLED: 'false' }, true, fail).enabled).toBe(false);
  expect(() => accountsConfig({ CREDENTIALS_KEY: 'c2hvcnQ=' }, false, fail)).toThrow(/32 bytes/);
});
