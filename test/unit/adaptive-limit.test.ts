import { ADAPTIVE_LIMIT_DEFAULTS, AdaptiveLimit } from '../../src/server/adaptive-limit';

/** The gradient limit, fed latency samples directly: no clock, no timers. */
describe('AdaptiveLimit', () => {
  const make = () => new AdaptiveLimit({ ...ADAPTIVE_LIMIT_DEFAULTS, max: 1000 });
  const feed = (limit: AdaptiveLimit, count: number, latencyMs: number, inFlight = limit.limit) => {
    for (let i = 0; i < count; i += 1) limit.sample(latencyMs, inFlight === -1 ? limit.limit : inFlight);
  };

  it('grows while the limit is reached and latency stays normal, up to the ceiling', () => {
    const limit = new AdaptiveLimit({ ...ADAPTIVE_LIMIT_DEFAULTS, max: 300 });
    feed(limit, 100, 10);
    expect(limit.limit).toBeGreaterThan(ADAPTIVE_LIMIT_DEFAULTS.initial);
    feed(limit, 20_000, 10, -1);
    expect(limit.limit).toBe(300);
  });

  it('grows by about one step per round trip (as many samples as the limit), but shrinks on every queued sample', () => {
    const limit = make();
    // One round trip at the limit: 100 samples move it by a fraction of √100, not 100 times that.
    feed(limit, 100, 10);
    expect(limit.limit).toBeLessThanOrEqual(ADAPTIVE_LIMIT_DEFAULTS.initial + 3);
    feed(limit, 20, 100, -1);
    expect(limit.limit).toBeLessThan(ADAPTIVE_LIMIT_DEFAULTS.initial / 2);
  });

  it('does not grow while the server is far below its limit (latency then says nothing about it)', () => {
    const limit = make();
    feed(limit, 1000, 10, 5);
    expect(limit.limit).toBe(ADAPTIVE_LIMIT_DEFAULTS.initial);
  });

  it('shrinks when latency climbs past the tolerance, never below the floor', () => {
    const limit = make();
    feed(limit, 200, 10, 1);
    feed(limit, 20, 200, -1);
    expect(limit.limit).toBeLessThan(ADAPTIVE_LIMIT_DEFAULTS.initial / 2);
    feed(limit, 40, 1000, -1);
    expect(limit.limit).toBe(ADAPTIVE_LIMIT_DEFAULTS.min);
  });

  it('recovers once latency is back to normal', () => {
    const limit = make();
    feed(limit, 200, 10, 1);
    feed(limit, 50, 200, -1);
    const low = limit.limit;
    feed(limit, 1000, 10, -1);
    expect(limit.limit).toBeGreaterThan(low * 2);
  });

  it('takes a lasting change of normal latency as the new normal', () => {
    const limit = make();
    feed(limit, 200, 10, 1);
    feed(limit, 7000, 100, -1);
    expect(limit.limit).toBeGreaterThan(ADAPTIVE_LIMIT_DEFAULTS.initial);
  });
});

describe('AdaptiveLimit under a lasting queue', () => {
  it('keeps shrinking: queued samples do not drag "normal" up to meet them', () => {
    const limit = new AdaptiveLimit({ ...ADAPTIVE_LIMIT_DEFAULTS, max: 1000 });
    for (let i = 0; i < 200; i += 1) limit.sample(10, 1);
    // Four times the normal latency, for as many samples as the normal ones: a queue, not a new normal.
    for (let i = 0; i < 200; i += 1) limit.sample(40, limit.limit);
    expect(limit.limit).toBe(ADAPTIVE_LIMIT_DEFAULTS.min);
  });
});
