import { KeysetBookMessagesDocument, TimetonicDeleteMessageDocument, TimetonicSendMessageDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { repeated, walkPages, type PageRequest } from '../helpers/keyset-walk';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId } from '../helpers/timetonic-counts';

/**
 * TimeTonic `Book.messages` with keyset cursors, over real HTTP: messages are sent through the
 * gateway between page requests, and every walk must still give each message exactly once.
 */
const fleetOps = bookId('demo', 'fleet-ops');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['timetonic'] });
});
afterAll(disposeLeftovers);

type Message = { nativeId: string; text: string; createdAt: string };
const ids = (messages: Message[]) => messages.map((m) => m.nativeId);

let sent = 0;
async function send(): Promise<void> {
  sent += 1;
  const answer = await gql(stack.url, TimetonicSendMessageDocument, { bookId: fleetOps, text: `keyset probe ${sent}` });
  expect(answer.errors).toBeUndefined();
}

async function page(request: PageRequest & { from?: string; to?: string; search?: string }) {
  const answer = await gql(stack.url, KeysetBookMessagesDocument, { id: fleetOps, ...request });
  expect(answer.errors).toBeUndefined();
  return answer.data!.book!.messages!;
}

/** The whole book now, newest first, walked with large pages and nothing sent meanwhile. */
async function everything(): Promise<Message[]> {
  return (await walkPages('forward', 100, page)).nodes;
}

describe('Book.messages keyset paging', () => {
  it('walks forward while messages are sent: every message of the start once, none repeated or skipped', async () => {
    const before = await everything();
    expect(before.length).toBeGreaterThanOrEqual(80);
    const { nodes, pages } = await walkPages('forward', 9, page, () => send());
    expect(pages).toBeGreaterThan(8);
    expect(repeated(ids(nodes))).toEqual([]);
    expect(ids(nodes)).toEqual(ids(before));
    const after = await everything();
    expect(after.length).toBe(before.length + pages - 1);
    expect((await page({ first: 1 })).totalCount).toBe(after.length);
  });

  it('walks backward while messages are sent: the start and every arrival once, in order', async () => {
    const before = await everything();
    const sentBefore = sent;
    const { nodes, pages } = await walkPages('backward', 9, page, () => send());
    const arrived = sent - sentBefore;
    expect(arrived).toBe(pages - 1);
    expect(repeated(ids(nodes))).toEqual([]);
    expect(nodes.slice(arrived).map((m) => m.nativeId)).toEqual(ids(before));
    expect(ids(nodes)).toEqual(ids(await everything()));
  });

  it('bounds both walks with from/to (applied by the gateway: TimeTonic has no time filter) and counts the window', async () => {
    const all = await everything();
    const from = all[50]!.createdAt;
    const to = all[20]!.createdAt;
    const inWindow = all.filter((m) => m.createdAt >= from && m.createdAt <= to);
    expect(inWindow.length).toBeGreaterThanOrEqual(31);
    const read = (request: PageRequest) => page({ ...request, from, to });
    const forward = await walkPages('forward', 6, read, () => send());
    const backward = await walkPages('backward', 6, read, () => send());
    expect(ids(forward.nodes)).toEqual(ids(inWindow));
    expect(ids(backward.nodes)).toEqual(ids(inWindow));
    expect((await read({ first: 1 })).totalCount).toBe(inWindow.length);
  });

  it('walks forward while messages ahead are deleted and new ones sent: the rest of the start once each', async () => {
    const before = await everything();
    const deleted = new Set<string>();
    let lastSeen: string | null = null;
    const read = async (request: PageRequest) => {
      const answer = await page(request);
      lastSeen = answer.edges.at(-1)?.node.nativeId ?? lastSeen;
      return answer;
    };
    const { nodes } = await walkPages('forward', 9, read, async () => {
      // A message a few places past the page just read: not seen yet.
      const ahead = before[before.findIndex((m) => m.nativeId === lastSeen) + 4];
      if (ahead) {
        const answer = await gql(stack.url, TimetonicDeleteMessageDocument, { bookId: fleetOps, messageId: Number(ahead.nativeId) });
        expect(answer.errors).toBeUndefined();
        deleted.add(ahead.nativeId);
      }
      await send();
    });
    expect(deleted.size).toBeGreaterThan(3);
    expect(ids(nodes)).toEqual(ids(before).filter((id) => !deleted.has(id)));
  });

  it('pages a vendor-side search the same way', async () => {
    const found = await page({ first: 100, search: '#7' });
    expect(found.edges.length).toBeGreaterThan(2);
    const walked = await walkPages('forward', 2, (request) => page({ ...request, search: '#7' }), () => send());
    expect(ids(walked.nodes)).toEqual(found.edges.map((e) => e.node.nativeId));
    for (const message of walked.nodes) expect(message.text).toContain('#7');
  });

  it('refuses a Channel.messages cursor and an offset cursor of the old format', async () => {
    const channelCursor = Buffer.from(JSON.stringify({ v: 1, l: 'Channel.messages', t: 1, i: 'x' })).toString('base64url');
    const foreign = await gql(stack.url, KeysetBookMessagesDocument, { id: fleetOps, after: channelCursor });
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
    const oldStyle = Buffer.from(JSON.stringify({ p: { BookMessage: 20 }, t: { BookMessage: 80 } })).toString('base64url');
    const old = await gql(stack.url, KeysetBookMessagesDocument, { id: fleetOps, before: oldStyle, last: 3 });
    expect(errorCodes(old)).toEqual(['BAD_USER_INPUT']);
    expect(old.errors![0]!.message).toMatch(/offset cursor of an older Tributary version/);
  });
});
