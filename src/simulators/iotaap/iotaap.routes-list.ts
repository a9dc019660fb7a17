/**
 * IoTaaP's DataTables-style list parameters (`search_value, offset, limit, draw, order_dir`)
 * and envelope (`recordsTotal, recordsFiltered, draw`), shared by every list endpoint.
 */
import type { IotaapWireListEnvelope } from '../../vendors/iotaap/iotaap.wire';
import { firstValue, type SimQuery } from '../router';

/** Page size when `limit` is absent or not a positive whole number. */
export const IOTAAP_DEFAULT_LIMIT = 10;

/**
 * Largest page: a bigger `limit` is clamped to 100 rather than refused, the way paging
 * backends usually cap DataTables requests; the doc states no maximum, so clients must not
 * assume one page holds everything.
 */
export const IOTAAP_MAX_LIMIT = 100;

/** One page of `items` and the envelope fields. */
export interface IotaapPage<T> extends IotaapWireListEnvelope {
  items: T[];
}

/**
 * Filters, sorts and slices `items` (the caller's whole scope: all their groups, all their
 * devices, or all of one group's devices — `recordsTotal` counts that scope).
 * - `search_value`: case-insensitive substring of `name`.
 * - `order_dir`: `asc` (default) or `desc` by `created_at`; ties by `_id`. Other values read as `asc`.
 * - `offset`: default 0; negative or non-numeric reads as 0.
 * - `draw`: echoed back as a string, `""` when absent.
 */
export function listPage<T extends { _id: string; name: string; created_at: string }>(
  items: readonly T[],
  query: SimQuery,
): IotaapPage<T> {
  const search = (firstValue(query.search_value) ?? '').toLowerCase();
  const direction = firstValue(query.order_dir)?.toLowerCase() === 'desc' ? -1 : 1;
  const offset = wholeNumber(firstValue(query.offset)) ?? 0;
  const limit = Math.min(positive(wholeNumber(firstValue(query.limit))) ?? IOTAAP_DEFAULT_LIMIT, IOTAAP_MAX_LIMIT);

  const filtered = items.filter((item) => item.name.toLowerCase().includes(search));
  const sorted = [...filtered].sort(
    (a, b) => direction * (a.created_at.localeCompare(b.created_at) || a._id.localeCompare(b._id)),
  );
  return {
    items: sorted.slice(offset, offset + limit),
    recordsTotal: items.length,
    recordsFiltered: filtered.length,
    draw: firstValue(query.draw) ?? '',
  };
}

// Private:

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
