import type { Logger } from '../../core/logger';
import type { MeasurementRecord } from '../../core/model';
import { PollPacing, realPollTimer, retryAfterOf, type PollTimer } from '../../core/poll-pacing';
import type { LiveTarget } from './mainflux.live';

export interface ReaderPollerOptions {
  /** Base interval: halved while messages flow (to a quarter), stretched while idle (to four times). */
  intervalMs: number;
  /** Longest wait after repeated failed polls (the wait doubles per failure up to this). */
  maxBackoffMs: number;
  /** Messages of a target newer than `since`, newest first (the readers). */
  poll(target: LiveTarget, since: Date): Promise<MeasurementRecord[]>;
  logger: Logger;
  /** Where the next poll is scheduled (tests step through it); default real timers. */
  timer?: PollTimer;
}

/**
 * The polling fallback of Mainflux live data for one target: reads the messages newer than
 * the last one delivered, paced by `PollPacing` (faster while messages flow, slower while
 * idle, backing off on failures and never sooner than a Retry-After). One per target, so a
 * busy channel does not speed up, nor a failing one slow down, the other targets of a feed.
 */
export class ReaderPoller {
  private readonly pacing: PollPacing;
  private readonly timer: PollTimer;
  /** Only messages after this are delivered; starts at "now", like an MQTT subscription. */
  private since = new Date();
  private cancel: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly target: LiveTarget,
    private readonly push: (record: MeasurementRecord) => void,
    private readonly options: ReaderPollerOptions,
  ) {
    this.pacing = new PollPacing(options.intervalMs, options.maxBackoffMs);
    this.timer = options.timer ?? realPollTimer;
    // A poll at once would find nothing newer than "now": the first waits the base interval.
    this.schedule(options.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  // Private:

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancel = this.timer(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    this.cancel = null;
    let delay: number;
    try {
      delay = this.pacing.afterSuccess(await this.read());
    } catch (error) {
      delay = this.pacing.afterFailure(retryAfterOf(error));
      this.options.logger.debug({ vendor: 'MAINFLUX', channelId: this.target.channelId, err: error, retryInMs: delay }, 'mainflux live poll failed');
    }
    this.schedule(delay);
  }

  /** One poll; how many messages it delivered (what paces the next). */
  private async read(): Promise<number> {
    const records = await this.options.poll(this.target, this.since);
    if (this.stopped) return 0;
    const fresh = records.filter((r) => r.time > this.since).sort((a, b) => a.time.getTime() - b.time.getTime());
    for (const record of fresh) this.push(record);
    if (fresh.length > 0) this.since = fresh.at(-1)!.time;
    return fresh.length;
  }
}
