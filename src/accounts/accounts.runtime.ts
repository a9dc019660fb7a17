import type { Logger } from '../core/logger';
import type { Vendor } from '../core/vendor';
import type { AccountFlow } from '../vendors/account-flow';
import type { AccountsConfig } from './accounts.config';
import { openAccountsDatabase, type AccountsDb } from './accounts.database';
import { migrateAccounts } from './accounts.migrations';
import { CredentialCipher } from './credential-cipher';
import { VendorAccounts } from './vendor-accounts.service';
import { VendorLinkStore } from './vendor-link.store';

export interface AccountsRuntime {
  accounts: VendorAccounts;
  store: VendorLinkStore;
  /** Lets refreshes in flight land, then closes the database. */
  close(): Promise<void>;
}

/** Opens the store (PostgreSQL or PGlite), migrates it, and wires the service to the vendors' flows. */
export async function startAccounts(
  config: AccountsConfig,
  flowOf: (vendor: Vendor) => AccountFlow | undefined,
  logger: Logger,
  options: { schema?: string | null } = {},
): Promise<AccountsRuntime> {
  const db: AccountsDb = openAccountsDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: options.schema ?? null });
  try {
    const applied = await migrateAccounts(db, options.schema ?? null);
    if (applied.length) logger.info({ migrations: applied }, 'accounts database migrated');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (config.ephemeralKey) {
    logger.warn('no CREDENTIALS_KEY: vendor links are sealed with a key that lives as long as this process');
  }
  const store = new VendorLinkStore(db, new CredentialCipher(config.keys.map((key) => Buffer.from(key, 'base64'))));
  const accounts = new VendorAccounts(store, flowOf, logger);
  return {
    accounts,
    store,
    async close() {
      await accounts.close();
      await db.destroy();
    },
  };
}
