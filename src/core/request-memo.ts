/**
 * The request-scoped memo: whole upstream reads (a page, a relation list, an unpaged list) that
 * are not records by id, each started at most once per key while the memo lives. Concurrent
 * asks share the promise in flight; a read that fails is forgotten, so a later ask retries it.
 *
 * The request context owns one per set of loaders (one operation, or one subscription event)
 * and hands it to the vendors with them; each vendor works in its own namespace (`within`).
 * Records by id belong in the DataLoaders, answers shared across requests in the vendor read cache.
 */
export class RequestMemo {
  /**
   * @param entries shared by every namespace of one request's memo.
   * @param namespace prefix of this view's keys (empty for the whole memo).
   */
  constructor(
    private readonly entries: Map<string, Promise<unknown>> = new Map(),
    private readonly namespace = '',
  ) {}

  /** A view whose keys never meet another namespace's (one per vendor): `forget('')` clears only it. */
  within(namespace: string): RequestMemo {
    return new RequestMemo(this.entries, `${this.namespace}${namespace}\u0000`);
  }

  /** The promise kept for `key`, or `start()`'s, kept from now on. */
  get<T>(key: string, start: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(this.namespace + key) as Promise<T> | undefined;
    return kept ?? this.refresh(key, start);
  }

  /** `start()` now, whatever is kept, and keep its promise for later `get`s. */
  refresh<T>(key: string, start: () => Promise<T>): Promise<T> {
    const full = this.namespace + key;
    const started = start();
    this.entries.set(full, started);
    started.catch(() => {
      // Only this promise is dropped: a later refresh of the same key stays.
      if (this.entries.get(full) === started) this.entries.delete(full);
    });
    return started;
  }

  /** Keeps `value` for `key` unless a read is kept already (an answer learnt on the side). */
  prime<T>(key: string, value: T): void {
    const full = this.namespace + key;
    if (!this.entries.has(full)) this.entries.set(full, Promise.resolve(value));
  }

  /** Whether a read of `key` is kept (in flight or answered). */
  has(key: string): boolean {
    return this.entries.has(this.namespace + key);
  }

  /** Forgets every read whose key starts with `prefix` (after a write changed them). */
  forget(prefix: string): void {
    const full = this.namespace + prefix;
    for (const key of this.entries.keys()) if (key.startsWith(full)) this.entries.delete(key);
  }
}
