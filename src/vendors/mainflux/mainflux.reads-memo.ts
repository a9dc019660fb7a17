/**
 * A per-request memo of upstream reads: the same page or relation asked twice in one
 * GraphQL operation is fetched once; a failed read is forgotten so a retry can succeed.
 */
export class MainfluxMemo {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = fetch();
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }

  /** Forgets every read whose key starts with `prefix` (after a write changed it). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
