import { PollPacing, realPollTimer, retryAfterOf, type PollTimer } from './poll-pacing';
import { pushFeed, type DropReason } from './push-feed';

export interface SharedPollerOptions<T> {
  /**
   * One poll: what is new since the previous one (the poll keeps its own cursor). How many
   * items it answers paces the next poll; a throw backs off and the next poll asks again.
   */
  poll(): Promise<readonly T[]>;
  /** Base interval: halved while items flow (to a quarter), stretched while idle (to four times). */
  intervalMs: number;
  /** Longest wait after repeated failed polls (the wait doubles per failure up to this). */
  maxBackoffMs: number;
  /** Wait before the first poll; 0 (the default) polls at once. */
  firstPollAfterMs?: number;
  /** Where polls are scheduled (tests step through it); default real timers. */
  timer?: PollTimer;
  /** The first subscriber joined: the poller runs from now on. */
  onStart?(): void;
  /** The last subscriber left (or `stop()`): the poller never polls again. */
  onStop?(): void;
  /** A poll failed; the next one runs in `retryInMs`. */
  onError?(error: unknown, retryInMs: number): void;
}

/** The pace of a poller, as a vendor's settings give it. */
export type PollPace = Pick<SharedPollerOptions<unknown>, 'intervalMs' | 'maxBackoffMs'>;

/**
 * What a feed of the poller buffers per subscriber, past which the oldest item is dropped.
 * `onDrop` is required: a drop is never silent (vendors count it in `pollerEventsDropped`).
 */
export interface PollFeedOptions<T> {
  accept?: (item: T) => boolean;
  maxBuffered?: number;
  onDrop: (dropped: T, reason: DropReason) => void;
}

/**
 * The one upstream poll loop of every polling vendor: it polls while at least one subscriber
 * is joined, paced by `PollPacing` (faster while items flow, slower while idle, backing off on
 * failures and never sooner than a vendor's Retry-After), and stops for good with the last
 * subscriber. Upstream cost grows with pollers, not with subscribers. Polls are scheduled on
 * an injected `PollTimer`, so tests step through them instead of waiting.
 */
export class SharedPoller<T> {
  private readonly sinks = new Set<(item: T) => void>();
  private readonly pacing: PollPacing;
  private readonly timer: PollTimer;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private cancel: (() => void) | null = null;
  /** A poll is running; `pollNow` meanwhile asks for one more right after it. */
  private polling = false;
  private again = false;
  /** The last poll failed: its backoff stands until the retry, whatever `pollNow` says. */
  private backingOff = false;

  constructor(private readonly options: SharedPollerOptions<T>) {
    this.pacing = new PollPacing(options.intervalMs, options.maxBackoffMs);
    this.timer = options.timer ?? realPollTimer;
  }

  /**
   * Delivers every item found from now on to `sink` until the returned function is called.
   * The first join starts the poller; the last leave stops it, and a stopped poller never
   * runs again (its owner makes a new one, with a new cursor).
   */
  join(sink: (item: T) => void): () => void {
    if (this.state === 'stopped') throw new Error('a stopped poller cannot be joined');
    const entry = (item: T) => sink(item);
    this.sinks.add(entry);
    if (this.state === 'idle') {
      this.state = 'running';
      this.options.onStart?.();
      this.schedule(this.options.firstPollAfterMs ?? 0);
    }
    return () => {
      if (this.sinks.delete(entry) && this.sinks.size === 0) this.stop();
    };
  }

  /** A bounded push feed of what `accept` wants; its `return()` leaves the poller. */
  feed({ accept, maxBuffered, onDrop }: PollFeedOptions<T>): AsyncIterableIterator<T> {
    const wanted = accept ?? (() => true);
    return pushFeed<T>(
      (push) =>
        this.join((item) => {
          if (wanted(item)) push(item);
        }),
      maxBuffered,
      onDrop,
    );
  }

  /**
   * Poll now (or right after the poll in flight) instead of at the next tick: a vendor's
   * "something changed" notice. Not while backing off: the retry reads whatever the notice
   * announced, and polling sooner would ignore the vendor's Retry-After.
   */
  pollNow(): void {
    if (this.state !== 'running' || this.backingOff) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Stops polling for good (the last subscriber left, or the owner is closing). */
  stop(): void {
    if (this.state === 'stopped') return;
    const wasRunning = this.state === 'running';
    this.state = 'stopped';
    this.sinks.clear();
    this.cancel?.();
    this.cancel = null;
    if (wasRunning) this.options.onStop?.();
  }

  // Private:

  private schedule(delayMs: number): void {
    if (this.state !== 'running') return;
    this.cancel?.();
    this.cancel = this.timer(() => void this.pollOnce(), delayMs);
  }

  private async pollOnce(): Promise<void> {
    this.cancel = null;
    this.polling = true;
    let delay: number;
    try {
      const items = await this.options.poll();
      if (this.state !== 'running') return;
      delay = this.pacing.afterSuccess(items.length);
      this.backingOff = false;
      for (const sink of [...this.sinks]) for (const item of items) sink(item);
    } catch (error) {
      if (this.state !== 'running') return;
      delay = this.pacing.afterFailure(retryAfterOf(error));
      this.backingOff = true;
      this.options.onError?.(error, delay);
    } finally {
      this.polling = false;
    }
    const again = this.again && !this.backingOff;
    this.again = false;
    this.schedule(again ? 0 : delay);
  }
}
