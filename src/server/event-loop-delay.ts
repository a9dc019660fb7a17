/** What the load shedder asks of an event-loop delay signal (a test injects its own). */
export interface LoopDelaySignal {
  /** How late the event loop is running now, in ms. */
  recentMs(): number;
  stop(): void;
}

export interface EventLoopDelayOptions {
  /** How often a timer checks how late it fires. @default 10 */
  tickMs?: number;
  /** How far back "now" reaches. @default 200 */
  windowMs?: number;
  /** The clock, and no timer of its own (tests call `tick` themselves). @default performance.now, with a timer */
  clock?: () => number;
}

/**
 * How late the event loop runs, over the last fraction of a second: a short timer measures how
 * late each of its ticks fires, and `recentMs` is the lateness of the median moment of the last
 * window — each tick weighted by the stretch of the window it covers (the time since the tick
 * before), the stretch since the last tick included (late by however much the next tick is
 * overdue). When the gateway is saturated every loop turn is long — it handles every socket that
 * became readable meanwhile — so most of the window is late; one long turn among punctual ones
 * (a GC pause) covers less than half of it and moves the median not at all, while a stall
 * longer than half the window sheds what queued behind it until it leaves the window. Not
 * `monitorEventLoopDelay`: its `reset()` drops the next delay, so a windowed read of it misses
 * exactly the late turn that matters.
 */
export class EventLoopDelay implements LoopDelaySignal {
  private readonly tickMs: number;
  private readonly windowMs: number;
  /** The ticks of the window: the stretch each covers and how late it fired. */
  private readonly ticks: Tick[] = [];
  private lastTickAt: number;
  private computedAt = -Infinity;
  private computed = 0;
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(options: EventLoopDelayOptions = {}) {
    this.tickMs = options.tickMs ?? 10;
    this.windowMs = options.windowMs ?? 200;
    this.now = options.clock ?? (() => performance.now());
    this.lastTickAt = this.now();
    if (!options.clock) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref();
    }
  }

  recentMs(): number {
    const now = this.now();
    // Asked once per operation: within a millisecond the answer cannot have moved much.
    if (now - this.computedAt < 1) return this.computed;
    this.computedAt = now;
    this.computed = this.median(now);
    return this.computed;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One tick of the timer (its own, or a test's). */
  tick(): void {
    const now = this.now();
    this.ticks.push({ from: this.lastTickAt, to: now, lateMs: Math.max(0, now - this.lastTickAt - this.tickMs) });
    this.lastTickAt = now;
    this.forgetBefore(now - this.windowMs);
  }

  // Private:

  private median(now: number): number {
    const cutoff = now - this.windowMs;
    this.forgetBefore(cutoff);
    // The stretch since the last tick: late by however much the next one is overdue.
    const overdue = { from: this.lastTickAt, to: now, lateMs: Math.max(0, now - this.lastTickAt - this.tickMs) };
    const covered = [...this.ticks, overdue].map((t) => ({ lateMs: t.lateMs, weight: t.to - Math.max(t.from, cutoff) })).filter((t) => t.weight > 0);
    covered.sort((a, b) => a.lateMs - b.lateMs);
    const half = covered.reduce((sum, t) => sum + t.weight, 0) / 2;
    let seen = 0;
    for (const t of covered) {
      seen += t.weight;
      if (seen >= half) return t.lateMs;
    }
    return 0;
  }

  private forgetBefore(cutoff: number): void {
    while ((this.ticks[0]?.to ?? cutoff) < cutoff) this.ticks.shift();
  }
}

interface Tick {
  from: number;
  to: number;
  lateMs: number;
}

/** The signal when shedding on event-loop delay is off. */
export const NO_LOOP_DELAY: LoopDelaySignal = { recentMs: () => 0, stop: () => undefined };
