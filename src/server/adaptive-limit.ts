/**
 * A concurrency limit that follows measured latency: the gradient algorithm of Netflix's
 * concurrency-limits (Gradient2), in short. Each finished operation is a latency sample; a
 * short average (the last few samples) is compared with a long one (hundreds of samples,
 * "what latency is when all is well"). While the short one stays within `tolerance` × the
 * long one, the limit grows by a small queue allowance (√limit) per round trip — but only when
 * the limit was actually reached, so an idle server does not inflate it. When queueing makes the
 * short average climb, the limit shrinks in proportion on every sample (at most halving), so the
 * excess is refused at once instead of waiting in line behind everything already admitted.
 * Slow up, fast down (as TCP's AIMD): a limit that grew as fast as it shrank overshot and
 * collapsed in turn, and each overshoot was a queue (bench:overload, docs/performance.md).
 * A queue must not become the new normal: a sample past the tolerance moves the long average
 * only a quarter as fast as a normal one, so a lasting change (a slower vendor for good) is
 * still learnt, in a few long windows, while a burst of queued samples barely drags it up.
 * No timers, no clock: the caller measures and reports; tests feed samples directly.
 */
export class AdaptiveLimit {
  private estimate: number;
  private longRtt = 0;
  private shortRtt = 0;
  private samples = 0;

  constructor(private readonly options: AdaptiveLimitOptions) {
    this.estimate = options.initial;
  }

  /** The whole number of operations that may run at once now. */
  get limit(): number {
    return Math.floor(this.estimate);
  }

  /** One finished operation: its latency, and how many were in flight when it started. */
  sample(latencyMs: number, inFlight: number): void {
    const { min, max, tolerance, smoothing, longWindow, shortWindow } = this.options;
    const rtt = Math.max(latencyMs, 0.001);
    this.samples += 1;
    // The first samples set both averages; after that each is an exponential moving average.
    const queued = rtt > tolerance * this.longRtt;
    const longWeight = Math.min(this.samples, longWindow) * (queued ? SLOWER_WHEN_QUEUED : 1);
    this.longRtt = this.samples === 1 ? rtt : this.longRtt + (rtt - this.longRtt) / longWeight;
    this.shortRtt = this.samples === 1 ? rtt : this.shortRtt + (rtt - this.shortRtt) / Math.min(this.samples, shortWindow);
    // After a lasting change (a slower vendor for good), let "normal" follow instead of
    // shedding forever: the long average drifts towards the short one when they are far apart.
    if (this.longRtt / this.shortRtt > 2) this.longRtt *= 0.95;
    // Below half the limit the server was not the bottleneck: latency says nothing about it.
    if (inFlight < this.estimate / 2) return;
    const gradient = Math.max(0.5, Math.min(1, (tolerance * this.longRtt) / this.shortRtt));
    const target = this.estimate * gradient + Math.sqrt(this.estimate);
    // Down at once (each queued sample moves it), up by one step per round trip (a round trip at
    // the limit brings about `estimate` samples): growing as fast as it shrinks overshoots, and
    // every overshoot is a queue that admitted requests wait in.
    const step = target < this.estimate ? smoothing : smoothing / Math.max(1, this.estimate);
    this.estimate = Math.min(max, Math.max(min, this.estimate + (target - this.estimate) * step));
  }
}

/** How many times slower a queued sample (past the tolerance) moves the long average. */
const SLOWER_WHEN_QUEUED = 4;

export interface AdaptiveLimitOptions {
  /** @default 100 */
  initial: number;
  /** Never below this many at once (a few slow requests must not shut the door). @default 10 */
  min: number;
  /** The hard ceiling (`MAX_IN_FLIGHT`). */
  max: number;
  /** How much slower than normal the recent average may be before the limit shrinks. @default 1.5 */
  tolerance: number;
  /** How far the limit moves towards its target: per round trip when growing, per sample when shrinking (0–1). @default 0.2 */
  smoothing: number;
  /** Samples in the long ("normal") average. @default 500 */
  longWindow: number;
  /** Samples in the short ("now") average. @default 10 */
  shortWindow: number;
}

export const ADAPTIVE_LIMIT_DEFAULTS: Omit<AdaptiveLimitOptions, 'max'> = {
  initial: 100,
  min: 10,
  tolerance: 1.5,
  smoothing: 0.2,
  longWindow: 500,
  shortWindow: 10,
};
