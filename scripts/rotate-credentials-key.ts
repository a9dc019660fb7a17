import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { openAccountsDatabase } from '../src/accounts/accounts.database';
import { migrateAccounts } from '../src/accounts/accounts.migrations';
import { CredentialCipher, parseCredentialsKey } from '../src/accounts/credential-cipher';
import { VendorLinkStore } from '../src/accounts/vendor-link.store';

/**
 * `npm run rotate-credentials-key -- --new-key-file <path>`: re-seals every vendor link under
 * the new key, in one transaction. The current keys come from the usual settings
 * (CREDENTIALS_KEY or CREDENTIALS_KEY_FILE, CREDENTIALS_PREVIOUS_KEYS). Afterwards point
 * CREDENTIALS_KEY(_FILE) at the new key; keep the old one in CREDENTIALS_PREVIOUS_KEYS until
 * every instance runs with the new one.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--new-key-file');
  const path = at > 0 ? process.argv[at + 1] : undefined;
  if (!path) throw new Error('usage: npm run rotate-credentials-key -- --new-key-file <file with base64 of 32 bytes>');
  const { accounts } = loadConfig();
  if (accounts.ephemeralKey) throw new Error('set CREDENTIALS_KEY or CREDENTIALS_KEY_FILE to the key the rows are sealed with now');
  const next = new CredentialCipher([parseCredentialsKey(readFileSync(path, 'utf8'), path)]);
  const db = openAccountsDatabase({ databaseUrl: accounts.databaseUrl, dataDir: accounts.dataDir });
  try {
    await migrateAccounts(db);
    const store = new VendorLinkStore(db, new CredentialCipher(accounts.keys.map((key) => Buffer.from(key, 'base64'))));
    const count = await store.reencryptAll(next);
    process.stdout.write(`re-encrypted ${count} link(s) under key ${next.currentKeyId}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rotate-credentials-key failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
