import { upstreamRoutes } from '../../bench/measure';
import { encodeId } from '../../src/core/ids';
import { createMainfluxSeed, MAINFLUX_HISTORY_END } from '../../src/simulators/mainflux/mainflux.seed';
import { KeysetBookMessagesDocument, KeysetChannelMessagesDocument, KeysetMeasurementHistoryDocument, MainfluxSendMessagesDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { repeated, walkPages, type PageRequest } from '../helpers/keyset-walk';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Mainflux `Channel.messages` and `Thing.measurementHistory` with keyset cursors, over real
 * HTTP: messages are published through the gateway between page requests, and every walk
 * must still give each message exactly once.
 */
const seed = createMainfluxSeed();
const floor1 = seed.channels.find((c) => c.name === 'floor-1')!;
const publisherId = seed.connections.find((c) => c.startsWith(`${floor1.id}/`))!.split('/')[1]!;
const channelId = encodeId('MAINFLUX', 'MainfluxChannel', floor1.id);
const thingId = encodeId('MAINFLUX', 'MainfluxThing', publisherId);
const seededOnFloor1 = seed.messages.filter((m) => m.channel === floor1.id).length;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['mainflux', 'timetonic'] });
});
afterAll(disposeLeftovers);

type Point = { name: string; value?: number | null; time: string };
const keyOf = (p: Point) => `${p.name}|${p.value}|${p.time}`;

let sent = 0;
/** Publishes one reading with a value no other message has, through the gateway. */
async function publish(): Promise<void> {
  sent += 1;
  const answer = await gql(stack.url, MainfluxSendMessagesDocument, { channelId, thingId, senml: [{ n: 'keyset-probe', u: 'Cel', v: 1000 + sent }] });
  expect(answer.errors).toBeUndefined();
}

async function channelPage(request: PageRequest & { from?: string; to?: string }) {
  const answer = await gql(stack.url, KeysetChannelMessagesDocument, { id: channelId, ...request });
  expect(answer.errors).toBeUndefined();
  return answer.data!.channel!.messages!;
}

/** Every message of the channel now, newest first, read in one page (the channel holds fewer than 100). */
async function everything(): Promise<string[]> {
  const page = await channelPage({ first: 100 });
  expect(page.pageInfo.hasNextPage).toBe(false);
  return page.edges.map((e) => keyOf(e.node));
}

function expectNewestFirst(points: Point[]): void {
  const times = points.map((p) => Date.parse(p.time));
  expect(times).toEqual([...times].sort((a, b) => b - a));
}

describe('Channel.messages keyset paging', () => {
  it('walks forward while messages arrive: every message present at the start once, none repeated or skipped', async () => {
    const before = await everything();
    expect(before.length).toBeGreaterThanOrEqual(seededOnFloor1);
    const { nodes, pages } = await walkPages('forward', 7, channelPage, () => Promise.all([publish(), publish()]).then(() => undefined));
    expect(pages).toBeGreaterThan(5);
    expect(repeated(nodes.map(keyOf))).toEqual([]);
    expect(nodes.map(keyOf)).toEqual(before);
    expectNewestFirst(nodes);
    // What arrived during the walk is newer than the walk's first page, at the head of the list.
    const after = await everything();
    expect(after.length).toBe(before.length + 2 * (pages - 1));
    expect(after.slice(2 * (pages - 1))).toEqual(before);
  });

  it('walks backward while messages arrive: the messages of the start and every arrival once, in order', async () => {
    const before = await everything();
    const sentBefore = sent;
    const { nodes, pages } = await walkPages('backward', 7, channelPage, () => publish());
    const arrived = sent - sentBefore;
    expect(arrived).toBe(pages - 1);
    expect(repeated(nodes.map(keyOf))).toEqual([]);
    expectNewestFirst(nodes);
    expect(nodes.map(keyOf)).toEqual(await everything());
    expect(nodes.slice(arrived).map(keyOf)).toEqual(before);
  });

  it('bounds both walks with from/to, ends included', async () => {
    const from = new Date((MAINFLUX_HISTORY_END - 6 * 3600) * 1000).toISOString();
    const to = new Date((MAINFLUX_HISTORY_END - 3 * 3600) * 1000).toISOString();
    const inWindow = seed.messages
      .filter((m) => m.channel === floor1.id && m.time >= MAINFLUX_HISTORY_END - 6 * 3600 && m.time <= MAINFLUX_HISTORY_END - 3 * 3600)
      .map((m) => keyOf({ name: m.name, value: m.value, time: new Date(m.time * 1000).toISOString() }));
    expect(inWindow.length).toBeGreaterThan(10);
    const read = (request: PageRequest) => channelPage({ ...request, from, to });
    const forward = await walkPages('forward', 4, read, () => publish());
    const backward = await walkPages('backward', 4, read, () => publish());
    expect([...forward.nodes.map(keyOf)].sort()).toEqual([...inWindow].sort());
    expect(backward.nodes.map(keyOf)).toEqual(forward.nodes.map(keyOf));
    expect((await read({ first: 1 })).totalCount).toBe(inWindow.length);
  });

  it('keeps its cursor on an empty page, so a reader can poll for newer messages', async () => {
    const head = await channelPage({ first: 3 });
    const newer = await channelPage({ last: 5, before: head.pageInfo.startCursor });
    expect(newer.edges).toEqual([]);
    expect(newer.pageInfo.startCursor).toBe(head.pageInfo.startCursor);
    await publish();
    const arrived = await channelPage({ last: 5, before: newer.pageInfo.startCursor });
    expect(arrived.edges.map((e) => e.node.value)).toEqual([1000 + sent]);
  });
});

describe('Channel.messages across ties', () => {
  it('pages through messages stored at one instant with one readers call a page: none repeated or skipped, in the readers’ order', async () => {
    // Six messages at one instant inside the seeded history: the walk's pages of 4 cut through it.
    const instant = MAINFLUX_HISTORY_END - 1800.5;
    const tie = ['e', 'b', 'f', 'a', 'd', 'c'].map((n, i) => ({ ...(i === 0 ? { bn: 'tie:', bt: instant } : {}), n, v: 2000 + i }));
    const answer = await gql(stack.url, MainfluxSendMessagesDocument, { channelId, thingId, senml: tie });
    expect(answer.errors).toBeUndefined();
    // An hour around it, so the walks stay short whatever earlier tests published.
    const window = { from: new Date((instant - 1800) * 1000).toISOString(), to: new Date((instant + 1800) * 1000).toISOString() };
    const read = (request: PageRequest) => channelPage({ ...request, ...window });
    const whole = await read({ first: 100 });
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const all = whole.edges.map((e) => keyOf(e.node));
    const at = new Date(instant * 1000).toISOString();
    expect(all.filter((key) => key.startsWith('tie:'))).toEqual(['tie:e|2000', 'tie:b|2001', 'tie:f|2002', 'tie:a|2003', 'tie:d|2004', 'tie:c|2005'].map((k) => `${k}|${at}`));
    expect(all.length).toBeGreaterThan(8);
    for (const size of [1, 4]) {
      stack.resetCounts();
      const { nodes, pages } = await walkPages('forward', size, read);
      expect(nodes.map(keyOf)).toEqual(all);
      // One read a page, and for each page after the first one `limit=1` read counting the
      // window (the operation selects totalCount; the first page's read counted it already).
      expect(upstreamRoutes(stack.simulators.controls).mainflux?.['GET /channels/:id/messages']?.calls).toBe(pages + (pages - 1));
    }
    const backward = await walkPages('backward', 4, read);
    expect(backward.nodes.map(keyOf)).toEqual(all);
  });

  it('reads a first page of one message with `limit=1` in one call', async () => {
    stack.resetCounts();
    const page = await channelPage({ first: 1 });
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(upstreamRoutes(stack.simulators.controls).mainflux?.['GET /channels/:id/messages']?.calls).toBe(1);
  });
});

describe('bad cursors and arguments', () => {
  const refused = async (variables: Record<string, unknown>, message: RegExp) => {
    const answer = await gql(stack.url, KeysetChannelMessagesDocument, { id: channelId, ...variables });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.message).toMatch(message);
  };

  it('refuses a malformed cursor, an offset cursor of the old format, a future version and another list’s cursor', async () => {
    await refused({ after: 'not-a-cursor' }, /`after` is not a cursor/);
    const oldStyle = Buffer.from(JSON.stringify({ p: { MainfluxChannel: 25 }, t: { MainfluxChannel: 60 } })).toString('base64url');
    await refused({ after: oldStyle }, /offset cursor of an older Tributary version/);
    const future = Buffer.from(JSON.stringify({ v: 2, l: 'Channel.messages', t: 1, i: 'x' })).toString('base64url');
    await refused({ before: future }, /cursor version 2/);
    const book = await gql(stack.url, KeysetBookMessagesDocument, { id: encodeId('TIMETONIC', 'TimetonicBook', 'demo:fleet-ops'), first: 1 });
    expect(book.errors).toBeUndefined();
    await refused({ after: book.data!.book!.messages!.pageInfo.endCursor }, /cursor of Book\.messages, not of Channel\.messages/);
  });

  it('refuses mixing directions and page sizes out of range', async () => {
    await refused({ first: 2, last: 2 }, /one way at a time/);
    await refused({ last: 101 }, /`last` must be a whole number from 0 to 100/);
    await refused({ from: '2024-10-02T00:00:00Z', to: '2024-10-01T00:00:00Z' }, /`from` must not be after `to`/);
  });
});

describe('Thing.measurementHistory keyset paging', () => {
  const read = async (request: PageRequest) => {
    const answer = await gql(stack.url, KeysetMeasurementHistoryDocument, { id: thingId, ...request });
    expect(answer.errors).toBeUndefined();
    const node = answer.data!.node!;
    if (!('measurementHistory' in node) || !node.measurementHistory) throw new Error('no measurementHistory');
    return node.measurementHistory;
  };
  const all = async () => (await walkPages('forward', 100, read)).nodes.map(keyOf);

  it('walks a Mainflux thing’s history both ways while it publishes, each point once', async () => {
    const start = await all();
    expect(start.length).toBeGreaterThan(10);
    const forward = await walkPages('forward', 4, read, () => publish());
    expect(forward.pages).toBeGreaterThan(2);
    expect(repeated(forward.nodes.map(keyOf))).toEqual([]);
    expect(forward.nodes.map(keyOf)).toEqual(start);

    const middle = await all();
    const sentBefore = sent;
    const backward = await walkPages('backward', 4, read, () => publish());
    const arrived = sent - sentBefore;
    expect(arrived).toBe(backward.pages - 1);
    expect(repeated(backward.nodes.map(keyOf))).toEqual([]);
    expectNewestFirst(backward.nodes);
    expect(backward.nodes.slice(arrived).map(keyOf)).toEqual(middle);
    expect(backward.nodes.map(keyOf)).toEqual(await all());
  });
});
