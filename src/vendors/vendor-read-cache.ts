import type Redis from 'ioredis';

/** A cached vendor answer: enough to rebuild the response. */
export interface CachedVendorAnswer {
  status: number;
  text: string;
  json: unknown;
  storedAt: number;
}

/**
 * The vendor read cache: vendor GET answers shared by every request, keyed by vendor,
 * credential and URL (`VendorHttp` reads through it; docs/architecture.md, "Cache layers").
 * Writes bump a generation per (vendor, credential) instead of deleting keys, so a write
 * invalidates every cached read of that caller at once, in memory and in Redis alike.
 */
export interface VendorReadCache {
  get(scope: string, key: string): Promise<CachedVendorAnswer | null>;
  set(scope: string, key: string, answer: CachedVendorAnswer, keepMs: number): Promise<void>;
  invalidate(scope: string): Promise<void>;
}

/** In-process cache, bounded by total bytes; least recently used answers go first. */
export class MemoryVendorReadCache implements VendorReadCache {
  private readonly entries = new Map<string, { answer: CachedVendorAnswer; expires: number; size: number }>();
  private readonly generations = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(scope: string, key: string): Promise<CachedVendorAnswer | null> {
    const full = this.key(scope, key);
    const entry = this.entries.get(full);
    if (!entry) return null;
    this.entries.delete(full);
    if (entry.expires < Date.now()) {
      this.bytes -= entry.size;
      return null;
    }
    this.entries.set(full, entry);
    return entry.answer;
  }

  async set(scope: string, key: string, answer: CachedVendorAnswer, keepMs: number): Promise<void> {
    const full = this.key(scope, key);
    const size = answer.text.length * 2;
    if (size > this.maxBytes / 8) return;
    const previous = this.entries.get(full);
    if (previous) this.bytes -= previous.size;
    this.entries.delete(full);
    this.entries.set(full, { answer, expires: Date.now() + keepMs, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  async invalidate(scope: string): Promise<void> {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
  }

  private key(scope: string, key: string): string {
    return `${scope}#${this.generations.get(scope) ?? 0}#${key}`;
  }
}

/** Reads the caller's generation and the entry in one round trip (KEYS[1]: generation; ARGV: entry prefix, key). */
const GET_LUA = "return redis.call('get', ARGV[1] .. (redis.call('get', KEYS[1]) or '0') .. ':' .. ARGV[2])";
/** Stores under the current generation in one round trip (ARGV: entry prefix, key, answer, keep ms). */
const SET_LUA = "return redis.call('set', ARGV[1] .. (redis.call('get', KEYS[1]) or '0') .. ':' .. ARGV[2], ARGV[3], 'PX', ARGV[4])";

/**
 * The same cache shared by every instance through Redis (one round trip per lookup or store). Redis failing is a miss, never an
 * error or a wait beyond the connection's command deadline: the read goes to the vendor and
 * `onFailure` counts the bypass.
 */
export class RedisVendorReadCache implements VendorReadCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix_ = 'tributary',
    private readonly onFailure: () => void = () => undefined,
  ) {}

  async get(scope: string, key: string): Promise<CachedVendorAnswer | null> {
    try {
      const text = (await this.redis.eval(GET_LUA, 1, this.generationKey(scope), this.entryPrefix(scope), key)) as string | null;
      return text ? (JSON.parse(text) as CachedVendorAnswer) : null;
    } catch {
      this.onFailure();
      return null;
    }
  }

  async set(scope: string, key: string, answer: CachedVendorAnswer, keepMs: number): Promise<void> {
    try {
      await this.redis.eval(SET_LUA, 1, this.generationKey(scope), this.entryPrefix(scope), key, JSON.stringify(answer), String(keepMs));
    } catch {
      this.onFailure();
    }
  }

  async invalidate(scope: string): Promise<void> {
    try {
      await this.redis.incr(this.generationKey(scope));
    } catch {
      this.onFailure();
    }
  }

  private generationKey(scope: string): string {
    return `${this.prefix_}:cache-gen:${scope}`;
  }

  private entryPrefix(scope: string): string {
    return `${this.prefix_}:cache:${scope}:`;
  }
}
