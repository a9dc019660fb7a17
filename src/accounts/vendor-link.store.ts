import type { Transaction } from 'kysely';
import type { Vendor } from '../core/vendor';
import type { LinkedCredential } from '../vendors/account-flow';
import type { AccountsDatabase, AccountsDb } from './accounts.database';
import type { CredentialCipher } from './credential-cipher';

export type LinkState = 'LINKED' | 'RELINK_REQUIRED';

/** What a caller may see of a link: never the secret. */
export interface VendorLinkSummary {
  vendor: Vendor;
  label: string;
  linkedAt: Date;
  refreshedAt: Date | null;
  expiresAt: Date | null;
  state: LinkState;
}

export interface VendorLink extends VendorLinkSummary {
  credential: LinkedCredential;
}

/**
 * The `vendor_links` table, with sealing and opening of the secret in one place: no other
 * code reads or writes the `secret` column. The row's (caller, vendor) is the cipher's
 * additional data, so a secret moved to another row does not open.
 */
export class VendorLinkStore {
  constructor(
    readonly db: AccountsDb,
    private readonly cipher: CredentialCipher,
  ) {}

  async save(callerId: string, vendor: Vendor, credential: LinkedCredential, now = new Date()): Promise<void> {
    const sealed = this.cipher.seal(serialize(credential), rowContext(callerId, vendor));
    const values = {
      label: credential.label,
      key_id: sealed.keyId,
      secret: sealed.secret,
      expires_at: credential.expiresAt === null ? null : new Date(credential.expiresAt),
      refreshed_at: now,
      state: 'LINKED',
    };
    await this.db
      .insertInto('vendor_links')
      .values({ caller_id: callerId, vendor, linked_at: now, ...values })
      .onConflict((oc) => oc.columns(['caller_id', 'vendor']).doUpdateSet({ ...values, linked_at: now }))
      .execute();
  }

  async list(callerId: string): Promise<VendorLinkSummary[]> {
    const rows = await this.db
      .selectFrom('vendor_links')
      .select(['vendor', 'label', 'linked_at', 'refreshed_at', 'expires_at', 'state'])
      .where('caller_id', '=', callerId)
      .orderBy('vendor')
      .execute();
    return rows.map(summaryOf);
  }

  async get(callerId: string, vendor: Vendor): Promise<VendorLink | null> {
    return this.read(this.db, callerId, vendor, false);
  }

  /**
   * Runs `work` with the link's row locked (`SELECT … FOR UPDATE`), so instances sharing the
   * database refresh one link one at a time; the second finds the first one's fresh token.
   */
  async withLocked<T>(callerId: string, vendor: Vendor, work: (link: VendorLink | null, tx: LockedLink) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const link = await this.read(trx, callerId, vendor, true);
      return work(link, {
        update: async (credential) => {
          const sealed = this.cipher.seal(serialize(credential), rowContext(callerId, vendor));
          await trx
            .updateTable('vendor_links')
            .set({
              key_id: sealed.keyId,
              secret: sealed.secret,
              expires_at: credential.expiresAt === null ? null : new Date(credential.expiresAt),
              refreshed_at: new Date(),
              state: 'LINKED',
              version: (eb) => eb('version', '+', 1),
            })
            .where('caller_id', '=', callerId)
            .where('vendor', '=', vendor)
            .execute();
        },
        markRelink: async () => {
          await trx.updateTable('vendor_links').set({ state: 'RELINK_REQUIRED' }).where('caller_id', '=', callerId).where('vendor', '=', vendor).execute();
        },
      });
    });
  }

  async remove(callerId: string, vendor: Vendor): Promise<boolean> {
    const result = await this.db.deleteFrom('vendor_links').where('caller_id', '=', callerId).where('vendor', '=', vendor).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Re-seals every row under `next`'s current key (this store's cipher must open them). */
  async reencryptAll(next: CredentialCipher): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('vendor_links').select(['caller_id', 'vendor', 'key_id', 'secret']).forUpdate().execute();
      for (const row of rows) {
        const context = rowContext(row.caller_id, row.vendor);
        const sealed = next.seal(this.cipher.open({ keyId: row.key_id, secret: row.secret }, context), context);
        await trx
          .updateTable('vendor_links')
          .set({ key_id: sealed.keyId, secret: sealed.secret })
          .where('caller_id', '=', row.caller_id)
          .where('vendor', '=', row.vendor)
          .execute();
      }
      return rows.length;
    });
  }

  // Private:

  private async read(db: AccountsDb | Transaction<AccountsDatabase>, callerId: string, vendor: Vendor, lock: boolean): Promise<VendorLink | null> {
    let query = db.selectFrom('vendor_links').selectAll().where('caller_id', '=', callerId).where('vendor', '=', vendor);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) return null;
    const credential = JSON.parse(this.cipher.open({ keyId: row.key_id, secret: row.secret }, rowContext(callerId, vendor))) as LinkedCredential;
    return { ...summaryOf(row), credential };
  }
}

/** What `withLocked`'s work may do to the locked row. */
export interface LockedLink {
  update(credential: LinkedCredential): Promise<void>;
  markRelink(): Promise<void>;
}

function summaryOf(row: { vendor: string; label: string; linked_at: Date; refreshed_at: Date | null; expires_at: Date | null; state: string }): VendorLinkSummary {
  return {
    vendor: row.vendor as Vendor,
    label: row.label,
    linkedAt: row.linked_at,
    refreshedAt: row.refreshed_at,
    expiresAt: row.expires_at,
    state: row.state === 'RELINK_REQUIRED' ? 'RELINK_REQUIRED' : 'LINKED',
  };
}

function serialize(credential: LinkedCredential): string {
  return JSON.stringify({ label: credential.label, token: credential.token, expiresAt: credential.expiresAt, material: credential.material });
}

function rowContext(callerId: string, vendor: string): string {
  return `vendor_links:${callerId}:${vendor}`;
}
