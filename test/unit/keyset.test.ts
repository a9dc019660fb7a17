import { compareKeys, decodeKeysetCursor, encodeKeysetCursor, keysetRequest, type KeysetArgs } from '../../src/core/keyset';
import { keysetPage, type KeysetConnection, type KeysetSource } from '../../src/core/keyset-page';
import { newestSlice, windowScan, type NewestReader } from '../../src/core/keyset-window';

/**
 * The keyset core against an in-memory vendor that, like Mainflux readers or Thingsee, answers
 * only "the newest N items between two times" and counts its reads. Items are added between
 * pages; walks must give each item once, in order.
 */
interface Item {
  time: number;
  id: string;
}

const LIMITS = { defaultSize: 20, maxSize: 100 };

function vendor(step: number, maxLimit: number, maxSpan?: number) {
  const items: Item[] = [];
  const spans: number[] = [];
  let reads = 0;
  const reader: NewestReader<Item> = {
    step,
    maxLimit,
    maxSpan,
    time: (item) => item.time,
    newest: async (window, limit) => {
      reads += 1;
      if (window.from !== null && window.to !== null) spans.push(window.to - window.from);
      const inWindow = items
        .filter((i) => (window.from === null || i.time >= window.from) && (window.to === null || i.time <= window.to))
        .sort((a, b) => b.time - a.time);
      return newestSlice(inWindow.slice(0, Math.min(limit, maxLimit)), limit, (i) => i.time);
    },
  };
  const source: KeysetSource<Item> = { list: 'Test.items', key: (i) => i, scan: (request) => windowScan(reader, request) };
  return { items, source, spans, reads: () => reads, reader };
}

const readerOf = (v: ReturnType<typeof vendor>) => v.reader;

/** Items in list order: newest first, ties by id descending. */
const ordered = (items: Item[]) => [...items].sort(compareKeys).map((i) => i.id);

async function walk(source: KeysetSource<Item>, direction: 'forward' | 'backward', size: number, between: () => void, window: { from?: Date; to?: Date } = {}) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 500; n += 1) {
    const args: KeysetArgs = direction === 'forward' ? { first: size, after: cursor, ...window } : { last: size, before: cursor, ...window };
    const page: KeysetConnection<Item> = await keysetPage(source, args, LIMITS);
    const ids = page.edges.map((e) => e.node.id);
    if (direction === 'forward') pages.push(ids);
    else pages.unshift(ids);
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return pages.flat();
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    between();
  }
  throw new Error('did not end');
}

/** 60 items, three at each of 20 times (ties), 1 s apart. */
function seeded(step = 1) {
  const v = vendor(step, 7);
  for (let t = 0; t < 20; t += 1) for (const s of ['a', 'b', 'c']) v.items.push({ time: 1_000_000 + t * 1000, id: `${s}${t}` });
  return v;
}

describe('keyset cursors', () => {
  it('round-trips a key and names the list', () => {
    const cursor = encodeKeysetCursor('Test.items', { time: 5, id: 'x' });
    expect(decodeKeysetCursor('Test.items', cursor, 'after')).toEqual({ time: 5, id: 'x' });
    expect(() => decodeKeysetCursor('Other.items', cursor, 'after')).toThrow(/cursor of Test\.items, not of Other\.items/);
  });

  it.each([
    ['garbage', '!!!', /is not a cursor/],
    ['an offset cursor', Buffer.from('{"p":{"X":3},"t":{"X":9}}').toString('base64url'), /offset cursor of an older Tributary version/],
    ['another version', Buffer.from('{"v":9,"l":"Test.items","t":1,"i":"x"}').toString('base64url'), /cursor version 9/],
    ['a bad time', Buffer.from('{"v":1,"l":"Test.items","t":"soon","i":"x"}').toString('base64url'), /not a cursor of this list/],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_what, cursor, message) => {
    try {
      decodeKeysetCursor('Test.items', cursor, 'before');
      throw new Error('accepted');
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    }
  });

  it('checks directions, sizes and windows before anything is read', () => {
    expect(() => keysetRequest('L', { first: 1, before: 'x' }, LIMITS)).toThrow(/one way at a time/);
    expect(() => keysetRequest('L', { first: -1 }, LIMITS)).toThrow(/`first` must be a whole number from 0 to 100/);
    expect(() => keysetRequest('L', { from: new Date(2), to: new Date(1) }, LIMITS)).toThrow(/`from`/);
    expect(keysetRequest('L', { last: 3 }, LIMITS)).toMatchObject({ size: 3, direction: 'NEWER', cursor: null });
    expect(keysetRequest('L', {}, LIMITS)).toMatchObject({ size: 20, direction: 'OLDER' });
  });
});

describe('keysetPage over a vendor that only answers the newest N of a window', () => {
  it('walks forward through ties while newer items arrive: each item of the start once, in order', async () => {
    const v = seeded();
    const start = ordered(v.items);
    let t = 100;
    const walked = await walk(v.source, 'forward', 4, () => v.items.push({ time: 1_000_000 + t++ * 1000, id: `new${t}` }));
    expect(walked).toEqual(start);
  });

  it('walks backward while items arrive: the start and every arrival once', async () => {
    const v = seeded();
    let t = 100;
    const walked = await walk(v.source, 'backward', 4, () => v.items.push({ time: 1_000_000 + t++ * 1000, id: `new${t}` }, { time: 1_000_000 + t * 1000, id: `tie${t}` }));
    expect(walked).toEqual(ordered(v.items));
  });

  it('walks the same way in whole-second windows (Thingsee) and bounds walks by from/to, ends included', async () => {
    const v = seeded(1000);
    const from = new Date(1_000_000 + 5 * 1000);
    const to = new Date(1_000_000 + 9 * 1000);
    const expected = ordered(v.items.filter((i) => i.time >= from.getTime() && i.time <= to.getTime()));
    expect(expected).toHaveLength(15);
    expect(await walk(v.source, 'forward', 4, () => undefined, { from, to })).toEqual(expected);
    expect(await walk(v.source, 'backward', 4, () => undefined, { from, to })).toEqual(expected);
  });

  it('takes more items at one instant than the vendor answers at once by asking for its maximum', async () => {
    const v = vendor(1, 50);
    for (let i = 0; i < 30; i += 1) v.items.push({ time: 5000, id: `same${String(i).padStart(2, '0')}` });
    v.items.push({ time: 4000, id: 'older' });
    expect(await walk(v.source, 'forward', 3, () => undefined)).toEqual(ordered(v.items));
  });

  it('reads the newest instant alone when a first read holds nothing but it: two reads for a head page', async () => {
    const v = vendor(1, 100);
    for (let i = 0; i < 30; i += 1) v.items.push({ time: 9000, id: `top${String(i).padStart(2, '0')}` });
    for (let i = 0; i < 50; i += 1) v.items.push({ time: 8000 - i, id: `old${i}` });
    const windows: Array<[number | null, number | null]> = [];
    const source: KeysetSource<Item> = {
      ...v.source,
      scan: (request) => windowScan({ ...readerOf(v), newest: (window, limit) => (windows.push([window.from, window.to]), readerOf(v).newest(window, limit)) }, request),
    };
    const page = await keysetPage(source, { first: 1 }, LIMITS);
    expect(page.edges.map((e) => e.node.id)).toEqual(['top29']);
    expect(windows).toEqual([
      [null, null],
      [9000, 9000],
    ]);
  });

  it('keeps backward windows within the reader’s widest span, across a long gap', async () => {
    const day = 86_400_000;
    const v = vendor(1, 7, 7 * day);
    v.items.push({ time: 1_000_000, id: 'old' }, { time: 1_000_000 + 100 * day, id: 'late' }, { time: 1_000_000 + 100 * day + 1, id: 'later' });
    expect(await walk(v.source, 'backward', 1, () => undefined, { from: new Date(1_000_000) })).toEqual(['later', 'late', 'old']);
    expect(Math.max(...v.spans)).toBeLessThan(7 * day);
  });

  it('reads once for a first page the vendor can answer whole, and keeps the cursor on an empty page', async () => {
    const v = seeded();
    const page = await keysetPage(v.source, { first: 2 }, LIMITS);
    expect(page.edges.map((e) => e.node.id)).toEqual(ordered(v.items).slice(0, 2));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(v.reads()).toBe(1);
    const newer = await keysetPage(v.source, { last: 2, before: page.pageInfo.startCursor }, LIMITS);
    expect(newer.edges).toEqual([]);
    expect(newer.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true, startCursor: page.pageInfo.startCursor });
    expect(await newer.totalCount).toBeNull();
  });
});

/**
 * A vendor whose reads take an offset and answer ties in the order it stored them (Mainflux
 * readers): pages go on inside an instant by rank, one read per page.
 */
function rankedVendor(maxLimit: number) {
  const v = vendor(1, maxLimit);
  const reads: Array<{ from: number | null; to: number | null; offset: number; limit: number }> = [];
  const inOrder = (window: { from: number | null; to: number | null }) =>
    v.items.filter((i) => (window.from === null || i.time >= window.from) && (window.to === null || i.time <= window.to)).sort((a, b) => b.time - a.time);
  const reader: NewestReader<Item> = {
    ...v.reader,
    ranked: {
      page: async (window, offset, limit) => {
        reads.push({ ...window, offset, limit });
        const all = inOrder(window);
        return { items: all.slice(offset, offset + Math.min(limit, maxLimit)), total: all.length };
      },
      id: (item) => item.id,
    },
  };
  const source: KeysetSource<Item> = { ...v.source, scan: (request) => windowScan(reader, request) };
  return { items: v.items, source, reads, vendorOrder: () => inOrder({ from: null, to: null }).map((i) => i.id) };
}

/** 60 items, three at each of 20 times, stored in an order their ids do not sort in. */
function rankedSeeded(maxLimit = 7) {
  const v = rankedVendor(maxLimit);
  for (let t = 0; t < 20; t += 1) for (const s of ['b', 'c', 'a']) v.items.push({ time: 1_000_000 + t * 1000, id: `${s}${t}` });
  return v;
}

describe('keysetPage over a vendor that takes offsets and keeps one order inside an instant', () => {
  it.each([1, 2, 3, 4])('walks forward in pages of %i while newer items arrive, ties included: each item of the start once, in the vendor’s order, one read a page', async (size) => {
    const v = rankedSeeded();
    const start = v.vendorOrder();
    let t = 100;
    let pages = 0;
    const walked = await walk(v.source, 'forward', size, () => {
      pages += 1;
      v.items.push({ time: 1_000_000 + t++ * 1000, id: `new${t}` }, { time: 1_000_000 + t * 1000, id: `tie${t}` });
    });
    expect(walked).toEqual(start);
    expect(v.reads).toHaveLength(pages + 1);
  });

  it('walks backward while items arrive, ties included: the start and every arrival once, in order', async () => {
    const v = rankedSeeded();
    let t = 100;
    const walked = await walk(v.source, 'backward', 4, () => v.items.push({ time: 1_000_000 + t++ * 1000, id: `new${t}` }, { time: 1_000_000 + t * 1000, id: `tie${t}` }));
    expect(walked).toEqual(v.vendorOrder());
  });

  it('bounds both walks by from/to, ends included', async () => {
    const v = rankedSeeded();
    const from = new Date(1_000_000 + 5 * 1000);
    const to = new Date(1_000_000 + 9 * 1000);
    const expected = v.vendorOrder().filter((id) => Number(id.slice(1)) >= 5 && Number(id.slice(1)) <= 9);
    expect(expected).toHaveLength(15);
    expect(await walk(v.source, 'forward', 2, () => undefined, { from, to })).toEqual(expected);
    expect(await walk(v.source, 'backward', 2, () => undefined, { from, to })).toEqual(expected);
  });

  it('reads `limit=1` for `first: 1` on a tied newest instant, and takes hasNextPage from the vendor’s total', async () => {
    const v = rankedVendor(100);
    for (let i = 0; i < 30; i += 1) v.items.push({ time: 9000, id: `top${i}` });
    const page = await keysetPage(v.source, { first: 1 }, LIMITS);
    expect(page.edges.map((e) => e.node.id)).toEqual(['top0']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(v.reads).toEqual([{ from: null, to: null, offset: 0, limit: 1 }]);
    const all = await keysetPage(v.source, { first: 30 }, LIMITS);
    expect(all.edges).toHaveLength(30);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(v.reads[1]).toEqual({ from: null, to: null, offset: 0, limit: 30 });
  });

  it('goes on after the cursor’s item when its instant changed under the walk (an item stored before it at that instant)', async () => {
    const v = rankedSeeded();
    const first = await keysetPage(v.source, { first: 2 }, LIMITS);
    expect(first.edges.map((e) => e.node.id)).toEqual(['b19', 'c19']);
    v.items.unshift({ time: 1_000_000 + 19 * 1000, id: 'moved' });
    const next = await keysetPage(v.source, { first: 3, after: first.pageInfo.endCursor }, LIMITS);
    expect(next.edges.map((e) => e.node.id)).toEqual(['a19', 'b18', 'c18']);
    const after = await keysetPage(v.source, { first: 3, after: next.pageInfo.endCursor }, LIMITS);
    expect(after.edges.map((e) => e.node.id)).toEqual(['a18', 'b17', 'c17']);
  });

  it('keeps a cursor without a rank (issued before ranks) ordering its instant by id', async () => {
    const v = rankedSeeded();
    const cursor = encodeKeysetCursor('Test.items', { time: 1_000_000 + 19 * 1000, id: 'b19' });
    const next = await keysetPage(v.source, { first: 2, after: cursor }, LIMITS);
    expect(next.edges.map((e) => e.node.id)).toEqual(['a19', 'c18']);
  });
});
