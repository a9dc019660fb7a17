import type { Logger } from '../core/logger';
import type { Vendor } from '../core/vendor';
import type { AccountFlow } from '../vendors/account-flow';
import type { AccountsConfig } from './accounts.config';
import { openAccountsDatabase, type AccountsDb } from './accounts.database';
import { migrateAccounts } from './accounts.migrations';
import { CredentialCipher } from './credential-cipher';
import { OAuthStatePurger, type Every } from './oauth-state.purger';
import { VendorAccounts, type LinkStores } from './vendor-accounts.service';
import { VendorLinkStore } from './vendor-link.store';

export interface AccountsStartOptions {
  /** The PostgreSQL schema to work in (tests); null uses the server's search path. */
  schema?: string | null;
  /**
   * Open an in-memory PGlite now rather than with the first link. Its start blocks the event
   * loop for seconds: done at start, before the load shedder samples the loop, it sheds nothing.
   */
  eager?: boolean;
  /** Clock for link expiries and OAuth states. @default Date.now */
  now?: () => number;
  /** Schedules the sweep of expired OAuth states. @default a `setInterval` (see oauth-state.purger.ts) */
  every?: Every;
}

export interface AccountsRuntime {
  accounts: VendorAccounts;
  /** The store, opened (and migrated) on first call. */
  store(): Promise<VendorLinkStore>;
  /** Sweeps expired OAuth states (also run at start and on a schedule). */
  purger: OAuthStatePurger;
  /** Lets refreshes in flight land, then closes the database. */
  close(): Promise<void>;
}

/**
 * Wires the accounts service to the vendors' flows and its store. PostgreSQL and a PGlite data
 * directory are opened and migrated here, at start (links from earlier runs are used from the
 * first request); an in-memory PGlite only when `eager`, else with the first link, since it
 * holds none before: opening one costs seconds and hundreds of MB (measured: `npm start` 1.4 s
 * and 150 MB without it, 5.4 s and 820 MB with it), which a demo that links nothing should not pay.
 */
export async function startAccounts(
  config: AccountsConfig,
  flowOf: (vendor: Vendor) => AccountFlow | undefined,
  logger: Logger,
  options: AccountsStartOptions = {},
): Promise<AccountsRuntime> {
  if (config.ephemeralKey) logger.warn('no CREDENTIALS_KEY: vendor links are sealed with a key that lives as long as this process');
  const cipher = new CredentialCipher(config.keys.map((key) => Buffer.from(key, 'base64')));
  let db: AccountsDb | null = null;
  let store: VendorLinkStore | null = null;
  let opening: Promise<VendorLinkStore> | null = null;
  const open = async (): Promise<VendorLinkStore> => {
    const opened = openAccountsDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: options.schema ?? null });
    try {
      const applied = await migrateAccounts(opened, options.schema ?? null);
      if (applied.length) logger.info({ migrations: applied }, 'accounts database migrated');
    } catch (error) {
      await opened.destroy();
      throw error;
    }
    db = opened;
    return (store = new VendorLinkStore(opened, cipher));
  };
  const stores: LinkStores = {
    current: () => store,
    open: () => (opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    })),
  };
  if (config.databaseUrl || config.dataDir || options.eager) await stores.open();
  const now = options.now ?? Date.now;
  const accounts = new VendorAccounts(stores, flowOf, logger, now);
  const purger = new OAuthStatePurger(() => db, now, logger, options.every);
  await purger.start();
  return {
    accounts,
    store: stores.open,
    purger,
    async close() {
      await purger.stop();
      await accounts.close();
      await opening?.catch(() => undefined);
      await (db as AccountsDb | null)?.destroy();
    },
  };
}
