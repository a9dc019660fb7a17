import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type ColumnType, type Generated } from 'kysely';
import { Pool } from 'pg';
import { PGliteDialect } from './pglite.dialect';

/** One caller's link to one vendor account. Secrets only ever in `secret` (encrypted). */
export interface VendorLinksTable {
  caller_id: string;
  /** `IGTIMI`, `MAINFLUX`, … */
  vendor: string;
  /** What the vendor calls the account (an e-mail, a login, a client id), shown to the caller. */
  label: string;
  /** Id of the key that encrypted `secret` (see credential-cipher.ts). */
  key_id: string;
  /** AES-256-GCM: 12-byte IV, 16-byte tag, ciphertext of the vendor's token material. */
  secret: Buffer;
  /** When the token in `secret` runs out; null when the vendor does not say. */
  expires_at: Date | null;
  linked_at: ColumnType<Date, Date | undefined, Date>;
  refreshed_at: Date | null;
  /** `LINKED` or `RELINK_REQUIRED`. */
  state: string;
  version: Generated<number>;
}

/** A pending OAuth2 authorization: single use, bound to the caller who asked, expiring. */
export interface OAuthStatesTable {
  /** SHA-256 (hex) of the `state` sent to the vendor: a leaked table row cannot be replayed. */
  state_hash: string;
  caller_id: string;
  vendor: string;
  expires_at: Date;
}

export interface AccountsDatabase {
  vendor_links: VendorLinksTable;
  oauth_states: OAuthStatesTable;
}

export type AccountsDb = Kysely<AccountsDatabase>;

export interface AccountsDatabaseOptions {
  /** PostgreSQL; null uses the embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite's data directory; null keeps it in memory. */
  dataDir: string | null;
  /** PostgreSQL schema to work in (tests use one per run); null uses the server's search path. */
  schema?: string | null;
}

/** PostgreSQL through `pg` when a URL is given, else PGlite embedded: the same SQL either way. */
export function openAccountsDatabase(options: AccountsDatabaseOptions): AccountsDb {
  if (options.databaseUrl) {
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: 5,
      ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
    });
    return new Kysely<AccountsDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const pglite = new PGlite(options.dataDir ?? undefined);
  return new Kysely<AccountsDatabase>({ dialect: new PGliteDialect(pglite) });
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`A schema name must be lower-case letters, digits and _, but got: ${name}`);
  return name;
}
