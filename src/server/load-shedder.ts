import { ADAPTIVE_LIMIT_DEFAULTS, AdaptiveLimit, type AdaptiveLimitOptions } from './adaptive-limit';
import { EventLoopDelay, NO_LOOP_DELAY, type LoopDelaySignal } from './event-loop-delay';

/** Why an operation was shed: over the (adaptive) concurrency limit, or an event loop running late. */
export type ShedReason = 'concurrency' | 'event_loop';

/** Ends an admitted operation; `sample: false` for work whose duration says nothing about load (a subscription's life). */
export type Release = (options?: { sample?: boolean }) => void;

export interface LoadShedderOptions {
  /** The hard ceiling of operations in flight (`MAX_IN_FLIGHT`). */
  maxInFlight: number;
  /** Shed while the event loop runs later than this (`SHED_EVENT_LOOP_DELAY_MS`); 0: never on delay. */
  maxLoopDelayMs: number;
  /** The delay signal; by default measured here (event-loop-delay.ts). */
  loopDelay?: LoopDelaySignal;
  limit?: Partial<AdaptiveLimitOptions>;
}

/**
 * Decides when to refuse new work fast instead of queueing it, for every transport: an event
 * loop running late, or more operations in flight than the adaptive limit allows
 * (adaptive-limit.ts: it shrinks when latency climbs, never above `maxInFlight`). Refusals are
 * 503 + Retry-After. The delay counts only while some operation is in flight. It comes first: when the CPU is the bottleneck the queue forms
 * before admission (socket buffers, the loop's own backlog), where no operation's measured
 * latency can see it, but every turn of the loop gets long. Each latency sample carries the
 * delay too, for the same reason.
 */
export class LoadShedder {
  private inFlight = 0;
  private readonly adaptive: AdaptiveLimit;
  private readonly loopDelay: LoopDelaySignal;
  /** Why the last refusal happened (for the refusal counter). */
  lastReason: ShedReason = 'concurrency';

  constructor(private readonly options: LoadShedderOptions) {
    const { maxInFlight, limit = {} } = options;
    const initial = Math.min(maxInFlight, limit.initial ?? ADAPTIVE_LIMIT_DEFAULTS.initial);
    const min = Math.min(initial, limit.min ?? ADAPTIVE_LIMIT_DEFAULTS.min);
    this.adaptive = new AdaptiveLimit({ ...ADAPTIVE_LIMIT_DEFAULTS, ...limit, initial, min, max: maxInFlight });
    this.loopDelay = options.loopDelay ?? (options.maxLoopDelayMs > 0 ? new EventLoopDelay() : NO_LOOP_DELAY);
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
      if (options?.sample !== false) this.adaptive.sample(performance.now() - started + this.loopDelay.recentMs(), startedWith);
    };
  }

  /** True (and `lastReason` says why) when new work would be shed now; takes no slot. */
  overloaded(): boolean {
    const { maxLoopDelayMs } = this.options;
    // An idle gateway's lateness is not its operations' doing (start-up, a GC, a burst of
    // timers): refusing the only request would relieve nothing.
    if (maxLoopDelayMs > 0 && this.inFlight > 0 && this.loopDelay.recentMs() > maxLoopDelayMs) {
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

  /** How late the event loop runs now, in ms. */
  get lagMs(): number {
    return this.loopDelay.recentMs();
  }

  stop(): void {
    this.loopDelay.stop();
  }
}
