import { loadConfig } from '../src/config';
import { openAccountsDatabase } from '../src/accounts/accounts.database';
import { migrateAccounts } from '../src/accounts/accounts.migrations';

/** `npm run migrate`: brings the accounts database (DATABASE_URL, or PGlite in ACCOUNTS_DATA_DIR) up to date. */
async function main(): Promise<void> {
  const { accounts } = loadConfig();
  const db = openAccountsDatabase({ databaseUrl: accounts.databaseUrl, dataDir: accounts.dataDir });
  try {
    const applied = await migrateAccounts(db);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
