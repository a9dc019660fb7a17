import { contentId } from '../core/keyset';
import type { KeysetSource } from '../core/keyset-page';
import { windowScan, type NewestReader } from '../core/keyset-window';
import type { MeasurementRecord, NodeRecord } from '../core/model';
import type { RequestContext } from './context';
import { measurementsOf } from './entity-reads';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * A source's data points for keyset paging (`measurementHistory`), over the vendor's existing
 * measurement read (`names`, `from`, `to`, `last` per name): each read asks for the newest
 * points of a time window, and pages move the window. A name the source does not offer gets
 * the same MEASUREMENT_NOT_OFFERED note at `path` as `measurements`.
 */
export function measurementHistorySource(
  ctx: RequestContext,
  record: NodeRecord,
  names: readonly string[] | null,
  path: ReadonlyArray<string | number>,
): KeysetSource<MeasurementRecord> {
  const time = (m: MeasurementRecord) => m.time.getTime();
  const reader: NewestReader<MeasurementRecord> = {
    step: 1,
    maxLimit: ctx.pageLimits.maxSize,
    // Igtimi refuses ranges over 31 days and reads a week per call: backward windows stay within a week.
    maxSpan: WEEK_MS,
    time,
    newest: async (window, limit) => {
      const points = await measurementsOf(ctx, record, {
        names,
        from: window.from === null ? null : new Date(window.from),
        to: window.to === null ? null : new Date(window.to),
        last: limit,
      }, path);
      return { items: points, completeAbove: completeAbove(points, limit, names === null) };
    },
  };
  return {
    list: 'measurementHistory',
    key: (m) => ({ time: time(m), id: contentId([m.sourceTypename, m.sourceNativeId, m.name, m.value, m.stringValue, m.boolValue]) }),
    scan: (request) => windowScan(reader, request),
  };
}

/**
 * `last` keeps the newest points per name (or, without names, in all at some vendors): a name
 * that came back with `limit` points may have older ones, so only the times above the newest
 * such cut are vouched for.
 */
function completeAbove(points: readonly MeasurementRecord[], limit: number, cappedInAll: boolean): number | null {
  const byName = new Map<string, number[]>();
  for (const p of points) byName.set(p.name, [...(byName.get(p.name) ?? []), p.time.getTime()]);
  const cuts = [...byName.values()].filter((times) => times.length >= limit).map((times) => Math.min(...times));
  if (cappedInAll && points.length >= limit) cuts.push(Math.min(...points.map((p) => p.time.getTime())));
  return cuts.length ? Math.max(...cuts) : null;
}
