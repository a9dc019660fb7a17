import type { Counter, Gauge } from 'prom-client';
import type { Logger } from '../../core/logger';
import type { PollTimer } from '../../core/poll-pacing';
import { SharedPoller } from '../../core/shared-poller';
import type { TimetonicClient } from './timetonic.client';
import { mapTimetonicMessage } from './timetonic.mapper';
import type { TimetonicMessageRecord } from './timetonic.model';
import { TimetonicUpdateSocket } from './timetonic.live-socket';

export interface BookMessageFeedsOptions {
  /** Base interval: halved while messages flow (to a quarter), stretched while idle (to four times). */
  intervalMs: number;
  /** Longest wait after repeated failed polls; default the larger of a minute and `intervalMs`. */
  maxBackoffMs?: number;
  /** TimeTonic socket URL; when set, its "book updates ready" notices trigger a poll at once. */
  socketUrl: string | null;
  /** Base URL for attachment URLs (see the mapper). */
  files: string;
  logger: Logger;
  pollers: Gauge<'vendor'>;
  /** Counts messages a feed's buffer dropped because the live layer fell behind. */
  dropped: Counter<'vendor' | 'feed'>;
  /** Where polls are scheduled (tests step through it); default real timers. */
  timer?: PollTimer;
}

/** What a book's poller asks of a TimeTonic client. */
export type BookMessageSource = Pick<TimetonicClient, 'getBookMessages' | 'session'>;

/** A book to follow, from the stamp it was loaded with. */
export interface LiveBook {
  owner: string;
  code: string;
  since: number;
}

/** Backoff cap when none is configured; never below the base interval, so a failure never speeds polling up. */
const MAX_BACKOFF_MS = 60_000;

/** How many (message, stamp) pairs a poller remembers to never deliver one twice. */
const DELIVERED_MEMORY = 2_000;

/**
 * Live book messages by polling `getBookMessages` with the last `sstamp` as cursor
 * (VENDOR-NOTES: the stamp is the polling cursor), on the shared poller (`core/shared-poller.ts`).
 * Each `open` is one upstream poller; sharing one among every subscriber of a book and
 * credential (and leasing it cluster-wide) is the live layer's job (`TopicHub`), which starts
 * one per topic key. With a socket URL, the socket's "book updates ready" notices poll at once.
 */
export class BookMessageFeeds {
  private readonly running = new Set<SharedPoller<TimetonicMessageRecord>>();

  constructor(private readonly options: BookMessageFeedsOptions) {}

  /**
   * Messages added or edited in the book after stamp `since` (the book's own `sstamp` when it
   * was loaded), until the iterator is returned.
   */
  open(client: BookMessageSource, book: LiveBook): AsyncIterableIterator<TimetonicMessageRecord> {
    const { intervalMs, maxBackoffMs, socketUrl, files, logger, pollers, dropped, timer } = this.options;
    let socket: TimetonicUpdateSocket | null = null;
    const poller: SharedPoller<TimetonicMessageRecord> = new SharedPoller<TimetonicMessageRecord>({
      poll: bookMessagePoll(client, book, files),
      intervalMs,
      maxBackoffMs: maxBackoffMs ?? Math.max(MAX_BACKOFF_MS, intervalMs),
      timer,
      onStart: () => {
        this.running.add(poller);
        pollers.inc({ vendor: 'TIMETONIC' });
        socket = socketUrl
          ? new TimetonicUpdateSocket(socketUrl, () => client.session(), () => poller.pollNow(), { retryMs: intervalMs, logger })
          : null;
      },
      onStop: () => {
        this.running.delete(poller);
        socket?.close();
        pollers.dec({ vendor: 'TIMETONIC' });
      },
      onError: (error, retryInMs) =>
        logger.warn(
          { vendor: 'TIMETONIC', book: `${book.owner}:${book.code}`, err: (error as Error).message, retryInMs },
          'book poll failed; retrying from the same sstamp',
        ),
    });
    return poller.feed({ onDrop: () => dropped.inc({ vendor: 'TIMETONIC', feed: 'bookMessages' }) });
  }

  /** Stops every poller (the adapter is closing). */
  close(): void {
    for (const poller of [...this.running]) poller.stop();
  }
}

/**
 * One book's poll: what changed after the cursor, each (message, stamp) once. The cursor moves
 * only after a successful read (a failed poll is retried from the same stamp), and only to
 * stamps of messages seen: the answer's own `sstamp` could pass a change committed while it
 * was being built.
 */
function bookMessagePoll(client: BookMessageSource, book: LiveBook, files: string): () => Promise<TimetonicMessageRecord[]> {
  const { owner, code } = book;
  let cursor = book.since;
  const delivered = new Set<string>();
  const seen = (key: string): boolean => {
    if (delivered.has(key)) return true;
    delivered.add(key);
    if (delivered.size > DELIVERED_MEMORY) delivered.delete(delivered.values().next().value as string);
    return false;
  };
  return async () => {
    // nbMax=1: the answer's page part is not needed, only what changed after the cursor.
    const answer = await client.getBookMessages({ owner, code, sstamp: cursor, nbMax: 1 });
    const changed = [...answer.bookMessages].sort((a, b) => a.sstamp - b.sstamp);
    const fresh = changed.filter((wire) => wire.sstamp > cursor && !seen(`${wire.smid}:${wire.sstamp}`));
    cursor = Math.max(cursor, ...changed.map((m) => m.sstamp));
    return fresh.map((wire) => mapTimetonicMessage(wire, owner, code, files));
  };
}
