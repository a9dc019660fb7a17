import type { Logger } from '../../core/logger';
import type { Metrics } from '../../core/metrics';
import type { AlertEventRecord, MeasurementRecord } from '../../core/model';
import type { PollTimer } from '../../core/poll-pacing';
import { pushFeed } from '../../core/push-feed';
import { SharedPoller, type PollPace } from '../../core/shared-poller';
import { MEASUREMENT_MESSAGE_IDS } from './thingsee.catalogue';
import type { ThingseeClient } from './thingsee.client';
import { mapThingseeAlerts, messageMeasurements } from './thingsee.mapper';
import type { ThingseeWireMessage } from './thingsee.wire';

/** Messages asked for per poll; a thing reporting every few seconds stays far below it. */
const POLL_LIMIT = 100;

export interface ThingseeLiveOptions {
  measurements: PollPace;
  alerts: PollPace;
  logger: Logger;
  metrics: Metrics;
  /** Where polls are scheduled (tests step through it); default real timers. */
  timer?: PollTimer;
}

/**
 * Thingsee live data without its MQTT stream (which needs client certificates): shared
 * pollers (`core/shared-poller.ts`), one per topic and credential, each running while a feed
 * is joined to it; the last feed leaving stops it, and a later one starts a new poller from "now".
 * - measurements: one poller per thing, `things/{tuid}/messages?from=<cursor>`, cursor = last `tsmTs`.
 * - alert events: one poller for all things, diffing `things/alerts` between polls.
 */
export class ThingseeFeeds {
  private readonly pollers = new Map<string, SharedPoller<unknown>>();

  constructor(private readonly options: ThingseeLiveOptions) {}

  measurements(client: ThingseeClient, credential: string, tuids: readonly string[], names: readonly string[] | null): AsyncIterable<MeasurementRecord> {
    const wanted = (point: MeasurementRecord) => !names || names.includes(point.name);
    const pollers = [...new Set(tuids)].map((tuid) =>
      this.poller(`messages|${credential}|${tuid}`, this.options.measurements, () => messagePoll(client, tuid)),
    );
    // One bounded buffer for every thing of the feed, filled by their pollers as they find points.
    return pushFeed<MeasurementRecord>((push) => {
      const leaves = pollers.map((poller) =>
        poller.join((point) => {
          if (wanted(point)) push(point);
        }),
      );
      return () => leaves.forEach((leave) => leave());
    }, undefined, this.dropCounter('measurements'));
  }

  alertEvents(client: ThingseeClient, credential: string, tuids: readonly string[] | null): AsyncIterable<AlertEventRecord> {
    const accept = (event: AlertEventRecord) => !tuids || tuids.includes((event.alert as { tuid?: string }).tuid ?? '');
    return this.poller(`alerts|${credential}`, this.options.alerts, () => alertPoll(client)).feed({ accept, onDrop: this.dropCounter('alertEvents') });
  }

  /** Pollers running now (tests check sharing with it). */
  get activePollers(): number {
    return [...this.pollers.values()].filter((p) => p.running).length;
  }

  // Private:

  /** Counts what a feed's buffer drops when the live layer falls behind. */
  private dropCounter(feed: 'measurements' | 'alertEvents'): () => void {
    return () => this.options.metrics.pollerEventsDropped.inc({ vendor: 'THINGSEE', feed });
  }

  private poller<T>(key: string, pacing: PollPace, makePoll: () => () => Promise<T[]>): SharedPoller<T> {
    const existing = this.pollers.get(key) as SharedPoller<T> | undefined;
    if (existing) return existing;
    const { logger, metrics, timer } = this.options;
    const poller: SharedPoller<T> = new SharedPoller<T>({
      poll: makePoll(),
      ...pacing,
      timer,
      onStart: () => metrics.pollersActive.inc({ vendor: 'THINGSEE' }),
      onStop: () => {
        metrics.pollersActive.dec({ vendor: 'THINGSEE' });
        // A stopped poller forgets its cursor; a later subscriber starts from "now".
        if (this.pollers.get(key) === (poller as SharedPoller<unknown>)) this.pollers.delete(key);
      },
      onError: (error, retryInMs) =>
        logger.warn({ vendor: 'THINGSEE', topic: key.split('|')[0], code: (error as { code?: string }).code, retryInMs }, 'thingsee poll failed'),
    });
    this.pollers.set(key, poller as SharedPoller<unknown>);
    return poller;
  }
}

/**
 * New messages of one thing since the last poll. `from` is inclusive and in whole seconds,
 * so messages of the cursor second are asked again and dropped when already seen.
 */
function messagePoll(client: ThingseeClient, tuid: string): () => Promise<MeasurementRecord[]> {
  let cursor = Math.floor(Date.now() / 1000);
  let seenAtCursor = new Set<string>();
  return async () => {
    const messages = await client.messages(tuid, { messageid: MEASUREMENT_MESSAGE_IDS.join(','), from: cursor, limit: POLL_LIMIT });
    // The whole message is its identity: several messages of one id may share a second.
    const key = (m: ThingseeWireMessage) => JSON.stringify(m);
    const fresh = messages
      .filter((m) => m.tsmTs > cursor || (m.tsmTs === cursor && !seenAtCursor.has(key(m))))
      .sort((a, b) => a.tsmTs - b.tsmTs);
    const newest = fresh.at(-1)?.tsmTs;
    if (newest !== undefined && newest > cursor) {
      cursor = newest;
      seenAtCursor = new Set();
    }
    for (const m of fresh) if (m.tsmTs === cursor) seenAtCursor.add(key(m));
    return fresh.flatMap((m) => messageMeasurements(m, tuid));
  };
}

/**
 * RAISED/CLEARED from the difference of `things/alerts` between polls: the first poll only
 * learns who is alerting; a tuid that starts alerting costs one `things/{tuid}/alerts` for
 * its active alerts, one that stops costs one for the alerts that ended since it was last
 * seen alerting. A tuid alerting in both polls is not re-read (its alert set may change unseen).
 */
function alertPoll(client: ThingseeClient): () => Promise<AlertEventRecord[]> {
  let alerting: Set<string> | null = null;
  let lastPollAt = 0;
  return async () => {
    const now = Date.now();
    const current = new Set((await client.alertingTuids()).alerting_tuids);
    const before = alerting;
    const since = lastPollAt;
    alerting = current;
    lastPollAt = now;
    if (!before) return [];
    const raised = [...current].filter((tuid) => !before.has(tuid));
    const cleared = [...before].filter((tuid) => !current.has(tuid));
    const events = await Promise.all([
      ...raised.map(async (tuid) =>
        mapThingseeAlerts(await client.thingAlerts(tuid))
          .filter((alert) => alert.active)
          .map((alert): AlertEventRecord => ({ kind: 'RAISED', alert, at: alert.startedAt ?? new Date(now) })),
      ),
      ...cleared.map(async (tuid) =>
        mapThingseeAlerts(await client.thingAlerts(tuid))
          // Alert times have whole seconds: allow one second of rounding.
          .filter((alert) => alert.endedAt && alert.endedAt.getTime() >= since - 1000)
          .map((alert): AlertEventRecord => ({ kind: 'CLEARED', alert, at: alert.endedAt ?? new Date(now) })),
      ),
    ]);
    return events.flat();
  };
}
