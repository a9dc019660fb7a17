import { compareKeys, encodeKeysetCursor, keysetRequest, type KeysetArgs, type KeysetKey, type KeysetRequest } from './keyset';
import type { PageLimits } from './pagination';

/**
 * Part of a walk through a keyset list. `seenThrough` says how far the walk is complete:
 * walking `OLDER`, every item of the window with `time >= seenThrough` has been yielded;
 * walking `NEWER`, every item with `time <= seenThrough`. Items inside a chunk come in any order.
 */
export interface KeysetChunk<T> {
  items: T[];
  seenThrough: number;
  /** Each item's place inside its instant (`KeysetKey.rank`), when the walk is ranked. */
  ranks?: number[];
  /**
   * Walking `OLDER` ranked: the instant `seenThrough` is yielded only up to this rank (the items
   * of that instant before it), not whole.
   */
  seenRank?: number;
  /** The vendor said the window holds items past this chunk: a full page needs no extra item to know it has a next one. */
  more?: boolean;
}

/** A time window in ms epoch, both ends inclusive, null for open. */
export interface TimeWindow {
  from: number | null;
  to: number | null;
}

/** One list a vendor offers for keyset paging. */
export interface KeysetSource<T> {
  /** Names the list in its cursors (e.g. `Channel.messages`), so a cursor of another list is refused. */
  list: string;
  key(item: T): KeysetKey;
  /**
   * Walks the window from the request's cursor (its own time included) in the request's
   * direction, using the vendor's own filters to read as little as it can. The walk stops
   * when the page has what it needs (the iterator's `return`).
   */
  scan(request: KeysetRequest): AsyncIterable<KeysetChunk<T>>;
  /** How many items the window holds, when the vendor can tell without reading them all. */
  count?(window: TimeWindow): Promise<number | null>;
}

export interface KeysetConnection<T> {
  edges: Array<{ node: T; readonly cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Read only when selected: counting may cost a vendor call. */
  readonly totalCount: Promise<number | null>;
}

/**
 * One page of a keyset list, newest first. `first`/`after` walk towards older items,
 * `last`/`before` towards newer ones; edges are always in list order (newest first). Only
 * items strictly beyond the cursor and inside `from`/`to` are kept, whatever the vendor
 * answered, so a vendor that cannot filter by time or key is filtered here.
 */
export async function keysetPage<T>(source: KeysetSource<T>, args: KeysetArgs, limits: PageLimits): Promise<KeysetConnection<T>> {
  const request = keysetRequest(source.list, args, limits);
  const older = request.direction === 'OLDER';
  // Walk order: the order in which this page meets items.
  const walk = (a: KeysetKey, b: KeysetKey) => (older ? compareKeys(a, b) : compareKeys(b, a));
  const kept = new Map<string, { key: KeysetKey; item: T }>();
  const accepts = (key: KeysetKey) =>
    (request.from === null || key.time >= request.from) &&
    (request.to === null || key.time <= request.to) &&
    (request.cursor === null || walk(request.cursor, key) < 0);

  let sorted: Array<{ key: KeysetKey; item: T }> = [];
  let moreBeyond = false;
  for await (const chunk of source.scan(request)) {
    for (const [i, item] of chunk.items.entries()) {
      const rank = chunk.ranks?.[i];
      const key = rank === undefined ? source.key(item) : { ...source.key(item), rank };
      // A vendor page that shifted under the walk may answer an item twice: keep it once.
      if (accepts(key)) kept.set(`${key.time}:${key.id}`, { key, item });
    }
    sorted = [...kept.values()].sort((a, b) => walk(a.key, b.key));
    const edge = sorted[request.size - 1];
    const settled = !edge || (older ? seenOlder(edge.key, chunk) : edge.key.time <= chunk.seenThrough);
    // Enough when the page is full, one more item (or the vendor's count) shows there is a
    // next page, and nothing unseen can sort before the page's last item.
    if (settled && (sorted.length > request.size || (sorted.length === request.size && older && chunk.more === true))) {
      moreBeyond = chunk.more === true;
      break;
    }
  }
  const page = sorted.slice(0, request.size);
  const more = sorted.length > request.size || moreBeyond;
  const given = (older ? args.after : args.before) ?? null;
  const edges = (older ? page : page.reverse()).map(({ key, item }) => new KeysetEdge(source.list, key, item));
  const pageInfo = {
    hasNextPage: older ? more : given !== null,
    hasPreviousPage: older ? given !== null : more,
    // An empty page keeps the cursor it was given, so a reader polling for newer items keeps its place.
    startCursor: edges[0]?.cursor ?? given,
    endCursor: edges.at(-1)?.cursor ?? given,
  };
  return new KeysetPage(edges, pageInfo, () => (source.count ? source.count({ from: request.from, to: request.to }) : Promise.resolve(null)));
}

/** Walking `OLDER`: whether every item that sorts before `key` has been yielded by this chunk. */
function seenOlder(key: KeysetKey, chunk: KeysetChunk<unknown>): boolean {
  if (key.time !== chunk.seenThrough || chunk.seenRank === undefined) return key.time >= chunk.seenThrough;
  return key.rank !== undefined && key.rank < chunk.seenRank;
}

/** A page whose `totalCount` is asked of the vendor only when read (a getter: resolvers read properties). */
class KeysetPage<T> implements KeysetConnection<T> {
  private counted: Promise<number | null> | undefined;

  constructor(
    readonly edges: KeysetConnection<T>['edges'],
    readonly pageInfo: KeysetConnection<T>['pageInfo'],
    private readonly count: () => Promise<number | null>,
  ) {}

  get totalCount(): Promise<number | null> {
    return (this.counted ??= this.count());
  }
}

/** A list with nothing in it (a vendor without the list), still checking its arguments. */
export function emptyKeysetSource<T>(list: string): KeysetSource<T> {
  return {
    list,
    key: () => ({ time: 0, id: '' }),
    scan: async function* () {},
    count: () => Promise.resolve(0),
  };
}

/** An edge whose cursor is encoded only when read. */
class KeysetEdge<T> {
  private encoded: string | undefined;

  constructor(
    private readonly list: string,
    private readonly key: KeysetKey,
    readonly node: T,
  ) {}

  get cursor(): string {
    return (this.encoded ??= encodeKeysetCursor(this.list, this.key));
  }

  toJSON() {
    return { node: this.node, cursor: this.cursor };
  }
}
