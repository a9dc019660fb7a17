import { ADAPTIVE_LIMIT_DEFAULTS, AdaptiveLimit, type AdaptiveLimitOptions } from './adaptive-limit';

/** Why an operation was shed: over the (adaptive) concurrency limit, or an event loop that stays late. */
export type ShedReason = 'concurrency' | 'event_loop';

/** Ends an admitted operation; `sample: false` for work whose duration says nothing about load (a subscription's life). */
export type Release = (options?: { sample?: boolean }) => void;

/**
 * Decides when to refuse new work fast instead of queueing it, for every transport: more
 * operations in flight than the adaptive limit allows (adaptive-limit.ts: it shrinks when
 * latency climbs, never above `maxInFlight`), or an event loop so late that every request
 * already waits. Refusals are 503 + Retry-After. Lag is sampled by a timer's drift and
 * smoothed, so one slow tick (a schema build, a GC) does not shed traffic, but a loop that
 * stays late does. Each latency sample carries the lag too: a request waits for a late loop
 * before it is even read, which its own measured time cannot show.
 */
export class LoadShedder {
  private inFlight = 0;
  private smoothedLagMs = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly adaptive: AdaptiveLimit;
  /** Why the last refusal happened (for the refusal counter). */
  lastReason: ShedReason = 'concurrency';

  constructor(
    maxInFlight: number,
    private readonly maxLagMs = 1000,
    sampleEveryMs = 200,
    limitOptions: Partial<AdaptiveLimitOptions> = {},
  ) {
    const initial = Math.min(maxInFlight, limitOptions.initial ?? ADAPTIVE_LIMIT_DEFAULTS.initial);
    const min = Math.min(initial, limitOptions.min ?? ADAPTIVE_LIMIT_DEFAULTS.min);
    this.adaptive = new AdaptiveLimit({ ...ADAPTIVE_LIMIT_DEFAULTS, ...limitOptions, initial, min, max: maxInFlight });
    let expected = Date.now() + sampleEveryMs;
    this.timer = setInterval(() => {
      const now = Date.now();
      // One very late tick (startup's schema build, a long GC) counts as at most three times the
      // threshold: alone it cannot shed (smoothed, at most 0.9 × it); a loop late tick after tick does.
      const lag = Math.min(Math.max(0, now - expected), 3 * maxLagMs);
      expected = now + sampleEveryMs;
      this.smoothedLagMs = this.smoothedLagMs * 0.7 + lag * 0.3;
    }, sampleEveryMs);
    this.timer.unref();
  }

  /** Admits one operation (call the returned release when it ends), or returns null to shed it. */
  admit(): Release | null {
    if (this.overloaded()) return null;
    this.inFlight += 1;
    const startedWith = this.inFlight;
    const started = performance.now();
    let done = false;
    return (options) => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      if (options?.sample !== false) this.adaptive.sample(performance.now() - started + this.smoothedLagMs, startedWith);
    };
  }

  /** True (and `lastReason` says why) when new work would be shed now; takes no slot. */
  overloaded(): boolean {
    if (this.smoothedLagMs > this.maxLagMs) {
      this.lastReason = 'event_loop';
      return true;
    }
    if (this.inFlight >= this.adaptive.limit) {
      this.lastReason = 'concurrency';
      return true;
    }
    return false;
  }

  get current(): number {
    return this.inFlight;
  }

  /** The concurrency limit in force now. */
  get limit(): number {
    return this.adaptive.limit;
  }

  /** Smoothed event-loop lag in ms. */
  get lagMs(): number {
    return this.smoothedLagMs;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
