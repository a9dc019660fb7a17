import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { AccountsDb } from './accounts.database';

/**
 * The accounts schema, in order. Kept in code (not files read at run time) so the built
 * gateway and the SWC-run scripts migrate alike. Never edit a shipped migration: add one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_vendor_links': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('vendor_links')
        .addColumn('caller_id', 'text', (c) => c.notNull())
        .addColumn('vendor', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('secret', 'bytea', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz')
        .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('refreshed_at', 'timestamptz')
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('LINKED'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('vendor_links_pkey', ['caller_id', 'vendor'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('vendor_links').execute();
    },
  },
  '0002_oauth_states': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('oauth_states')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('caller_id', 'text', (c) => c.notNull())
        .addColumn('vendor', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('oauth_states').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; Kysely's migrator holds an advisory lock, so instances may race. */
export async function migrateAccounts(db: AccountsDb, schema: string | null = null): Promise<string[]> {
  // The migrator looks its tables up in every schema: name ours, or another schema's would do.
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
