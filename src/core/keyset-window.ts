import type { KeysetRequest } from './keyset';
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
  if (request.direction === 'OLDER') return olderScan(reader, request.from, min(request.to, start), request.size + 1);
  const from = max(request.from, start);
  return from === null ? wholeWindowScan(reader, request) : newerScan(reader, from, request.to);
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
