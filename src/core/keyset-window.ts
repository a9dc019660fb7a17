import type { KeysetKey, KeysetRequest } from './keyset';
import type { KeysetChunk, TimeWindow } from './keyset-page';

/**
 * Keyset walks over a vendor whose list reads answer "the newest N items between two times"
 * (Mainflux readers, Thingsee messages, measurement reads): the window is moved, never an offset.
 */
export interface NewestReader<T> {
  /** The newest items with time in the window (both ends inclusive), at most about `limit`. */
  newest(window: TimeWindow, limit: number): Promise<NewestSlice<T>>;
  time(item: T): number;
  /** The finest time step the vendor's window takes, in ms (1000 for whole seconds). */
  step: number;
  /** The largest `limit` the vendor takes in one read. */
  maxLimit: number;
  /** The widest window one read may span (a vendor may refuse wider ones). @default unbounded */
  maxSpan?: number;
  /** Offset reads, for a vendor that keeps one order inside an instant (see `RankedReads`). */
  ranked?: RankedReads<T>;
}

/**
 * A vendor whose window reads take an offset and answer ties in the same order every time:
 * items are ranked inside their instant (`KeysetKey.rank`), so a page reads just its own items
 * (a tie at its edge needs no read of the whole instant) and the vendor's `total` says whether
 * there is a next page.
 */
export interface RankedReads<T> {
  /** Items `offset` onwards of the window, newest first, and how many the window holds. */
  page(window: TimeWindow, offset: number, limit: number): Promise<{ items: T[]; total: number }>;
  /** The item's tie-breaker id (`KeysetKey.id`): checks that a cursor's place still holds it. */
  id(item: T): string;
}

/**
 * What one read answered. `completeAbove` null: every item of the window is here; else every
 * item newer than that time is here (items at it or older may be missing).
 */
export interface NewestSlice<T> {
  items: T[];
  completeAbove: number | null;
}

/** A slice of a vendor that keeps the newest `limit` items: full means possibly cut at its oldest. */
export function newestSlice<T>(items: T[], limit: number, time: (item: T) => number): NewestSlice<T> {
  return { items, completeAbove: items.length < limit ? null : Math.min(...items.map(time)) };
}

/** First window span of a backward walk; it doubles while windows come back with room to spare. */
const FIRST_SPAN_MS = 60_000;

/** Walks the request's window from the cursor in the request's direction, a window at a time. */
export function windowScan<T>(reader: NewestReader<T>, request: KeysetRequest): AsyncIterable<KeysetChunk<T>> {
  const start = request.cursor?.time ?? null;
  // A cursor without a rank (issued before ranks) goes on ordering ties by id, reading instants whole.
  const ranked = request.cursor === null || request.cursor.rank !== undefined ? reader.ranked : undefined;
  if (request.direction === 'OLDER') {
    return ranked ? rankedOlderScan(reader, ranked, request) : olderScan(reader, request.from, min(request.to, start), request.size + 1);
  }
  const from = max(request.from, start);
  const scan = from === null ? wholeWindowScan(reader, request) : newerScan(reader, from, request.to);
  return ranked ? withRanks(scan, reader.time) : scan;
}

/**
 * Newest first, ranked: each read takes the next items of the window by offset, so a page costs
 * one read of its own size. After a cursor, the read starts at the cursor's own place and must
 * find the cursor there; if the instant changed under the walk, that instant is read whole and
 * ranked from where the cursor's item now stands.
 */
async function* rankedOlderScan<T>(reader: NewestReader<T>, ranked: RankedReads<T>, request: KeysetRequest): AsyncGenerator<KeysetChunk<T>> {
  const { from, cursor } = request;
  let upper = min(request.to, cursor?.time ?? null);
  // Inside the cursor's instant: read from the cursor's own place, to check its item still stands there.
  let check = cursor && cursor.time === upper && (from === null || from <= upper) ? cursor : null;
  let skip = check?.rank ?? 0;
  let wanted = request.size;
  while (from === null || upper === null || upper >= from) {
    const extra = check ? 1 : 0;
    // At least one item past the cursor, even for an empty page: it shows whether there is more.
    const read = await ranked.page({ from, to: upper }, skip, Math.min(Math.max(wanted, 1) + extra, reader.maxLimit));
    if (check) {
      const head = read.items[0];
      if (!head || reader.time(head) !== check.time || ranked.id(head) !== check.id) {
        yield await movedInstant(reader, ranked, check);
        upper = check.time - reader.step;
        skip = 0;
        check = null;
        continue;
      }
      check = null;
    }
    const items = read.items.slice(extra);
    const chunk = rankedChunk(items, reader.time, upper, skip + extra, skip + read.items.length < read.total);
    yield chunk;
    if (chunk.seenRank === undefined) return;
    wanted -= items.length;
    upper = chunk.seenThrough;
    skip = chunk.seenRank;
  }
}

/**
 * Items read from `skip` onwards of a window topped by `top`, ranked. `more`: the window holds
 * items past them; the walk is then complete down to the oldest one's place, else wholly.
 */
function rankedChunk<T>(items: T[], time: (item: T) => number, top: number | null, skip: number, more: boolean): KeysetChunk<T> {
  const ranks = ranksOf(items, time, top, skip);
  const oldest = items.at(-1);
  if (!more || oldest === undefined) return { items, ranks, seenThrough: Number.NEGATIVE_INFINITY };
  return { items, ranks, seenThrough: time(oldest), seenRank: ranks.at(-1)! + 1, more: true };
}

/** The cursor's instant read whole, ranked so that the cursor's item (where it now stands) keeps the cursor's rank. */
async function movedInstant<T>(reader: NewestReader<T>, ranked: RankedReads<T>, cursor: KeysetKey): Promise<KeysetChunk<T>> {
  const { items } = await ranked.page({ from: cursor.time, to: cursor.time }, 0, reader.maxLimit);
  const found = items.findIndex((item) => ranked.id(item) === cursor.id);
  const shift = found < 0 ? 0 : (cursor.rank ?? 0) - found;
  return { items, ranks: items.map((_, i) => i + shift), seenThrough: cursor.time };
}

/**
 * Each item's place inside its instant, for items read newest first from `skip` onwards of a
 * window topped by `top`: the first `skip` items of the window all belong to the instant `top`.
 */
function ranksOf<T>(items: T[], time: (item: T) => number, top: number | null, skip: number): number[] {
  let first = 0;
  return items.map((item, i) => {
    if (i > 0 && time(item) !== time(items[i - 1]!)) first = i;
    return i - first + (time(item) === top ? skip : 0);
  });
}

/** Ranks for a walk whose reads all start at offset 0 of windows of whole instants. */
async function* withRanks<T>(scan: AsyncIterable<KeysetChunk<T>>, time: (item: T) => number): AsyncGenerator<KeysetChunk<T>> {
  for await (const chunk of scan) yield { ...chunk, ranks: ranksOf(chunk.items, time, null, 0) };
}

/** Newest first: each read ends at the oldest time the previous one could not vouch for. */
async function* olderScan<T>(reader: NewestReader<T>, from: number | null, to: number | null, wanted: number): AsyncGenerator<KeysetChunk<T>> {
  // More than the page needs (a quarter, at least 4): the items sharing the oldest time a read
  // answers are read again by the next read, so a few spare ones usually save that read.
  let limit = Math.min(wanted + Math.max(4, Math.ceil(wanted / 4)), reader.maxLimit);
  let upper = to;
  while (from === null || upper === null || upper >= from) {
    const slice = await reader.newest({ from, to: upper }, limit);
    if (slice.completeAbove === null) {
      yield { items: slice.items, seenThrough: Number.NEGATIVE_INFINITY };
      return;
    }
    const boundary = slice.completeAbove;
    const above = slice.items.filter((item) => reader.time(item) > boundary);
    if (above.length === 0) {
      // Every item read shares one instant: read that instant alone, as much as one read takes
      // (cheaper than the whole window at the largest limit). More items at one instant than
      // the vendor answers at once: keep what came, and go on below it.
      const instant = limit < reader.maxLimit ? await reader.newest({ from: boundary, to: boundary }, reader.maxLimit) : slice;
      yield { items: instant.items, seenThrough: boundary };
      upper = boundary - reader.step;
      continue;
    }
    yield { items: above, seenThrough: boundary + 1 };
    upper = boundary;
  }
}

/**
 * Oldest first from `from`: windows of growing span up to the newest item, halved when one
 * comes back full (the vendor answers the newest of a window, and this walk needs its oldest).
 */
async function* newerScan<T>(reader: NewestReader<T>, from: number, to: number | null): AsyncGenerator<KeysetChunk<T>> {
  const top = to ?? (await newestTime(reader, from));
  if (top === null) return;
  let lower = from;
  let span = Math.max(FIRST_SPAN_MS, reader.step);
  while (lower <= top) {
    const upper = Math.min(lower + span - reader.step, top);
    const slice = await reader.newest({ from: lower, to: upper }, reader.maxLimit);
    if (slice.completeAbove !== null && upper > lower) {
      span = Math.max(reader.step, Math.floor(span / 2 / reader.step) * reader.step);
      continue;
    }
    yield { items: slice.items, seenThrough: upper };
    lower = upper + reader.step;
    span = Math.min(span * 2, reader.maxSpan ?? Number.POSITIVE_INFINITY);
  }
}

/** `last` without `before` or `from`: the oldest items, which only a walk of the whole window finds. */
async function* wholeWindowScan<T>(reader: NewestReader<T>, request: KeysetRequest): AsyncGenerator<KeysetChunk<T>> {
  const items: T[] = [];
  for await (const chunk of olderScan(reader, request.from, request.to, reader.maxLimit)) items.push(...chunk.items);
  yield { items, seenThrough: Number.POSITIVE_INFINITY };
}

async function newestTime<T>(reader: NewestReader<T>, from: number): Promise<number | null> {
  const { items } = await reader.newest({ from, to: null }, 1);
  return items.length ? Math.max(...items.map(reader.time)) : null;
}

function min(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function max(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
