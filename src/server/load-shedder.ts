import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Decides when to refuse new work fast instead of queueing it: too many operations in flight,
 * or an event loop so late that every request already waits. Refusals are 503 + Retry-After.
 */
export class LoadShedder {
  private inFlight = 0;
  private readonly delay: IntervalHistogram;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxLagMs = 1000,
  ) {
    this.delay = monitorEventLoopDelay({ resolution: 20 });
    this.delay.enable();
  }

  /** Admits one operation (call the returned `done` when it ends), or returns null to shed it. */
  admit(): (() => void) | null {
    if (this.inFlight >= this.maxInFlight || this.lagMs() > this.maxLagMs) return null;
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

  /** Recent 99th percentile event-loop delay, in ms (reset every call to keep it recent). */
  lagMs(): number {
    const p99 = this.delay.percentile(99) / 1e6;
    if (this.delay.count > 500) this.delay.reset();
    return Number.isFinite(p99) ? p99 : 0;
  }

  stop(): void {
    this.delay.disable();
  }
}
