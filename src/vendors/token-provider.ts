import { VendorError } from '../core/errors';
import type { VendorCalls } from './http';

/** A bearer credential for one vendor: fetched, cached, refreshed. */
export interface TokenProvider {
  /**
   * The current token, running the credential flow when there is none or it is about to
   * expire: through `calls` when given (the operation waiting on it counts the flow's calls and
   * sends its request id), else in the background.
   */
  get(calls?: VendorCalls): Promise<string>;
  /** Drops `token` after the vendor refused it, so the next `get` runs the flow again. */
  invalidate(token: string): void;
  /** True when `invalidate` + `get` can yield a different token (a flow, not a static token). */
  readonly refreshable: boolean;
}

export interface IssuedToken {
  token: string;
  /** Epoch ms; null when the vendor does not say. */
  expiresAt: number | null;
}

/** A token given as is (config or a caller's header): never refreshed. */
export class StaticTokenProvider implements TokenProvider {
  readonly refreshable = false;
  constructor(private readonly token: string) {}
  async get(): Promise<string> {
    return this.token;
  }
  invalidate(): void {}
}

/** Renews a caller's linked credential after the vendor refused `refused`: the new token (or a throw). */
export type TokenRenewal = (refused: string) => Promise<string>;

/**
 * A caller's token for one request: static, or, for a linked account, renewed through the
 * link once the vendor refuses it (so `withToken` retries once, as with the gateway's own).
 */
export function callerTokenProvider(token: string, renew: TokenRenewal | null | undefined): TokenProvider {
  return renew ? new RenewableTokenProvider(token, renew) : new StaticTokenProvider(token);
}

/** A linked token: kept until refused, then renewed (one renewal for concurrent refusals). */
class RenewableTokenProvider implements TokenProvider {
  readonly refreshable = true;
  private refused: string | null = null;
  private renewing: Promise<string> | null = null;

  constructor(
    private token: string,
    private readonly renew: TokenRenewal,
  ) {}

  async get(): Promise<string> {
    if (this.refused !== null && this.refused === this.token) {
      this.renewing ??= this.renew(this.token).finally(() => {
        this.renewing = null;
      });
      this.token = await this.renewing;
      this.refused = null;
    }
    return this.token;
  }

  invalidate(token: string): void {
    if (token === this.token) this.refused = token;
  }
}

/**
 * Runs a credential flow on demand and caches its token until `refreshBeforeMs` before expiry.
 * Concurrent callers share one flow in flight.
 */
export class FlowTokenProvider implements TokenProvider {
  readonly refreshable = true;
  private current: IssuedToken | null = null;
  private inflight: Promise<IssuedToken> | null = null;

  constructor(
    /** Runs the flow through `calls`: the waiting operation's, or none in the background. */
    private readonly issue: (calls: VendorCalls | undefined) => Promise<IssuedToken>,
    private readonly refreshBeforeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(calls?: VendorCalls): Promise<string> {
    const current = this.current;
    if (current && (current.expiresAt === null || current.expiresAt - this.refreshBeforeMs > this.now())) {
      return current.token;
    }
    this.inflight ??= this.issue(calls).finally(() => {
      this.inflight = null;
    });
    this.current = await this.inflight;
    return this.current.token;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }
}

/**
 * Calls `fn` with a token; when the vendor answers UNAUTHENTICATED and the provider can
 * refresh, runs the flow once more and retries once. A flow it runs goes through `calls`.
 */
export async function withToken<T>(provider: TokenProvider, fn: (token: string) => Promise<T>, calls?: VendorCalls): Promise<T> {
  const token = await provider.get(calls);
  try {
    return await fn(token);
  } catch (error) {
    if (!(error instanceof VendorError) || error.code !== 'UNAUTHENTICATED' || !provider.refreshable) throw error;
    provider.invalidate(token);
    return fn(await provider.get(calls));
  }
}

/**
 * `fn` once with the current token, for a call that cannot be sent twice (a streamed upload):
 * a refused token is still dropped, so the caller's next call runs the flow again.
 */
export async function withTokenOnce<T>(provider: TokenProvider, fn: (token: string) => Promise<T>, calls?: VendorCalls): Promise<T> {
  const token = await provider.get(calls);
  try {
    return await fn(token);
  } catch (error) {
    if (error instanceof VendorError && error.code === 'UNAUTHENTICATED' && provider.refreshable) provider.invalidate(token);
    throw error;
  }
}

/** Reads `exp` (seconds) from a JWT without verifying it; null when the token is not a JWT. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
