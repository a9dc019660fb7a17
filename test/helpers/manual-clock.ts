import type { PollTimer } from '../../src/core/poll-pacing';
import type { LiveClock } from '../../src/vendors/adapter';

interface Scheduled {
  due: number;
  order: number;
  run: () => void;
}

/**
 * A `LiveClock` the test moves: `now()` stands still until `advance`, which runs every timer
 * due by then in due order (timers set while advancing included, if due within the step).
 * Unlike `ManualTimer` (one poller), it holds any number of timers: a whole gateway's
 * pollers and watchdogs (`startStack({ clock })`).
 */
export class ManualClock implements LiveClock {
  private at: number;
  private order = 0;
  private readonly scheduled = new Set<Scheduled>();

  constructor(start = Date.now()) {
    this.at = start;
  }

  readonly now = (): number => this.at;

  readonly timer: PollTimer = (run, delayMs) => {
    const entry = { due: this.at + Math.max(0, delayMs), order: this.order++, run };
    this.scheduled.add(entry);
    return () => void this.scheduled.delete(entry);
  };

  /** Timers waiting to run. */
  get pending(): number {
    return this.scheduled.size;
  }

  /** Moves the clock `ms` on, running each timer as the clock reaches it. */
  advance(ms: number): void {
    const until = this.at + ms;
    for (let next = this.earliest(until); next; next = this.earliest(until)) {
      this.scheduled.delete(next);
      this.at = Math.max(this.at, next.due);
      next.run();
    }
    this.at = until;
  }

  private earliest(until: number): Scheduled | undefined {
    let best: Scheduled | undefined;
    for (const entry of this.scheduled) {
      if (entry.due > until) continue;
      if (!best || entry.due < best.due || (entry.due === best.due && entry.order < best.order)) best = entry;
    }
    return best;
  }
}
