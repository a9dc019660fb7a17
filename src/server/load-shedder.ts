/**
 * Decides when to refuse new work fast instead of queueing it: too many operations in flight,
 * or an event loop so late that every request already waits. Refusals are 503 + Retry-After.
 * Lag is sampled by a timer's drift and smoothed, so one slow tick (a schema build, a GC) does
 * not shed traffic, but a loop that stays late does.
 */
export class LoadShedder {
  private inFlight = 0;
  private smoothedLagMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxLagMs = 1000,
    sampleEveryMs = 200,
  ) {
    let expected = Date.now() + sampleEveryMs;
    this.timer = setInterval(() => {
      const now = Date.now();
      const lag = Math.max(0, now - expected);
      expected = now + sampleEveryMs;
      this.smoothedLagMs = this.smoothedLagMs * 0.7 + lag * 0.3;
    }, sampleEveryMs);
    this.timer.unref();
  }

  /** Admits one operation (call the returned `done` when it ends), or returns null to shed it. */
  admit(): (() => void) | null {
    if (this.inFlight >= this.maxInFlight || this.smoothedLagMs > this.maxLagMs) return null;
    this.inFlight += 1;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.inFlight -= 1;
      }
    };
  }

  get current(): number {
    return this.inFlight;
  }

  /** Smoothed event-loop lag in ms. */
  get lagMs(): number {
    return this.smoothedLagMs;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
