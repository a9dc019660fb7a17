import type { Gauge } from 'prom-client';
import type { Logger } from '../../core/logger';
import type { PollTimer } from '../../core/poll-pacing';
import type { TimetonicClient } from './timetonic.client';
import type { TimetonicMessageRecord } from './timetonic.model';
import { BookPoller } from './timetonic.live-poller';

export interface BookMessageFeedsOptions {
  /** Base poll interval; the pollers pace around it (see `BookPoller`). */
  intervalMs: number;
  /** Longest wait after repeated failed polls; default the larger of a minute and `intervalMs`. */
  maxBackoffMs?: number;
  /** TimeTonic socket URL; when set, its "book updates ready" notices trigger a poll at once. */
  socketUrl: string | null;
  /** Base URL for attachment URLs (see the mapper). */
  files: string;
  logger: Logger;
  pollers: Gauge<'vendor'>;
  /** Where polls are scheduled (tests step through it); default real timers. */
  timer?: PollTimer;
}

/** Backoff cap when none is configured; never below the base interval, so a failure never speeds polling up. */
const MAX_BACKOFF_MS = 60_000;

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
    const { maxBackoffMs, ...options } = this.options;
    const pacing = { maxBackoffMs: maxBackoffMs ?? Math.max(MAX_BACKOFF_MS, options.intervalMs) };
    const poller = new BookPoller(client, book, { ...options, ...pacing }, () => this.running.delete(poller));
    this.running.add(poller);
    return poller.attach();
  }

  /** Stops every poller (the adapter is closing). */
  close(): void {
    for (const poller of [...this.running]) poller.stop();
  }
}
