import { PollPacing as Pacing } from '../../core/poll-pacing';
import { VendorError } from '../../core/errors';

/** How a shared poller paces itself. */
export interface PollPacing {
  /** Base interval between polls: halved while events flow (to a quarter), stretched while idle (to four times). */
  intervalMs: number;
  /** Longest wait after repeated failures (the wait doubles per failure up to this). */
  maxBackoffMs: number;
}

/**
 * One upstream poll loop shared by every subscriber of a topic: it runs while at least one
 * subscriber iterates and stops (timer cleared) when the last one returns. Upstream cost
 * grows with topics, not with subscribers. A failed poll backs off (doubling, honouring a
 * vendor's Retry-After) instead of failing the subscribers; the next success resets the pace.
 */
export class SharedPoller<T> {
  private readonly subscribers = new Set<Subscriber<T>>();
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private running = false;

  constructor(
    private readonly poll: () => Promise<T[]>,
    private readonly pacing: PollPacing,
    private readonly hooks: { onStart(): void; onStop(): void; onError(error: unknown, retryInMs: number): void },
  ) {}

  /** A stream of what the poller finds from now on, keeping only what `accept` wants. */
  subscribe(accept: (item: T) => boolean): AsyncIterableIterator<T> {
    const subscriber = new Subscriber<T>(accept, () => this.leave(subscriber));
    this.subscribers.add(subscriber);
    if (!this.running) void this.run();
    return subscriber;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  // Private:

  private leave(subscriber: Subscriber<T>): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.wake?.();
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    this.hooks.onStart();
    try {
      const pacing = new Pacing(this.pacing.intervalMs, this.pacing.maxBackoffMs);
      while (this.subscribers.size > 0) {
        let delay: number;
        try {
          const items = await this.poll();
          delay = pacing.afterSuccess(items.length);
          for (const subscriber of this.subscribers) for (const item of items) subscriber.push(item);
        } catch (error) {
          delay = pacing.afterFailure(error instanceof VendorError ? error.retryAfterMs : undefined);
          this.hooks.onError(error, delay);
        }
        if (this.subscribers.size === 0) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
        });
        this.wake = null;
        this.timer = null;
      }
    } finally {
      this.running = false;
      this.hooks.onStop();
      // Someone subscribed while the loop was winding down: run again for them.
      if (this.subscribers.size > 0) void this.run();
    }
  }
}

/** One subscriber's queue: items wait here until the subscriber asks for them. */
class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(
    private readonly accept: (item: T) => boolean,
    private readonly onReturn: () => void,
  ) {}

  push(item: T): void {
    if (this.done || !this.accept(item)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else this.queue.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
      this.onReturn();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
