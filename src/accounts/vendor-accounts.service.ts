import type { Caller } from '../context/context';
import { BadUserInputError, TributaryError, VendorError } from '../core/errors';
import type { Logger } from '../core/logger';
import { VENDORS, type Vendor } from '../core/vendor';
import type { AccountFlow, LinkedCredential } from '../vendors/account-flow';
import type { TokenRenewal } from '../vendors/token-provider';
import { OAuthStateStore } from './oauth-state.store';
import type { LockedLink, VendorLinkStore, VendorLinkSummary } from './vendor-link.store';

/**
 * The store, opened on demand: an in-memory PGlite costs seconds and hundreds of MB, and
 * holds no link before the first one is made, so it opens with the first link or list.
 */
export interface LinkStores {
  /** The store if open; null means no link can exist yet. */
  current(): VendorLinkStore | null;
  open(): Promise<VendorLinkStore>;
}

/** A caller's linked tokens for one operation, and the vendors whose link must be redone. */
export interface CallerLinks {
  tokens: Partial<Record<Vendor, string>>;
  /** Per linked token: renews the link when the vendor refuses the token mid-request. */
  renewals: Partial<Record<Vendor, TokenRenewal>>;
  relinkRequired: ReadonlySet<Vendor>;
}

const NO_LINKS: CallerLinks = Object.freeze({ tokens: Object.freeze({}), renewals: Object.freeze({}), relinkRequired: new Set<Vendor>() });

/** What a caller's request to `vendor` answers while its link needs redoing. */
export function relinkRequiredError(vendor: Vendor): TributaryError {
  return new TributaryError(`The linked ${vendor} account needs linking again`, 'UNAUTHENTICATED', vendor, { reason: 'RELINK_REQUIRED' });
}

/**
 * Callers' own vendor accounts: link through the vendor's flow, list, unlink (revoking), and
 * hand each operation the caller's current tokens, refreshed under a row lock when due.
 */
export class VendorAccounts {
  /** Refreshes in flight, so `close` lets them land in the database before it closes. */
  private readonly inflight = new Set<Promise<unknown>>();
  private closing = false;
  /** Where vendors send users back (`<origin>/oauth/<vendor>/callback`); set once the server listens. */
  private callbackOrigin: string | null = null;

  constructor(
    private readonly stores: LinkStores,
    private readonly flowOf: (vendor: Vendor) => AccountFlow | undefined,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async link(caller: Caller, vendor: Vendor, input: Readonly<Record<string, string>>): Promise<VendorLinkSummary> {
    return this.linkFor(identified(caller), vendor, input);
  }

  /** The gateway's origin as browsers reach it: OAuth2 callbacks are under it. */
  serveCallbacksAt(origin: string): void {
    this.callbackOrigin = origin.replace(/\/+$/, '');
  }

  callbackUrl(vendor: Vendor): string {
    if (!this.callbackOrigin) throw new Error('OAuth2 callbacks are not served yet: the server has not started listening');
    return `${this.callbackOrigin}${oauthCallbackPath(vendor)}`;
  }

  /** Starts an OAuth2 link: the vendor's authorize URL with a fresh state bound to the caller. */
  async authorizeUrl(caller: Caller, vendor: Vendor): Promise<string> {
    const callerId = identified(caller);
    const flow = this.flow(vendor);
    if (!flow.authorizeUrl) throw new BadUserInputError(`${vendor} does not link through a sign-in page`);
    const redirectUri = this.callbackUrl(vendor);
    const state = await new OAuthStateStore((await this.stores.open()).db, this.now).issue(callerId, vendor);
    return flow.authorizeUrl(state, redirectUri);
  }

  /**
   * Ends an OAuth2 link at the callback: the state names the caller (and is used up), the code
   * is exchanged; null when the state is unknown, used, expired or another vendor's.
   */
  async completeAuthorization(vendor: Vendor, state: string, code: string): Promise<VendorLinkSummary | null> {
    const callerId = await new OAuthStateStore((await this.stores.open()).db, this.now).consume(state, vendor);
    if (!callerId) return null;
    return this.linkFor(callerId, vendor, { code, redirectUri: this.callbackUrl(vendor) });
  }

  private async linkFor(callerId: string, vendor: Vendor, input: Readonly<Record<string, string>>): Promise<VendorLinkSummary> {
    const flow = this.flow(vendor);
    for (const name of flow.inputs) {
      if (!input[name]) throw new BadUserInputError(`Linking ${vendor} needs ${flow.inputs.join(' and ')}; ${name} is missing`);
    }
    const credential = await flow.link(input);
    await (await this.stores.open()).save(callerId, vendor, credential);
    this.logger.info({ caller: callerId, vendor }, 'vendor account linked');
    return (await (await this.stores.open()).list(callerId)).find((link) => link.vendor === vendor)!;
  }

  async list(caller: Caller): Promise<VendorLinkSummary[]> {
    const callerId = identified(caller);
    return (await this.stores.open()).list(callerId);
  }

  /** Removes the caller's link (true when there was one), revoking at the vendor where it allows. */
  async unlink(caller: Caller, vendor: Vendor): Promise<boolean> {
    const callerId = identified(caller);
    const store = await this.stores.open();
    const link = await store.get(callerId, vendor);
    if (!link) return false;
    await this.flowOf(vendor)
      ?.revoke(link.credential)
      .catch((error: unknown) => this.logger.warn({ caller: callerId, vendor, code: (error as VendorError).code }, 'revoking a vendor account failed; unlinked anyway'));
    await store.remove(callerId, vendor);
    this.logger.info({ caller: callerId, vendor }, 'vendor account unlinked');
    return true;
  }

  /** The caller's tokens for this operation (refreshing those due); none for anonymous callers. */
  async linksFor(caller: Caller): Promise<CallerLinks> {
    const store = this.stores.current();
    if (caller.kind === 'anonymous' || !caller.id || !store) return NO_LINKS;
    const callerId = caller.id;
    const links = await store.list(callerId);
    if (!links.length) return NO_LINKS;
    const tokens: Partial<Record<Vendor, string>> = {};
    const renewals: Partial<Record<Vendor, TokenRenewal>> = {};
    const relinkRequired = new Set<Vendor>();
    await Promise.all(
      links.map(async ({ vendor, state }) => {
        const token = state === 'LINKED' ? await this.tokenFor(store, callerId, vendor) : null;
        if (!token) return relinkRequired.add(vendor);
        tokens[vendor] = token;
        renewals[vendor] = (refused) => this.renewRefused(store, callerId, vendor, refused);
      }),
    );
    return { tokens, renewals, relinkRequired };
  }

  /** The link store, opened if it was not (for operator tools and tests). */
  store(): Promise<VendorLinkStore> {
    return this.stores.open();
  }

  /** Waits for refreshes in flight (their new tokens must reach the database) before the store closes. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inflight]);
  }

  // Private:

  /**
   * The vendor refused the link's token mid-request (revoked, expired early): renews the link
   * once, as the gateway does its own credential; a renewal the vendor refuses for good turns
   * the link to RELINK_REQUIRED and throws that error. Several requests refused with the same
   * token renew once: the later ones find the new token under the row lock.
   */
  private async renewRefused(store: VendorLinkStore, callerId: string, vendor: Vendor, refused: string): Promise<string> {
    const flow = this.flowOf(vendor);
    const renewal = store.withLocked(callerId, vendor, async (link, row) => {
      if (!flow || !link || link.state !== 'LINKED') return null;
      if (link.credential.token !== refused) return link.credential.token;
      return this.renewLocked(link.credential, row, callerId, vendor, flow);
    });
    const token = await this.track(renewal);
    if (token === null) throw relinkRequiredError(vendor);
    return token;
  }

  /** The link's token, refreshed first when due; null when it needs relinking. */
  private async tokenFor(store: VendorLinkStore, callerId: string, vendor: Vendor): Promise<string | null> {
    const link = await store.get(callerId, vendor);
    const flow = this.flowOf(vendor);
    if (!link || link.state !== 'LINKED') return null;
    if (!flow || !this.due(link.credential, flow) || this.closing) return link.credential.token;
    return this.track(this.refresh(store, callerId, vendor, flow));
  }

  /** Keeps `work` in the set `close` waits for, until it settles. */
  private async track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }

  private async refresh(store: VendorLinkStore, callerId: string, vendor: Vendor, flow: AccountFlow): Promise<string | null> {
    return store.withLocked(callerId, vendor, async (link, row) => {
      if (!link || link.state !== 'LINKED') return null;
      // Another instance (or request) refreshed it while this one waited for the lock.
      if (!this.due(link.credential, flow)) return link.credential.token;
      try {
        return await this.renewLocked(link.credential, row, callerId, vendor, flow);
      } catch (error) {
        // A passing failure: the current token serves while it is still valid.
        if (!expired(link.credential, this.now())) return link.credential.token;
        throw error;
      }
    });
  }

  /** Runs the flow's refresh on the locked row: the new token, or null (and RELINK_REQUIRED) when the vendor refuses for good. */
  private async renewLocked(current: LinkedCredential, row: LockedLink, callerId: string, vendor: Vendor, flow: AccountFlow): Promise<string | null> {
    try {
      const next = await flow.refresh(current);
      await row.update(next);
      this.logger.info({ caller: callerId, vendor }, 'vendor account refreshed');
      return next.token;
    } catch (error) {
      if (error instanceof VendorError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) {
        await row.markRelink();
        this.logger.warn({ caller: callerId, vendor }, 'vendor account refused its refresh: relink required');
        return null;
      }
      throw error;
    }
  }

  private due(credential: LinkedCredential, flow: AccountFlow): boolean {
    return credential.expiresAt !== null && credential.expiresAt - flow.refreshBeforeMs <= this.now();
  }

  private flow(vendor: Vendor): AccountFlow {
    const flow = this.flowOf(vendor);
    if (!flow) throw new BadUserInputError(`Linking an account is not offered for ${vendor} on this gateway`, { vendors: VENDORS.filter((v) => this.flowOf(v)) });
    return flow;
  }
}

/** The path a vendor's OAuth2 authorize page sends users back to. */
export function oauthCallbackPath(vendor: Vendor): string {
  return `/oauth/${vendor.toLowerCase()}/callback`;
}

function identified(caller: Caller): string {
  if (caller.kind === 'anonymous' || !caller.id) {
    throw new TributaryError('Linking vendor accounts needs an identified caller (x-api-key or a bearer token)', 'UNAUTHENTICATED');
  }
  return caller.id;
}

function expired(credential: LinkedCredential, now: number): boolean {
  return credential.expiresAt !== null && credential.expiresAt <= now;
}
