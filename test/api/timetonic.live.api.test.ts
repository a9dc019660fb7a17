import { TimetonicBookMessageAddedDocument, TimetonicSendMessageDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';
import { bookId, timetonicCalls } from '../helpers/timetonic-counts';
import { clockPolledTwice, ioTurn, stepUntil } from '../helpers/step-live';

afterAll(disposeLeftovers);

async function pollers(stack: Stack): Promise<number> {
  const gauge = await stack.server.services.metrics.pollersActive.get();
  return gauge.values.find((v) => v.labels.vendor === 'TIMETONIC')?.value ?? 0;
}

describe('bookMessageAdded over graphql-ws', () => {
  let stack: Stack;
  /** The gateway's poll clock: polls run when the test steps it, never on a real interval. */
  const clock = new ManualClock();
  /** One step runs at most one poll of each poller, whatever its pace or backoff (up to a minute). */
  const poll = () => clock.advance(60_000);
  const polled = <T>(feed: { next(): Promise<T> }): Promise<T> => stepUntil(feed.next(), poll, ioTurn);
  const calls = async (req: string) => (await timetonicCalls(stack)).reqs[req] ?? 0;
  /** Steps the clock once and waits (in events, not time) for the poll it ran. */
  const pollOnce = async () => {
    const before = await calls('getBookMessages');
    poll();
    await waitFor('the stepped poll', async () => (await calls('getBookMessages')) > before);
  };
  beforeAll(async () => {
    // No grace period: a poller stops as its last subscriber leaves, an event the tests wait for.
    stack = await startStack({ clock, env: { TIMETONIC_POLL_INTERVAL_MS: '100', LIVE_GRACE_MS: '0' } });
  });

  it('shares one poller between subscribers of a book and delivers new and edited messages once', async () => {
    const book = bookId('demo', 'fleet-ops');
    const first = subscribe(wsClient(stack.wsUrl), TimetonicBookMessageAddedDocument, { bookId: book });
    const second = subscribe(wsClient(stack.wsUrl), TimetonicBookMessageAddedDocument, { bookId: book });
    // The two share one execution, which loads the book once (its sstamp is where delivery starts); a poll after that is proof they listen.
    await waitFor('the shared subscription to load the book', async () => (await calls('getBookInfo')) >= 1);
    await waitFor('the poller to start', async () => (await pollers(stack)) === 1);
    await pollOnce();

    const sent = await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'Truck 7 needs tyres' });
    const messageId = sent.data!.timetonicSendMessage.messageId!;
    for (const events of [first, second]) {
      expect((await polled(events)).data!.bookMessageAdded).toMatchObject({ __typename: 'TimetonicBookMessage', text: 'Truck 7 needs tyres', smid: messageId, author: 'demo' });
    }
    await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'Truck 7 needs tyres (done)', messageId });
    await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'Next: truck 9' });
    for (const events of [first, second]) {
      expect((await polled(events)).data!.bookMessageAdded).toMatchObject({ text: 'Truck 7 needs tyres (done)', smid: messageId });
      expect((await polled(events)).data!.bookMessageAdded).toMatchObject({ text: 'Next: truck 9' });
    }
    await first.close();
    await second.close();
    await waitFor('the poller to stop with its last subscriber', async () => (await pollers(stack)) === 0);
  });

  it('delivers nothing twice when polls fail and resume from the same sstamp', async () => {
    const book = bookId('demo', 'support');
    const events = subscribe(wsClient(stack.wsUrl), TimetonicBookMessageAddedDocument, { bookId: book });
    await waitFor('the poller to start', async () => (await pollers(stack)) === 1);
    await pollOnce();
    await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'before the outage' });
    expect((await polled(events)).data!.bookMessageAdded).toMatchObject({ text: 'before the outage' });

    const control = stack.simulators.controls.timetonic!;
    control.resetCounts();
    control.setFaults({ down: true });
    for (let failed = 1; failed <= 2; failed += 1) {
      poll();
      await waitFor('a failed poll', () => (control.counts()['POST /api.php'] ?? 0) >= failed);
    }
    control.clearFaults();
    await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'after the outage' });
    expect((await polled(events)).data!.bookMessageAdded).toMatchObject({ text: 'after the outage' });
    await events.close();
  });

  it('refuses a malformed book id and an unknown book when subscribing', async () => {
    const client = wsClient(stack.wsUrl);
    const answer = (query: string) =>
      new Promise<unknown>((resolve) => client.subscribe({ query }, { next: resolve, error: resolve, complete: () => undefined }));
    expect(JSON.stringify(await answer('subscription { bookMessageAdded(bookId: "nope") { text } }'))).toContain('BAD_USER_INPUT');
    const hidden = bookId('sales', 'private');
    expect(JSON.stringify(await answer(`subscription { bookMessageAdded(bookId: "${hidden}") { text } }`))).toContain('NOT_FOUND');
  });
});

describe('bookMessageAdded woken by the TimeTonic socket', () => {
  it('polls once per "book updates ready" notice instead of waiting for the interval', async () => {
    // The poll clock only ever runs timers already due (steps of 0 ms): the interval never
    // passes, so only the socket's notice (a poll due at once) can explain a delivery.
    const clock = new ManualClock();
    const due = () => clock.advance(0);
    const stack = await startStack({ clock, env: { TIMETONIC_POLL_INTERVAL_MS: '600000' } });
    expect(stack.config.vendors.TIMETONIC.options.WS_URL).toMatch(/^ws:\/\/.*\/live\/socket$/);
    const book = bookId('demo', 'inventory');
    const events = subscribe(wsClient(stack.wsUrl), TimetonicBookMessageAddedDocument, { bookId: book });
    const polls = async () => (await timetonicCalls(stack)).reqs.getBookMessages ?? 0;
    await stepUntil(waitFor('the first poll', async () => (await polls()) === 1), due);
    await waitFor('the update socket to attach', () => stack.logs.text.includes('update socket attached'));

    await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'pallet 4 arrived' });
    expect((await stepUntil(events.next(), due)).data!.bookMessageAdded).toMatchObject({ text: 'pallet 4 arrived' });
    expect(await polls()).toBe(2);
    await events.close();
  });
});

describe('bookMessageAdded with the live generator', () => {
  it('pushes the messages the simulator generates, round by round', async () => {
    /** The gateway's poll clock: each round is read after two stepped polls, not a real interval. */
    const clock = new ManualClock();
    const stack = await startStack({ live: 'stepped', clock });
    const books = [bookId('demo', 'fleet-ops'), bookId('demo', 'inventory'), bookId('demo', 'support'), bookId('manager', 'ws_messages')];
    const feeds = books.map((id) => subscribe(wsClient(stack.wsUrl), TimetonicBookMessageAddedDocument, { bookId: id }));
    const first = Promise.any(feeds.map((feed) => feed.next()));
    // A round before a book is loaded would be part of the stamp it starts from: wait for every poller.
    await waitFor('a poller per book', async () => (await pollers(stack)) === books.length);
    const polls = () => (stack.simulators.controls.timetonic!.counts()['POST /api.php'] ?? 0);
    const event = await stepUntil(first, () => stack.simulators.stepLive('timetonic'), clockPolledTwice(clock, polls));
    expect(event.data!.bookMessageAdded.text).toMatch(/^live update \d+$/);
    await Promise.all(feeds.map((feed) => feed.close()));
  });
});
