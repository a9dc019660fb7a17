import type { Vendor } from './vendor';

/** How one vendor served an operation, as `extensions.sources.<VENDOR>` reports it. */
export interface SourceReport {
  /** OK, or the error code of a call that failed in the end (after its retries). */
  status: string;
  /** Slowest single upstream call with its retries, in ms (0 when everything came from the cache). */
  latencyMs: number;
  /** Calls made to the vendor for the operation (0 when everything came from the cache). */
  calls: number;
  /** HTTP attempts those calls took, retries included: `attempts - calls` retries. */
  attempts: number;
  /** When the oldest data served was fetched from the vendor (epoch ms); absent when nothing was. */
  fetchedAt?: number;
  /** MISS: fetched; HIT: fresh from the shared cache; STALE: the vendor failed, an older answer was served. */
  cache: 'HIT' | 'MISS' | 'STALE';
  /** Age of the oldest stale answer served, when `cache` is STALE. */
  staleAgeMs?: number;
}

const CACHE_RANK = { HIT: 0, MISS: 1, STALE: 2 } as const;

/**
 * What one GraphQL operation did upstream. It travels explicitly: the operation's loaders
 * carry it, and the vendor clients connected to them call `VendorHttp.within(scope)`, so the
 * HTTP layer counts each call for the operation that made it and for no other.
 */
export class RequestScope {
  readonly upstreamCalls: Partial<Record<Vendor, number>> = {};
  readonly sources: Partial<Record<Vendor, SourceReport>> = {};
  /** Correlates the operation's log line with its vendor calls (sent as `x-request-id`). */
  requestId: string | null = null;

  private readonly intervals: Array<[number, number]> = [];

  countUpstream(vendor: Vendor): void {
    this.upstreamCalls[vendor] = (this.upstreamCalls[vendor] ?? 0) + 1;
  }

  /** One upstream call's span (performance.now() ms), for the time spent waiting on vendors. */
  recordCall(start: number, end: number): void {
    this.intervals.push([start, end]);
  }

  /**
   * Time during which at least one upstream call was in flight: the vendors' share of the
   * operation's duration. Duration minus this is the gateway's own overhead.
   */
  get upstreamMs(): number {
    const sorted = [...this.intervals].sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [start, end] = sorted[0] ?? [0, 0];
    for (const [s, e] of sorted.slice(1)) {
      if (s > end) {
        total += end - start;
        [start, end] = [s, e];
      } else end = Math.max(end, e);
    }
    return total + (end - start);
  }

  /** Folds one call's outcome into the vendor's report: the worst status and cache outcome win. */
  reportSource(vendor: Vendor, report: SourceReport): void {
    const current = this.sources[vendor];
    if (!current) {
      this.sources[vendor] = { ...report };
      return;
    }
    current.latencyMs = Math.max(current.latencyMs, report.latencyMs);
    current.calls += report.calls;
    current.attempts += report.attempts;
    if (report.fetchedAt !== undefined) current.fetchedAt = Math.min(current.fetchedAt ?? Infinity, report.fetchedAt);
    if (report.status !== 'OK') current.status = report.status;
    if (CACHE_RANK[report.cache] > CACHE_RANK[current.cache]) current.cache = report.cache;
    if (report.staleAgeMs !== undefined) current.staleAgeMs = Math.max(current.staleAgeMs ?? 0, report.staleAgeMs);
  }

  get totalUpstreamCalls(): number {
    return Object.values(this.upstreamCalls).reduce((sum, n) => sum + (n ?? 0), 0);
  }
}
