import { randomBytes } from 'node:crypto';
import { accountsConfig } from '../../src/accounts/accounts.config';
import { startAccounts } from '../../src/accounts/accounts.runtime';
import { createLogger } from '../../src/core/logger';
import type { AccountFlow, LinkedCredential } from '../../src/vendors/account-flow';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { freshPostgresSchema } from '../helpers/postgres';

/**
 * A renewal still running when the gateway shuts down lands in the database before it closes:
 * otherwise the vendor has issued (and maybe revoked the old key for) a credential nobody kept.
 */
afterAll(disposeLeftovers);

it('lets a refresh in flight finish and store its credential before closing', async () => {
  const pg = await freshPostgresSchema();
  leaveOver(pg.drop);
  let finish!: (credential: LinkedCredential) => void;
  let started!: () => void;
  const refreshStarted = new Promise<void>((resolve) => (started = resolve));
  const flow: AccountFlow = {
    inputs: [],
    refreshBeforeMs: 60_000,
    link: async () => ({ label: 'slow', token: 'first', expiresAt: Date.now() + 1000, material: {} }),
    refresh: () => {
      started();
      return new Promise<LinkedCredential>((resolve) => (finish = resolve));
    },
    revoke: async () => undefined,
  };
  const config = accountsConfig({ DATABASE_URL: pg.url, CREDENTIALS_KEY: randomBytes(32).toString('base64') }, false, (m) => new Error(m));
  const runtime = await startAccounts(config, () => flow, createLogger('silent'), { schema: pg.schema });
  const caller = { kind: 'api-key' as const, id: 'key:slow' };
  await runtime.accounts.link(caller, 'IOTAAP', {});

  const links = runtime.accounts.linksFor(caller);
  await refreshStarted;
  const closed = runtime.close();
  finish({ label: 'slow', token: 'renewed', expiresAt: Date.now() + 3600_000, material: {} });
  expect((await links).tokens.IOTAAP).toBe('renewed');
  await closed;

  const reopened = await startAccounts(config, () => flow, createLogger('silent'), { schema: pg.schema });
  leaveOver(() => reopened.close());
  expect((await (await reopened.store()).get('key:slow', 'IOTAAP'))?.credential.token).toBe('renewed');
});
