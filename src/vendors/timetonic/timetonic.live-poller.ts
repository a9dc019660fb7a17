import type { Gauge } from 'prom-client';
import type { Logger } from '../../core/logger';
import { PollPacing, realPollTimer, retryAfterOf, type PollTimer } from '../../core/poll-pacing';
import type { TimetonicClient } from './timetonic.client';
import { mapTimetonicMessage } from './timetonic.mapper';
import type { TimetonicMessageRecord } from './timetonic.model';
import { TimetonicUpdateSocket } from './timetonic.live-socket';

export interface BookPollerOptions {
  /** Base interval: halved while messages flow (to a quarter), stretched while idle (to four times). */
  intervalMs: number;
  /** Longest wait after repeated failed polls (the wait doubles per failure up to this). */
  maxBackoffMs: number;
  /** TimeTonic socket URL; when set, its "book updates ready" notices trigger a poll at once. */
  socketUrl: string | null;
  /** Base URL for attachment URLs (see the mapper). */
  files: string;
  logger: Logger;
  pollers: Gauge<'vendor'>;
  /** Where the next poll is scheduled (tests step through it). */
  timer?: PollTimer;
}

/** What the poller asks of a TimeTonic client. */
export type BookMessageSource = Pick<TimetonicClient, 'getBookMessages' | 'session'>;

interface Subscriber {
  push(message: TimetonicMessageRecord): void;
}

/** How many (message, stamp) pairs a poller remembers to never deliver one twice. */
const DELIVERED_MEMORY = 2_000;

/**
 * One book's upstream poller: `getBookMessages` with the last delivered `sstamp` as cursor
 * (VENDOR-NOTES: the stamp is the polling cursor), paced by `PollPacing` (faster while messages
 * flow, slower while idle, backing off on failures and never sooner than a Retry-After).
 */
export class BookPoller {
  /** The live layer attaches one consumer; a set keeps the poller honest if more attach. */
  private readonly subscribers = new Set<Subscriber>();
  private readonly delivered = new Set<string>();
  private readonly pacing: PollPacing;
  private readonly timer: PollTimer;
  private readonly socket: TimetonicUpdateSocket | null;
  private cursor: number;
  private cancel: (() => void) | null = null;
  private stopped = false;
  /** A poll is running; a notice meanwhile asks for one more right after it. */
  private polling = false;
  private again = false;
  /** The last poll failed: its backoff stands until the retry, whatever the socket says. */
  private backingOff = false;

  constructor(
    private readonly client: BookMessageSource,
    private readonly book: { owner: string; code: string; since: number },
    private readonly options: BookPollerOptions,
    private readonly onStop: () => void,
  ) {
    this.cursor = book.since;
    this.pacing = new PollPacing(options.intervalMs, options.maxBackoffMs);
    this.timer = options.timer ?? realPollTimer;
    options.pollers.inc({ vendor: 'TIMETONIC' });
    this.schedule(0);
    this.socket = options.socketUrl
      ? new TimetonicUpdateSocket(options.socketUrl, () => client.session(), () => this.pollNow(), {
          retryMs: options.intervalMs,
          logger: options.logger,
        })
      : null;
  }

  attach(): AsyncIterableIterator<TimetonicMessageRecord> {
    const queue: TimetonicMessageRecord[] = [];
    let wake: ((result: IteratorResult<TimetonicMessageRecord>) => void) | null = null;
    let done = false;
    const subscriber: Subscriber = {
      push: (message) => {
        if (wake) {
          const resolve = wake;
          wake = null;
          resolve({ value: message, done: false });
        } else queue.push(message);
      },
    };
    this.subscribers.add(subscriber);
    const finish = async (): Promise<IteratorResult<TimetonicMessageRecord>> => {
      if (!done) {
        done = true;
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) this.stop();
        wake?.({ value: undefined, done: true });
      }
      return { value: undefined, done: true };
    };
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as TimetonicMessageRecord, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * A socket notice: poll now (or right after the poll in flight) instead of at the next tick.
   * Not while backing off: the retry reads whatever the notice announced, and polling sooner
   * would ignore the vendor's Retry-After.
   */
  pollNow(): void {
    if (this.backingOff) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
    this.socket?.close();
    this.options.pollers.dec({ vendor: 'TIMETONIC' });
    this.onStop();
  }

  // Private:

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancel?.();
    this.cancel = this.timer(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    this.cancel = null;
    this.polling = true;
    let delay: number;
    try {
      delay = this.pacing.afterSuccess(await this.read());
      this.backingOff = false;
    } catch (error) {
      delay = this.pacing.afterFailure(retryAfterOf(error));
      this.backingOff = true;
      const book = `${this.book.owner}:${this.book.code}`;
      this.options.logger.warn(
        { vendor: 'TIMETONIC', book, err: (error as Error).message, retryInMs: delay },
        'book poll failed; retrying from the same sstamp',
      );
    }
    this.polling = false;
    const again = this.again && !this.backingOff;
    this.again = false;
    this.schedule(again ? 0 : delay);
  }

  /** One poll; how many messages it delivered (what paces the next). */
  private async read(): Promise<number> {
    const { owner, code } = this.book;
    // nbMax=1: the answer's page part is not needed, only what changed after the cursor.
    const answer = await this.client.getBookMessages({ owner, code, sstamp: this.cursor, nbMax: 1 });
    const changed = [...answer.bookMessages].sort((a, b) => a.sstamp - b.sstamp);
    let delivered = 0;
    for (const wire of changed) {
      if (wire.sstamp <= this.cursor || this.seen(`${wire.smid}:${wire.sstamp}`)) continue;
      const message = mapTimetonicMessage(wire, owner, code, this.options.files);
      for (const subscriber of this.subscribers) subscriber.push(message);
      delivered += 1;
    }
    // The cursor moves only after delivery (a failed poll is retried from the same stamp), and
    // only to stamps of messages seen: the answer's own `sstamp` could pass a change committed
    // while it was being built.
    this.cursor = Math.max(this.cursor, ...changed.map((m) => m.sstamp));
    return delivered;
  }

  private seen(key: string): boolean {
    if (this.delivered.has(key)) return true;
    this.delivered.add(key);
    if (this.delivered.size > DELIVERED_MEMORY) this.delivered.delete(this.delivered.values().next().value as string);
    return false;
  }
}
