import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { TimetonicMessageRecord } from '../../src/vendors/timetonic/timetonic.model';
import { BookMessageFeeds, type BookMessageSource } from '../../src/vendors/timetonic/timetonic.live';
import type { TimetonicWireMessage } from '../../src/vendors/timetonic/timetonic.wire';
import { ManualTimer } from '../helpers/manual-timer';

// The TimeTonic book poller's pacing without a clock: a manual timer records every delay the
// poller asks for and runs the next poll only when the test steps it.

function wire(smid: number, sstamp: number): TimetonicWireMessage {
  return { smid, uuid: `u${smid}`, sstamp, u_c: 'demo', msg: `m${smid}@${sstamp}`, msgType: 'msg', msgMethod: 'api', del: false, created: 1, lastModified: 1, nbMedias: 0, nbDocs: 0 };
}

type Outcome = TimetonicWireMessage[] | Error | Promise<TimetonicWireMessage[]>;

/** A book poller over a scripted `getBookMessages` (an empty answer once the script runs out). */
function setup(script: Outcome[], pacing = { intervalMs: 1_000, maxBackoffMs: 8_000 }) {
  const clock = new ManualTimer();
  const asked: number[] = [];
  const client: BookMessageSource = {
    getBookMessages: async (args) => {
      asked.push(args.sstamp ?? -1);
      const outcome = (await script.shift()) ?? [];
      if (outcome instanceof Error) throw outcome;
      return { status: 'ok', sstamp: 0, b_o: args.owner, b_c: args.code, bookMessages: outcome };
    },
    session: () => Promise.reject(new Error('no socket in these tests')),
  };
  const metrics = createMetrics();
  const feeds = new BookMessageFeeds({ ...pacing, socketUrl: null, files: '', logger: createLogger('silent'), pollers: metrics.pollersActive, dropped: metrics.pollerEventsDropped, timer: clock.timer });
  const received: TimetonicMessageRecord[] = [];
  const feed = feeds.open(client, { owner: 'demo', code: 'ops', since: 10 });
  const drain = async (count: number) => {
    for (let i = 0; i < count; i += 1) received.push((await feed.next()).value as TimetonicMessageRecord);
  };
  const active = async () => (await metrics.pollersActive.get()).values.find((v) => v.labels.vendor === 'TIMETONIC')?.value ?? 0;
  const dropped = async () => (await metrics.pollerEventsDropped.get()).values.find((v) => v.labels.vendor === 'TIMETONIC' && v.labels.feed === 'bookMessages')?.value ?? 0;
  return { clock, asked, feeds, feed, received, drain, active, dropped };
}

const unavailable = () => new VendorError('TIMETONIC', 'VENDOR_UNAVAILABLE', 'TIMETONIC: down', 503);
const rateLimited = (retryAfterMs: number) => new VendorError('TIMETONIC', 'VENDOR_RATE_LIMITED', 'TIMETONIC: slow down', 429, retryAfterMs);

it('polls faster while messages flow and slower while idle, between a quarter and four times the interval', async () => {
  const { clock, drain, received } = setup([[wire(1, 11)], [wire(2, 12), wire(3, 13)], [wire(4, 14)], [], [], [], [], [], [], [], [wire(5, 15)]]);
  expect(clock.delays).toEqual([0]); // the first poll at once
  const chosen: number[] = [];
  for (let i = 0; i < 11; i += 1) chosen.push(await clock.step());
  // 500, 250 (events halve), then the quarter floor; idle stretches by half up to 4 s; an event halves again.
  expect(chosen).toEqual([500, 250, 250, 375, 563, 844, 1266, 1898, 2848, 4000, 2000]);
  await drain(5);
  expect(received.map((m) => m.smid)).toEqual([1, 2, 3, 4, 5]);
});

it('backs off after failures, doubling up to the cap, never sooner than Retry-After, and resets on success', async () => {
  const { clock, asked, drain, received } = setup([
    unavailable(),
    unavailable(),
    unavailable(),
    unavailable(),
    rateLimited(20_000), // above the cap: the vendor's wish wins
    rateLimited(1_500), // below the backoff: the backoff wins
    [wire(1, 11)],
    unavailable(),
  ]);
  const chosen: number[] = [];
  for (let i = 0; i < 8; i += 1) chosen.push(await clock.step());
  expect(chosen).toEqual([2_000, 4_000, 8_000, 8_000, 20_000, 8_000, 500, 2_000]);
  // Every failed poll is retried from the same stamp; the cursor moves only past what was delivered.
  expect(asked).toEqual([10, 10, 10, 10, 10, 10, 10, 11]);
  await drain(1);
  expect(received.map((m) => m.smid)).toEqual([1]);
});

it('honours a Retry-After on the first failure even when it exceeds every other bound', async () => {
  const { clock } = setup([rateLimited(30_000), []], { intervalMs: 100, maxBackoffMs: 1_000 });
  expect(await clock.step()).toBe(30_000);
  expect(await clock.step()).toBe(150); // success: back to the base pace, stretched once for idling
});

it('counts only messages it delivers: a repeated or stale message is idle, delivered once', async () => {
  const { clock, drain, received, asked } = setup([[wire(1, 11)], [wire(1, 11), wire(9, 5)], [wire(1, 12)]]);
  expect(await clock.step()).toBe(500);
  expect(await clock.step()).toBe(750); // nothing new: idle
  expect(await clock.step()).toBe(375); // the edit (new stamp) is news
  expect(asked).toEqual([10, 11, 11]);
  await drain(2);
  expect(received.map((m) => [m.smid, m.sstamp])).toEqual([
    [1, 11],
    [1, 12],
  ]);
});

it('stops polling and releases the gauge when its consumer returns', async () => {
  const { clock, feed, active } = setup([[wire(1, 11)]]);
  expect(await active()).toBe(1);
  await clock.step();
  expect(clock.armed).toBe(true);
  await feed.return!();
  expect(clock.armed).toBe(false);
  expect(await active()).toBe(0);
});

it('stops every poller when the adapter closes', async () => {
  const { clock, feeds, active } = setup([]);
  await clock.step();
  feeds.close();
  expect(clock.armed).toBe(false);
  expect(await active()).toBe(0);
});

it("counts what a feed drops when nobody reads it (tributary_poller_events_dropped_total)", async () => {
  // One poll finds more messages than a feed buffers (1000): the oldest beyond it are dropped.
  const burst = Array.from({ length: 1_003 }, (_, i) => wire(100 + i, 11 + i));
  const { clock, drain, received, dropped } = setup([burst]);
  expect(await dropped()).toBe(0);
  await clock.step();
  expect(await dropped()).toBe(3);
  await drain(1);
  expect(received[0]!.smid).toBe(103);
});
