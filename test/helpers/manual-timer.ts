import type { PollTimer } from '../../src/core/poll-pacing';

/** Lets every callback and promise queued so far run (a turn of the event loop, no clock). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A `PollTimer` driven by the test instead of a clock: it records every delay a poller asks
 * for and runs the scheduled poll only when the test steps it. One poll is pending at a time
 * (a poller cancels its pending poll before it schedules another).
 */
export class ManualTimer {
  readonly delays: number[] = [];
  private pending: (() => void) | null = null;

  readonly timer: PollTimer = (run, delayMs) => {
    this.delays.push(delayMs);
    this.pending = run;
    return () => {
      if (this.pending === run) this.pending = null;
    };
  };

  /** A poll is scheduled. */
  get armed(): boolean {
    return this.pending !== null;
  }

  /** Runs the pending poll without waiting for it. */
  fire(): void {
    const run = this.pending;
    if (!run) throw new Error('no poll is scheduled');
    this.pending = null;
    run();
  }

  /** Runs the pending poll and answers the delay it chose for the next one. */
  async step(): Promise<number> {
    const before = this.delays.length;
    this.fire();
    return this.next(before);
  }

  /** Waits (in event-loop turns, not time) until a delay beyond the first `before` is chosen. */
  async next(before: number): Promise<number> {
    for (let turn = 0; turn < 100 && this.delays.length === before; turn += 1) await settle();
    if (this.delays.length === before) throw new Error('the poll scheduled no next one');
    // Let what the poll delivered reach its consumers before the test looks.
    await settle();
    return this.delays.at(-1)!;
  }
}
