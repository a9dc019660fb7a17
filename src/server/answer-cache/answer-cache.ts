import { LRUCache } from 'lru-cache';

/** One stored answer: the exact bytes Apollo sent, and what a hit needs to account for it. */
export interface CachedAnswer {
  /**
   * The answer as Apollo sent it. A string, not a Buffer: node:http writes a string body in
   * one piece with the head (one write), a Buffer beside it (a writev of two parts).
   */
  body: string;
  /** `body`'s length in UTF-8 bytes (the Content-Length), counted once when stored. */
  bytes: number;
  contentType: string;
  operationName: string | null;
  /** The operation's cost points, charged to the caller again on every hit. */
  cost: number;
  maxAgeSeconds: number;
  storedAt: number;
}

/** What the cache-policy plugin decided for one operation (see cache-policy.plugin.ts). */
export interface AnswerCacheDecision {
  maxAgeSeconds: number;
  operationName: string | null;
  cost: number;
}

/**
 * Whole answers of idempotent queries, per caller, for as long as the operation's
 * `@cacheControl` hints allow (seconds, not minutes). Keyed by everything that can change the
 * answer: the caller, the vendor credentials it brought, the Accept header and the request
 * itself, byte for byte. Bounded by bytes, least recently used first out. Any mutation
 * empties it: a caller who changes something reads the change at once.
 */
export class AnswerCache {
  private readonly entries: LRUCache<string, CachedAnswer>;
  /** Per operation (its RequestScope: Apollo hands plugins a copy of the context), until the handler stores the answer. */
  private readonly decisions = new WeakMap<object, AnswerCacheDecision>();
  private isSuspended = false;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, CachedAnswer>({ maxSize: maxBytes, sizeCalculation: (entry, key) => entry.bytes + key.length + 256 });
  }

  /** The parts joined, not hashed: a hash of every request costs more than the longer key. */
  static key(parts: readonly (string | null | undefined)[]): string {
    return parts.join('\u0000');
  }

  get(key: string): CachedAnswer | undefined {
    if (this.isSuspended) {
      this.onSuspendedLookup?.();
      return undefined;
    }
    return this.entries.get(key);
  }

  /** Called by the plugin once an operation's answer is known to be cacheable. */
  allow(scope: object, decision: AnswerCacheDecision): void {
    this.decisions.set(scope, decision);
  }

  /** Stores the answer of the operation of `scope` when the plugin allowed it. */
  store(scope: object, key: string, body: string, contentType: string): boolean {
    const decision = this.decisions.get(scope);
    if (!decision || decision.maxAgeSeconds <= 0 || this.isSuspended) return false;
    this.entries.set(key, { ...decision, body, bytes: Buffer.byteLength(body, 'utf8'), contentType, storedAt: Date.now() }, { ttl: decision.maxAgeSeconds * 1000 });
    return true;
  }

  /** Told when a mutation here empties the cache, so other instances empty theirs (cache-broadcast.ts). */
  onClear: (() => void) | null = null;

  /** A mutation ran on this instance. */
  clear(): void {
    this.entries.clear();
    this.onClear?.();
  }

  /** A mutation ran on another instance (or one may have gone unheard): empty without telling anyone. */
  clearQuietly(): void {
    this.entries.clear();
  }

  /**
   * Neither served nor filled until `resume`: while this instance cannot hear other instances'
   * clears (cache-broadcast.ts), an answer might predate a write made elsewhere.
   */
  suspend(): void {
    this.isSuspended = true;
  }

  resume(): void {
    this.isSuspended = false;
  }

  get suspended(): boolean {
    return this.isSuspended;
  }

  /** Told of each lookup bypassed while suspended (to count it). */
  onSuspendedLookup: (() => void) | null = null;

  get size(): number {
    return this.entries.size;
  }
}
