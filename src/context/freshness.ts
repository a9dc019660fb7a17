import type { Vendor } from '../core/vendor';
import type { RequestContext } from './context';

export interface FreshnessRecord {
  stale: boolean;
  fetchedAt: Date | null;
  ageMs: number | null;
}

/**
 * How fresh a vendor's records are in this operation, from what its calls reported to the
 * request scope. Per (operation, vendor), not per record: a record is marked stale when any of
 * its vendor's reads in the operation was served stale, and dated by the oldest data served.
 * That can over-report (a fresh record beside a stale one) but never hides old data.
 */
export function freshnessOf(ctx: RequestContext, vendor: Vendor): FreshnessRecord {
  const source = ctx.scope.sources[vendor];
  if (source?.fetchedAt === undefined) return { stale: source?.cache === 'STALE', fetchedAt: null, ageMs: null };
  return { stale: source.cache === 'STALE', fetchedAt: new Date(source.fetchedAt), ageMs: Math.max(0, Date.now() - source.fetchedAt) };
}
