import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { MeasurementRecord } from '../../src/core/model';
import { MainfluxLive, type LiveTarget } from '../../src/vendors/mainflux/mainflux.live';
import { ManualTimer } from '../helpers/manual-timer';

// The pacing of Mainflux's polling fallback without a clock: a manual timer records every
// delay a poller asks for and runs the next poll only when the test steps it.

const target: LiveTarget = { channelId: 'ch-1', credential: { thingId: 'th-1', key: 'k-1' }, publisher: null };
const start = Date.now();
/** A reader message `seconds` after the poller started. */
const at = (seconds: number): MeasurementRecord => ({
  vendor: 'MAINFLUX',
  sourceTypename: 'MainfluxChannel',
  sourceNativeId: 'ch-1',
  name: 'temperature',
  unit: 'Cel',
  time: new Date(start + 60_000 + seconds * 1000),
  value: seconds,
  vendorValue: seconds,
  vendorUnit: 'Cel',
  stringValue: null,
  boolValue: null,
  raw: {},
});

type Outcome = MeasurementRecord[] | Error;

/** A scripted reader (empty once the script runs out) and what the poller asked it. */
function reader(script: Outcome[]) {
  const since: Date[] = [];
  const poll = async (_target: LiveTarget, from: Date): Promise<MeasurementRecord[]> => {
    since.push(from);
    const outcome = script.shift() ?? [];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { poll, since };
}

/** One target's polling feed (no broker) over a scripted reader; `pushed` is what the feed delivered. */
function setup(script: Outcome[], pacing = { intervalMs: 1_000, maxBackoffMs: 8_000 }) {
  const clock = new ManualTimer();
  const { poll, since } = reader(script);
  const live = new MainfluxLive({
    mqttUrl: null,
    topicPrefix: '',
    pollIntervalMs: pacing.intervalMs,
    pollMaxBackoffMs: pacing.maxBackoffMs,
    pollTimer: clock.timer,
    connectTimeoutMs: 1_000,
    poll,
    logger: createLogger('silent'),
    metrics: createMetrics(),
  });
  const feed = live.feed([target], null);
  const pushed: MeasurementRecord[] = [];
  void (async () => {
    for await (const record of feed) pushed.push(record);
  })();
  return { clock, since, pushed, feed };
}

const unavailable = () => new VendorError('MAINFLUX', 'VENDOR_UNAVAILABLE', 'MAINFLUX: down', 503);
const rateLimited = (retryAfterMs: number) => new VendorError('MAINFLUX', 'VENDOR_RATE_LIMITED', 'MAINFLUX: slow down', 429, retryAfterMs);

it('waits the base interval first, then polls faster while messages flow and slower while idle, within a quarter and four times', async () => {
  const { clock, pushed } = setup([[at(1)], [at(3), at(2)], [at(4)], [], [], [], [], [], [], [], [at(5)]]);
  expect(clock.delays).toEqual([1_000]); // nothing can be newer than "now" at once
  const chosen: number[] = [];
  for (let i = 0; i < 11; i += 1) chosen.push(await clock.step());
  expect(chosen).toEqual([500, 250, 250, 375, 563, 844, 1266, 1898, 2848, 4000, 2000]);
  expect(pushed.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]); // in time order
});

it('backs off after failures, doubling up to the cap, never sooner than Retry-After, and resets on success', async () => {
  const { clock, since, pushed } = setup([unavailable(), unavailable(), unavailable(), unavailable(), rateLimited(20_000), rateLimited(1_500), [at(1)], unavailable()]);
  const chosen: number[] = [];
  for (let i = 0; i < 8; i += 1) chosen.push(await clock.step());
  expect(chosen).toEqual([2_000, 4_000, 8_000, 8_000, 20_000, 8_000, 500, 2_000]);
  // Failed polls ask again from the same time; the cursor moves only past what was delivered.
  const first = since[0]!.getTime();
  expect(since.slice(0, 7).every((d) => d.getTime() === first)).toBe(true);
  expect(since[7]).toEqual(at(1).time);
  expect(pushed.map((r) => r.value)).toEqual([1]);
});

it('honours a Retry-After on the first failure even when it exceeds every other bound', async () => {
  const { clock } = setup([rateLimited(30_000), []], { intervalMs: 100, maxBackoffMs: 1_000 });
  expect(await clock.step()).toBe(30_000);
  expect(await clock.step()).toBe(150); // success: back to the base pace, stretched once for idling
});

it('counts only messages it delivers: one the reader answers again is idle and not delivered twice', async () => {
  const { clock, since, pushed } = setup([[at(1), at(2)], [at(2)], [at(2), at(3)]]);
  expect(await clock.step()).toBe(500);
  expect(await clock.step()).toBe(750); // nothing newer than the cursor: idle
  expect(await clock.step()).toBe(375);
  expect(since.slice(1)).toEqual([at(2).time, at(2).time]);
  expect(pushed.map((r) => r.value)).toEqual([1, 2, 3]);
});

describe('MainfluxLive without a broker', () => {
  it('paces each target of a feed on its own and stops them all when the feed returns', async () => {
    const clocks = new Map([
      ['busy', new ManualTimer()],
      ['failing', new ManualTimer()],
    ]);
    const scripts = new Map<string, Outcome[]>([
      ['busy', [[at(1)], [at(2)]]],
      ['failing', [rateLimited(10_000), unavailable()]],
    ]);
    // Each target's timers go to its own clock: the first ones are set in target order as the
    // feed starts, later ones by the poll that just ran (the test steps one poll at a time).
    const firstTimers = ['busy', 'failing'];
    let polled = '';
    const metrics = createMetrics();
    const live = new MainfluxLive({
      mqttUrl: null,
      topicPrefix: '',
      pollIntervalMs: 1_000,
      pollMaxBackoffMs: 8_000,
      pollTimer: (run, delayMs) => clocks.get(firstTimers.shift() ?? polled)!.timer(run, delayMs),
      connectTimeoutMs: 1_000,
      poll: async (of) => {
        polled = of.channelId;
        const outcome = scripts.get(of.channelId)!.shift() ?? [];
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      logger: createLogger('silent'),
      metrics,
    });
    const feed = live.feed(['busy', 'failing'].map((channelId) => ({ ...target, channelId })), null);
    const busy = clocks.get('busy')!;
    const failing = clocks.get('failing')!;
    expect([busy.delays, failing.delays]).toEqual([[1_000], [1_000]]);
    expect(live.status()).toMatchObject({ transport: 'POLLING' });
    const active = async () => (await metrics.pollersActive.get()).values.find((v) => v.labels.vendor === 'MAINFLUX')?.value ?? 0;
    expect(await active()).toBe(1);

    expect(await busy.step()).toBe(500);
    expect(await failing.step()).toBe(10_000);
    expect(await busy.step()).toBe(250); // the failing target does not slow the busy one
    expect(await failing.step()).toBe(4_000);
    expect((await feed.next()).value).toMatchObject({ value: 1 });
    expect((await feed.next()).value).toMatchObject({ value: 2 });

    await feed.return!();
    expect([busy.armed, failing.armed]).toEqual([false, false]);
    expect(await active()).toBe(0);
    live.close();
  });
});
