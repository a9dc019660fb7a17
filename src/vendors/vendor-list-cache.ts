/** Default of `<VENDOR>_LIST_CACHE_MS`: long enough for a page walk on a busy machine; as stale as the HTTP answer cache (RESPONSE_CACHE_MAX_AGE, 5 s) may be. */
export const LIST_CACHE_MS = 5000;

/**
 * The vendor list cache: a short cache of a vendor's unpaged whole-account lists, shared by
 * every request of one credential. Igtimi's `GET /devices` and Thingsee's `GET /groups` are
 * not paged: a client walking 1000 things in pages of 100 would otherwise fetch, validate and
 * map the whole list once per page. Entries live `ttlMs` and are dropped when the credential writes anything, so
 * a page read right after a write still sees it. A failed read is never kept.
 */
export class VendorListCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  /**
   * @param ttlMs how long a list answer is reused; 0 turns the cache off.
   * @param now clock, for tests.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `read` once per `ttlMs` for (credential, list); concurrent asks share the one in flight. */
  get<T>(credential: string, list: string, read: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return read();
    const key = `${credential}\u0000${list}`;
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) return entry.value as Promise<T>;
    const value = read();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    this.sweep();
    return value;
  }

  /** Forgets every list of `credential` (after one of its writes). */
  invalidate(credential: string): void {
    const prefix = `${credential}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  // Private:

  /** Drops expired entries, so caller credentials seen once do not pile up. */
  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(key);
  }
}
