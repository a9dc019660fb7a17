import { BadUserInputError, TributaryError } from './errors';
import type { VendorPage } from './model';
import { VENDORS, type Vendor } from './vendor';

/** Relay paging arguments as the schema receives them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * One slice of a merged list: fetches `limit` items from `offset`. `key` names the slice in
 * cursors (a GraphQL type name, since one vendor may serve two types of one interface).
 */
export interface PageSource<T> {
  key: string;
  vendor: Vendor;
  fetch(offset: number, limit: number): Promise<VendorPage<T>>;
}

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

/** Where each slice stands in a merged list; `totals` lets exhausted slices be skipped. */
interface CursorState {
  positions: Record<string, number>;
  totals: Record<string, number>;
}

/** Validates `first` against the page limits: above the maximum is an error, never a silent clamp. */
export function pageSize(args: PageArgs, limits: PageLimits): number {
  const first = args.first ?? limits.defaultSize;
  if (!Number.isInteger(first) || first < 0) {
    throw new BadUserInputError(`\`first\` must be a whole number from 0 to ${limits.maxSize}, but got ${first}`, {
      argument: 'first',
    });
  }
  if (first > limits.maxSize) {
    throw new BadUserInputError(
      `\`first\` may be at most ${limits.maxSize}, but got ${first}; page with \`after\` and \`pageInfo.endCursor\``,
      { argument: 'first' },
    );
  }
  return first;
}

/**
 * Builds one page of a list that spans vendors. Vendors keep their own order and are
 * concatenated in `VENDORS` order, so the order is stable; each edge's cursor carries
 * every vendor's position. Every vendor with items left is asked once, in parallel, so a
 * page costs at most one call per vendor and the latency of the slowest. A vendor that
 * fails is reported through `onVendorError` and contributes nothing (its position stays).
 */
export async function mergePage<T>(
  sources: readonly PageSource<T>[],
  args: PageArgs,
  limits: PageLimits,
  onVendorError: (vendor: Vendor, error: unknown) => void,
): Promise<Connection<T>> {
  const size = pageSize(args, limits);
  const start = decodeCursor(args.after);
  // Array#sort is stable: slices of one vendor keep the order they were given in.
  const ordered = [...sources].sort((a, b) => VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
  const results = await Promise.all(
    ordered.map(async (source) => {
      const offset = start.positions[source.key] ?? 0;
      const knownTotal = start.totals[source.key];
      if (knownTotal !== undefined && offset >= knownTotal) {
        return { source, offset, page: { items: [], total: knownTotal } as VendorPage<T> };
      }
      try {
        const page = size === 0 && knownTotal !== undefined ? { items: [], total: knownTotal } : await source.fetch(offset, Math.max(size, 1));
        return { source, offset, page };
      } catch (error) {
        onVendorError(source.vendor, error);
        return { source, offset, page: null };
      }
    }),
  );

  const state: CursorState = { positions: { ...start.positions }, totals: { ...start.totals } };
  for (const { source, page } of results) if (page) state.totals[source.key] = page.total;

  const edges: Edge<T>[] = [];
  const trail = new CursorTrail(start.positions, state.totals);
  let hasNextPage = false;
  for (const { source, offset, page } of results) {
    if (!page) continue;
    let position = offset;
    for (const item of page.items) {
      if (edges.length >= size) {
        hasNextPage = true;
        break;
      }
      position += 1;
      state.positions[source.key] = position;
      edges.push(new LazyEdge(item, trail, trail.step(source.key, position)));
    }
    if (position < page.total) hasNextPage = true;
  }
  const totalCount = Object.values(state.totals).reduce((sum, n) => sum + n, 0);
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Object.values(start.positions).some((p) => p > 0),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? args.after ?? null,
    },
  };
}

/** A list from one vendor, paged with the same cursors as merged lists. Errors propagate. */
export function singleVendorPage<T>(source: PageSource<T>, args: PageArgs, limits: PageLimits): Promise<Connection<T>> {
  return mergePage([source], args, limits, (_vendor, error) => {
    throw error;
  }).catch((error: unknown) => {
    throw error instanceof TributaryError ? error : new TributaryError(String(error), 'VENDOR_ERROR', source.vendor);
  });
}

/**
 * The cursors of one page, encoded only when read: an edge's cursor is every slice's position
 * after that edge, and most pages are read without asking for the cursor of each edge. The
 * positions are replayed in edge order (the order GraphQL reads them), so reading them all
 * costs what encoding them up front did, and reading none costs nothing.
 */
class CursorTrail {
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private positions: Record<string, number>;
  private applied = 0;

  constructor(
    private readonly start: Readonly<Record<string, number>>,
    private readonly totals: Record<string, number>,
  ) {
    this.positions = { ...start };
  }

  /** Records that the next edge moved slice `key` to `position`; returns that edge's index. */
  step(key: string, position: number): number {
    this.keys.push(key);
    this.values.push(position);
    return this.keys.length - 1;
  }

  cursorAt(index: number): string {
    if (index < this.applied - 1) {
      this.positions = { ...this.start };
      this.applied = 0;
    }
    while (this.applied <= index) {
      this.positions[this.keys[this.applied]!] = this.values[this.applied]!;
      this.applied += 1;
    }
    return encodeCursor({ positions: this.positions, totals: this.totals });
  }
}

/**
 * An edge whose `cursor` is encoded on first read (a getter, so the edge itself stays one
 * small object; `toJSON` shows the cursor like a plain edge would).
 */
class LazyEdge<T> implements Edge<T> {
  readonly node: T;
  private readonly trail: CursorTrail;
  private readonly index: number;
  private encoded: string | undefined = undefined;

  constructor(node: T, trail: CursorTrail, index: number) {
    this.node = node;
    this.trail = trail;
    this.index = index;
  }

  get cursor(): string {
    return (this.encoded ??= this.trail.cursorAt(this.index));
  }

  toJSON(): Edge<T> {
    return { node: this.node, cursor: this.cursor };
  }
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ p: state.positions, t: state.totals }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): CursorState {
  if (!cursor) return { positions: {}, totals: {} };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; t?: unknown };
    return { positions: sliceNumbers(parsed.p), totals: sliceNumbers(parsed.t) };
  } catch {
    throw new BadUserInputError(`\`after\` is not a cursor of this list: "${cursor.slice(0, 40)}"; use pageInfo.endCursor`, {
      argument: 'after',
    });
  }
}

function sliceNumbers(value: unknown): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(value)) {
    if (!/^[A-Za-z]{1,64}$/.test(key) || !Number.isInteger(n) || (n as number) < 0) throw new Error('bad position');
    out[key] = n as number;
  }
  return out;
}
