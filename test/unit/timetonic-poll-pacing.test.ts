import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { PollTimer } from '../../src/core/poll-pacing';
import type { TimetonicMessageRecord } from '../../src/vendors/timetonic/timetonic.model';
import { BookPoller, type BookMessageSource } from '../../src/vendors/timetonic/timetonic.live-poller';
import type { TimetonicWireMessage } from '../../src/vendors/timetonic/timetonic.wire';

/**
 * The TimeTonic book poller's pacing without a clock: a manual timer records every delay the
 * poller asks for and runs the next poll only when the test steps it.
 */
class ManualTimer {
  readonly delays: number[] = [];
  private pending: (() => void) | null = null;

  readonly timer: PollTimer = (run, delayMs) => {
    this.delays.push(delayMs);
    this.pending = run;
    return () => {
      if (this.pending === run) this.pending = null;
    };
  };

  get armed(): boolean {
    return this.pending !== null;
  }

  /** Runs the pending poll without waiting for it. */
  fire(): void {
    const run = this.pending;
    if (!run) throw new Error('no poll is scheduled');
    this.pending = null;
    run();
  }

  /** Runs the pending poll and returns the delay it chose for the next one. */
  async step(): Promise<number> {
    const before = this.delays.length;
    this.fire();
    return this.next(before);
  }

  /** Waits (in event-loop turns, not time) until a delay beyond the first `before` is chosen. */
  async next(before: number): Promise<number> {
    for (let turn = 0; turn < 100 && this.delays.length === before; turn += 1) await new Promise(setImmediate);
    if (this.delays.length === before) throw new Error('the poll scheduled no next one');
    return this.delays.at(-1)!;
  }
}

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
  let stopped = 0;
  const options = { ...pacing, socketUrl: null, files: '', logger: createLogger('silent'), pollers: metrics.pollersActive, timer: clock.timer };
  const poller = new BookPoller(client, { owner: 'demo', code: 'ops', since: 10 }, options, () => (stopped += 1));
  const received: TimetonicMessageRecord[] = [];
  const feed = poller.attach();
  const drain = async (count: number) => {
    for (let i = 0; i < count; i += 1) received.push((await feed.next()).value as TimetonicMessageRecord);
  };
  const active = async () => (await metrics.pollersActive.get()).values.find((v) => v.labels.vendor === 'TIMETONIC')?.value ?? 0;
  return { clock, asked, poller, feed, received, drain, active, stops: () => stopped };
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

it('polls at once on a socket notice, or right after the poll in flight, but not while backing off', async () => {
  let release: (messages: TimetonicWireMessage[]) => void = () => undefined;
  const inFlight = new Promise<TimetonicWireMessage[]>((resolve) => (release = resolve));
  const { clock, poller, asked } = setup([[], inFlight, [], unavailable(), []]);
  expect(await clock.step()).toBe(1_500); // idle
  poller.pollNow();
  expect(clock.delays.at(-1)).toBe(0); // the idle wait is cut short
  const before = clock.delays.length;
  clock.fire();
  poller.pollNow(); // arrives while that poll waits for its answer
  release([wire(1, 11)]);
  expect(await clock.next(before)).toBe(0); // one more poll right after
  expect(await clock.step()).toBe(1_125); // idle: the 750 the events left, stretched by half
  expect(await clock.step()).toBe(2_000); // failed: backoff
  poller.pollNow();
  expect(clock.delays.at(-1)).toBe(2_000); // the notice does not cut the backoff short
  expect(asked).toEqual([10, 10, 11, 11]);
});

it('stops polling and releases the gauge when its consumer returns', async () => {
  const { clock, feed, active, stops } = setup([[wire(1, 11)]]);
  expect(await active()).toBe(1);
  await clock.step();
  expect(clock.armed).toBe(true);
  await feed.return!();
  expect(clock.armed).toBe(false);
  expect(await active()).toBe(0);
  expect(stops()).toBe(1);
});
