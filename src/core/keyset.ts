import { createHash } from 'node:crypto';
import { BadUserInputError } from './errors';
import type { PageLimits } from './pagination';

/**
 * Keyset cursors for lists whose contents change while they are read (messages, histories).
 * An item's place is its key (time, then a tie-breaker id), not its offset, so items that
 * arrive between two page requests never shift a page: no repeats, no skips.
 */

/**
 * Where an item sorts: newest first by `time` (ms epoch); ties by `rank` ascending where the
 * vendor keeps one order inside an instant and reads take an offset (a page then goes on inside
 * an instant without reading it whole), else by `id` descending.
 */
export interface KeysetKey {
  time: number;
  id: string;
  /** Place inside its instant in the vendor's own order (0 = first the vendor answers). */
  rank?: number;
}

/** Which way a page walks: `OLDER` from `after` (forward), `NEWER` from `before` (backward). */
export type KeysetDirection = 'OLDER' | 'NEWER';

/** Relay arguments of a keyset list, with its time window. */
export interface KeysetArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** What a page request asks for, checked: size, direction, start key and window (ms, inclusive). */
export interface KeysetRequest {
  size: number;
  direction: KeysetDirection;
  cursor: KeysetKey | null;
  from: number | null;
  to: number | null;
}

/** Cursor format version; a cursor of another version is refused with a clear message. */
const CURSOR_VERSION = 1;

/**
 * A tie-breaker id for items the vendor gives no id (Mainflux messages, Thingsee messages,
 * data points): a digest of what the item holds. Two items identical in every field count once.
 */
export function contentId(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

/** Newest first: negative when `a` comes before `b` in the list. */
export function compareKeys(a: KeysetKey, b: KeysetKey): number {
  if (a.time !== b.time) return b.time - a.time;
  if (a.rank !== undefined && b.rank !== undefined && a.rank !== b.rank) return a.rank - b.rank;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Opaque cursor of one item of list `list` (base64url JSON, versioned). */
export function encodeKeysetCursor(list: string, key: KeysetKey): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, l: list, t: key.time, i: key.id, ...(key.rank !== undefined ? { r: key.rank } : {}) }), 'utf8').toString('base64url');
}

/** The key of a cursor of list `list`; anything else is BAD_USER_INPUT naming the argument. */
export function decodeKeysetCursor(list: string, cursor: string, argument: 'after' | 'before'): KeysetKey {
  const refuse = (why: string): never => {
    throw new BadUserInputError(`\`${argument}\` ${why}; pass a cursor this list returned (pageInfo.${argument === 'after' ? 'endCursor' : 'startCursor'})`, {
      argument,
    });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse(`is not a cursor: "${cursor.slice(0, 40)}"`);
  }
  if (typeof parsed !== 'object' || parsed === null) return refuse('is not a cursor');
  const { v, l, t, i, r } = parsed as Record<string, unknown>;
  if (v === undefined && 'p' in parsed) return refuse('is an offset cursor of an older Tributary version, which this list no longer takes');
  if (v !== CURSOR_VERSION) return refuse(`has cursor version ${JSON.stringify(v)}, but this gateway reads version ${CURSOR_VERSION}`);
  if (l !== list) return refuse(`is a cursor of ${typeof l === 'string' ? l.slice(0, 60) : 'another list'}, not of ${list}`);
  if (!Number.isSafeInteger(t) || typeof i !== 'string' || i.length === 0 || i.length > 200) return refuse('is not a cursor of this list');
  // A cursor without `r` (issued before ranks, or by an unranked list) keeps ordering ties by id.
  if (r !== undefined && !(Number.isSafeInteger(r) && (r as number) >= 0)) return refuse('is not a cursor of this list');
  return { time: t as number, id: i, ...(r !== undefined ? { rank: r as number } : {}) };
}

/**
 * Checks the arguments before any vendor call: `first`/`after` walk forward (older), `last`/
 * `before` walk backward (newer); mixing the two directions, sizes out of range, a bad cursor
 * or `from` after `to` are BAD_USER_INPUT.
 */
export function keysetRequest(list: string, args: KeysetArgs, limits: PageLimits): KeysetRequest {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw new BadUserInputError('Page one way at a time: `first`/`after` walk forward, `last`/`before` walk backward', {
      argument: args.first != null ? 'first' : 'after',
    });
  }
  const argument = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > limits.maxSize) {
    throw new BadUserInputError(`\`${argument}\` must be a whole number from 0 to ${limits.maxSize}, but got ${size}`, { argument });
  }
  const from = args.from?.getTime() ?? null;
  const to = args.to?.getTime() ?? null;
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError(`\`from\` (${args.from!.toISOString()}) must not be after \`to\` (${args.to!.toISOString()})`, { argument: 'from' });
  }
  const raw = backward ? args.before : args.after;
  const cursor = raw ? decodeKeysetCursor(list, raw, backward ? 'before' : 'after') : null;
  return { size, direction: backward ? 'NEWER' : 'OLDER', cursor, from, to };
}
