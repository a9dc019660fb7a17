import { VendorError } from '../../src/core/errors';
import { SharedPoller } from '../../src/core/shared-poller';
import { ManualTimer, settle } from '../helpers/manual-timer';

/** The one poll loop of every polling vendor, stepped by a manual timer: no clock, no sleeps. */
function poller(poll: () => Promise<number[]>, pacing = { intervalMs: 5, maxBackoffMs: 40 }) {
  const clock = new ManualTimer();
  const log = { starts: 0, stops: 0, waits: [] as number[] };
  const shared = new SharedPoller<number>({
    poll,
    ...pacing,
    timer: clock.timer,
    onStart: () => (log.starts += 1),
    onStop: () => (log.stops += 1),
    onError: (_error, retryInMs) => log.waits.push(retryInMs),
  });
  return { shared, log, clock };
}

/** These feeds are read as fast as they fill: nothing is dropped. */
const unbothered = { onDrop: () => undefined };

it('runs one loop for every subscriber, filters per subscriber, and stops for good with the last one', async () => {
  let polls = 0;
  const { shared, log, clock } = poller(async () => [++polls]);
  expect(clock.armed).toBe(false); // nothing polls before someone listens
  const all = shared.feed(unbothered);
  const even = shared.feed({ ...unbothered, accept: (n) => n % 2 === 0 });
  expect(clock.delays).toEqual([0]); // the first poll at once
  await clock.step();
  await clock.step();
  expect((await all.next()).value).toBe(1);
  expect((await all.next()).value).toBe(2);
  expect((await even.next()).value).toBe(2);
  expect([log.starts, polls]).toEqual([1, 2]);

  await all.return!();
  expect(clock.armed).toBe(true);
  await even.return!();
  expect(log.stops).toBe(1);
  expect(clock.armed).toBe(false);
  expect(shared.subscriberCount).toBe(0);
  expect(() => shared.join(() => undefined)).toThrow('stopped');
});

it('backs off on failures, doubling up to the cap and honouring Retry-After, then resumes', async () => {
  let calls = 0;
  const { shared, log, clock } = poller(async () => {
    calls += 1;
    if (calls <= 3) throw new VendorError('THINGSEE', calls === 3 ? 'VENDOR_RATE_LIMITED' : 'VENDOR_UNAVAILABLE', 'x', 503, calls === 3 ? 100 : undefined);
    return [calls];
  });
  const feed = shared.feed(unbothered);
  const waits = [await clock.step(), await clock.step(), await clock.step()];
  expect(waits).toEqual([10, 20, 100]);
  expect(log.waits).toEqual([10, 20, 100]);
  expect(await clock.step()).toBe(3); // success: the pace resets (half the base while items flow)
  expect((await feed.next()).value).toBe(4);
  await feed.return!();
});

it('drops what a poll in flight finds once the last subscriber has left', async () => {
  let answer: (items: number[]) => void = () => undefined;
  const { shared, log, clock } = poller(() => new Promise((resolve) => (answer = resolve)));
  const seen: number[] = [];
  const leave = shared.join((n) => seen.push(n));
  clock.fire();
  leave();
  answer([1, 2]);
  await settle();
  expect(seen).toEqual([]);
  expect(clock.armed).toBe(false);
  expect(log.stops).toBe(1);
});

it('polls at once on pollNow, or right after the poll in flight, but not while backing off', async () => {
  const answers: Array<number[] | Error> = [[], [], [1], [], new VendorError('TIMETONIC', 'VENDOR_UNAVAILABLE', 'down', 503), []];
  let release: () => void = () => undefined;
  let hold = false;
  const { shared, clock } = poller(
    async () => {
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      const answer = answers.shift() ?? [];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    { intervalMs: 1_000, maxBackoffMs: 8_000 },
  );
  const feed = shared.feed(unbothered);
  expect(await clock.step()).toBe(1_500); // idle
  shared.pollNow();
  expect(clock.delays.at(-1)).toBe(0); // the idle wait is cut short
  expect(await clock.step()).toBe(2_250);
  hold = true;
  const before = clock.delays.length;
  clock.fire();
  shared.pollNow(); // arrives while that poll waits for its answer
  hold = false;
  release();
  expect(await clock.next(before)).toBe(0); // one more poll right after
  expect(await clock.step()).toBe(1_688); // idle: the 1 125 the event left, stretched by half
  expect(await clock.step()).toBe(2_000); // failed: backoff
  shared.pollNow();
  expect(clock.delays.at(-1)).toBe(2_000); // the notice does not cut the backoff short
  expect((await feed.next()).value).toBe(1);
  await feed.return!();
});

it("bounds a slow subscriber's buffer: past it the oldest item goes, and is counted", async () => {
  let polls = 0;
  const { shared, clock } = poller(async () => [++polls, ++polls, ++polls]);
  const dropped: number[] = [];
  const slow = shared.feed({ maxBuffered: 4, onDrop: (item) => dropped.push(item) });
  await clock.step();
  await clock.step();
  expect(dropped).toEqual([1, 2]);
  const rest: number[] = [];
  for (let i = 0; i < 4; i += 1) rest.push((await slow.next()).value as number);
  expect(rest).toEqual([3, 4, 5, 6]);
  await slow.return!();
});
