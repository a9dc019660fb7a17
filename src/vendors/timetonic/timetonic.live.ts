import type { Gauge } from 'prom-client';
import type { Logger } from '../../core/logger';
import type { TimetonicClient } from './timetonic.client';
import { mapTimetonicMessage } from './timetonic.mapper';
import { TimetonicUpdateSocket } from './timetonic.socket';
import type { TimetonicMessageRecord } from './timetonic.model';

export interface BookMessageFeedsOptions {
  intervalMs: number;
  /** TimeTonic socket URL; when set, its "book updates ready" notices trigger a poll at once. */
  socketUrl: string | null;
  /** Base URL for attachment URLs (see the mapper). */
  files: string;
  logger: Logger;
  pollers: Gauge<'vendor'>;
}

interface Subscriber {
  push(message: TimetonicMessageRecord): void;
}

/** How many (message, stamp) pairs a poller remembers to never deliver one twice. */
const DELIVERED_MEMORY = 2_000;

/**
 * Live book messages by polling `getBookMessages` with the last `sstamp` as cursor
 * (VENDOR-NOTES: the stamp is the polling cursor). Each `open` is one upstream poller; sharing
 * one among every subscriber of a book and credential (and leasing it cluster-wide) is the
 * live layer's job (`TopicHub`), which starts one per topic key.
 */
export class BookMessageFeeds {
  private readonly running = new Set<BookPoller>();

  constructor(private readonly options: BookMessageFeedsOptions) {}

  /**
   * Messages added or edited in the book after stamp `since` (the book's own `sstamp` when it
   * was loaded), until the iterator is returned.
   */
  open(client: TimetonicClient, book: { owner: string; code: string; since: number }): AsyncIterableIterator<TimetonicMessageRecord> {
    const poller = new BookPoller(client, book, this.options, () => this.running.delete(poller));
    this.running.add(poller);
    return poller.attach();
  }

  /** Stops every poller (the adapter is closing). */
  close(): void {
    for (const poller of [...this.running]) poller.stop();
  }
}

class BookPoller {
  /** The live layer attaches one consumer; a set keeps the poller honest if more attach. */
  private readonly subscribers = new Set<Subscriber>();
  private readonly delivered = new Set<string>();
  private cursor: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** A poll is running; a notice meanwhile asks for one more right after it. */
  private polling = false;
  private again = false;
  private readonly socket: TimetonicUpdateSocket | null;

  constructor(
    private readonly client: TimetonicClient,
    private readonly book: { owner: string; code: string; since: number },
    private readonly options: BookMessageFeedsOptions,
    private readonly onStop: () => void,
  ) {
    this.cursor = book.since;
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

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.options.pollers.dec({ vendor: 'TIMETONIC' });
    this.onStop();
  }

  // Private:

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  /** A socket notice: poll now (or right after the poll in flight) instead of at the next tick. */
  private pollNow(): void {
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    this.polling = true;
    try {
      const { owner, code } = this.book;
      // nbMax=1: the answer's page part is not needed, only what changed after the cursor.
      const answer = await this.client.getBookMessages({ owner, code, sstamp: this.cursor, nbMax: 1 });
      const changed = [...answer.bookMessages].sort((a, b) => a.sstamp - b.sstamp);
      for (const wire of changed) {
        if (wire.sstamp <= this.cursor || this.seen(`${wire.smid}:${wire.sstamp}`)) continue;
        const message = mapTimetonicMessage(wire, owner, code, this.options.files);
        for (const subscriber of this.subscribers) subscriber.push(message);
      }
      // The cursor moves only after delivery (a failed poll is retried from the same stamp), and
      // only to stamps of messages seen: the answer's own `sstamp` could pass a change committed
      // while it was being built.
      this.cursor = Math.max(this.cursor, ...changed.map((m) => m.sstamp));
    } catch (error) {
      const book = `${this.book.owner}:${this.book.code}`;
      this.options.logger.warn({ vendor: 'TIMETONIC', book, err: (error as Error).message }, 'book poll failed; retrying from the same sstamp');
    }
    this.polling = false;
    const again = this.again;
    this.again = false;
    this.schedule(again ? 0 : this.options.intervalMs);
  }

  private seen(key: string): boolean {
    if (this.delivered.has(key)) return true;
    this.delivered.add(key);
    if (this.delivered.size > DELIVERED_MEMORY) this.delivered.delete(this.delivered.values().next().value as string);
    return false;
  }
}
