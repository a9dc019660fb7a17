import { VendorError } from '../../src/core/errors';
import { SharedPoller } from '../../src/vendors/thingsee/thingsee.live-poller';

/** The shared poll loop without sockets: one loop for many subscribers, backoff, clean stop. */
function poller(poll: () => Promise<number[]>, intervalMs = 5) {
  const log = { starts: 0, stops: 0, waits: [] as number[] };
  const shared = new SharedPoller<number>(poll, { intervalMs, maxBackoffMs: 40 }, {
    onStart: () => (log.starts += 1),
    onStop: () => (log.stops += 1),
    onError: (_error, retryInMs) => log.waits.push(retryInMs),
  });
  return { shared, log };
}

it('runs one loop for every subscriber, filters per subscriber, and stops with the last one', async () => {
  let polls = 0;
  const { shared, log } = poller(async () => [++polls]);
  const all = shared.subscribe(() => true);
  const even = shared.subscribe((n) => n % 2 === 0);
  expect((await all.next()).value).toBe(1);
  expect((await even.next()).value).toBe(2);
  expect(log.starts).toBe(1);
  await all.return!();
  await even.return!();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(log.stops).toBe(1);
  expect(shared.subscriberCount).toBe(0);
  const stoppedAt = polls;
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(polls).toBe(stoppedAt);
});

it('backs off on failures, doubling up to the cap and honouring Retry-After, then resumes', async () => {
  let calls = 0;
  const { shared, log } = poller(async () => {
    calls += 1;
    if (calls <= 3) throw new VendorError('THINGSEE', calls === 3 ? 'VENDOR_RATE_LIMITED' : 'VENDOR_UNAVAILABLE', 'x', 503, calls === 3 ? 100 : undefined);
    return [calls];
  }, 5);
  const sub = shared.subscribe(() => true);
  expect((await sub.next()).value).toBe(4);
  expect(log.waits).toEqual([10, 20, 100]);
  await sub.return!();
});
