import { LIST_CACHE_MS } from '../src/vendors/vendor-list-cache';

/**
 * Cost growth, the cases (bench/growth-run.ts runs them). Two axes:
 * - Page size: 10, 100 and 1000 devices. Gateway pages hold at most 100 items (more is an
 *   error by design), so 1000 devices are a walk of 10 pages with `after` cursors. Batchable
 *   paths must cost the same calls per page whatever the page size (Igtimi latest data, IoTaaP
 *   groups); vendors without a batch read grow by their documented minimum (Thingsee things).
 * - Vendors in one query: 1 to 5, each adding one vendor's first page. Calls must be the sum of
 *   the vendors' minima, and since vendors are called in parallel, latency should stay flat.
 */

/** Devices asked for, per row; the simulators are seeded with the largest. */
export const GROWTH_SIZES = [10, 100, 1000] as const;

/** The gateway's largest page (MAX_PAGE_SIZE default). */
export const PAGE_LIMIT = 100;

export interface PageGrowthCase {
  name: string;
  /** One top-level connection taking `$first` and `$after`, selecting `pageInfo { hasNextPage endCursor }`. */
  query: string;
  /** Fewest upstream calls the vendor allows for one page, given the page's edges as answered and its index in the walk. */
  minimumPerPage(edges: ReadonlyArray<{ node: unknown }>, page: number): number;
  /** Wait this long before each walk, so a shared list cache of an earlier walk has expired and every walk starts cold. */
  coldStartMs?: number;
  /** Why a page's answer is not what the screen shows (empty values, missing relations), or null. */
  check(edges: ReadonlyArray<{ node: unknown }>): string | null;
}

/**
 * The page walks' gateway runs with the defaults but for THINGSEE_LIST_CACHE_MS: shorter than its
 * default (30 s), still longer than one walk here, so that each walk's cold start waits less.
 */
export const WALK_ENV = { THINGSEE_LIST_CACHE_MS: '10000' };

/** Seeded Igtimi devices without data (spares); every other one is a boat with a latest value. */
const IGTIMI_SPARES = 3;

export const PAGE_GROWTH: PageGrowthCase[] = [
  {
    name: 'Igtimi devices, latest wind each',
    query:
      'query Growth($first: Int, $after: String) { devices(first: $first, after: $after, filter: { vendors: [IGTIMI] }) { pageInfo { hasNextPage endCursor } edges { node { name measurements(last: 1, names: ["aws"]) { value } } } } }',
    // GET /devices (the whole list, without device info: Igtimi does not page it) once per walk, shared by its pages
    // (IGTIMI_LIST_CACHE_MS), then one resources/data/latest per page carrying every serial of
    // the page. Constant in the page size.
    minimumPerPage: (_edges, page) => (page === 0 ? 2 : 1),
    coldStartMs: LIST_CACHE_MS + 100,
    check: (edges) => {
      const values = edges.map(({ node }) => (node as { measurements: unknown[] }).measurements.length);
      const boats = values.filter((n) => n === 1).length;
      return boats >= edges.length - IGTIMI_SPARES && values.every((n) => n <= 1) ? null : `${boats} of ${edges.length} devices have one latest aws value`;
    },
  },
  {
    name: 'IoTaaP devices with their group',
    query:
      'query Growth($first: Int, $after: String) { devices(first: $first, after: $after, filter: { vendors: [IOTAAP] }) { pageInfo { hasNextPage endCursor } edges { node { name ... on IotaapDevice { group { id name } } } } } }',
    // GET /devices (offset/limit, one page of up to 100), then the page's groups: one GET /groups
    // page holds every group of the account (6), so one call however many devices reference them.
    minimumPerPage: (edges) => (edges.some(({ node }) => (node as { group?: unknown }).group) ? 2 : 1),
    check: (edges) => {
      const grouped = edges.filter(({ node }) => typeof (node as { group?: { name?: unknown } | null }).group?.name === 'string').length;
      return grouped > 0 ? null : `none of ${edges.length} devices has a group name`;
    },
  },
  {
    name: 'Thingsee things (no batch read)',
    query:
      'query Growth($first: Int, $after: String) { things(first: $first, after: $after, filter: { vendors: [THINGSEE] }) { pageInfo { hasNextPage endCursor } edges { node { nativeId name } } } }',
    // No "all things" call and no batch read: GET /groups, each group's things (4 + unassigned)
    // once per walk, shared by its pages (THINGSEE_LIST_CACHE_MS), then one GET /things/{tuid}
    // per thing on the page. Grows with the page, by the API's minimum.
    minimumPerPage: (edges, page) => (page === 0 ? 6 : 0) + edges.length,
    coldStartMs: Number(WALK_ENV.THINGSEE_LIST_CACHE_MS) + 100,
    check: (edges) => (edges.every(({ node }) => typeof (node as { nativeId?: unknown }).nativeId === 'string') ? null : 'a thing without its id'),
  },
];

export interface VendorStep {
  vendor: string;
  /** An aliased field reading this vendor's first page of its main list. */
  field: string;
  /** Fewest upstream calls for `field`. */
  minimum: number;
}

/**
 * Added one at a time. Each is one list call with no dependent call (critical path 1), so a
 * query over k vendors has floor = one injected latency whatever k is: any growth of latency
 * with k is the gateway's own serial work, not the vendors'.
 */
export const VENDOR_STEPS: VendorStep[] = [
  { vendor: 'IOTAAP', field: 'iotaap: devices(first: 10, filter: { vendors: [IOTAAP] }) { edges { node { name } } }', minimum: 1 }, // GET /devices
  { vendor: 'IGTIMI', field: 'igtimi: devices(first: 10, filter: { vendors: [IGTIMI] }) { edges { node { name } } }', minimum: 1 }, // GET /devices
  { vendor: 'MAINFLUX', field: 'mainflux: things(first: 10, filter: { vendors: [MAINFLUX] }) { edges { node { name } } }', minimum: 1 }, // GET /things
  { vendor: 'TIMETONIC', field: 'timetonic: books(first: 10) { edges { node { title } } }', minimum: 1 }, // getAllBooks
  { vendor: 'THINGSEE', field: 'thingsee: groups(first: 10, filter: { vendors: [THINGSEE] }) { edges { node { name } } }', minimum: 1 }, // GET /groups
];

/** The query over the first `count` vendors of `VENDOR_STEPS`. */
export function vendorQuery(count: number): string {
  return `{ ${VENDOR_STEPS.slice(0, count).map((step) => step.field).join(' ')} }`;
}
