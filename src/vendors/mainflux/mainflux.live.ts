import type { Logger } from '../../core/logger';
import type { Metrics } from '../../core/metrics';
import type { MeasurementRecord } from '../../core/model';
import type { PollTimer } from '../../core/poll-pacing';
import { pushFeed } from '../../core/push-feed';
import { SharedPoller } from '../../core/shared-poller';
import { mapMainfluxSenml } from './mainflux.mapper';
import type { ThingCredential } from './mainflux.reads-messages';
import { credentialKey, MqttLink, type MqttHandler } from './mainflux.live-mqtt';
import { parseSenml, resolveSenml } from './mainflux.mapper-senml';

/** One channel to follow, the credential that may read it, and the publisher to keep (null: all). */
export interface LiveTarget {
  channelId: string;
  credential: ThingCredential;
  publisher: string | null;
}

/** Backoff cap of the polling fallback when none is configured; never below the base interval. */
const MAX_BACKOFF_MS = 60_000;

export type LiveTransport = 'MQTT' | 'POLLING';

export interface MainfluxLiveStatus {
  transport: LiveTransport;
  /** Why the gateway polls instead of using MQTT; null on MQTT. */
  reason: string | null;
  connections: number;
}

export interface MainfluxLiveOptions {
  /** Broker of the Mainflux MQTT adapter; null polls the readers. */
  mqttUrl: string | null;
  /** Prepended to every topic (`MAINFLUX_MQTT_TOPIC_PREFIX`); empty for a real Mainflux. */
  topicPrefix: string;
  /** Base interval of the polling fallback; each target's poller paces around it (see `readerPoller`). */
  pollIntervalMs: number;
  /** Longest wait after repeated failed polls; default the larger of a minute and `pollIntervalMs`. */
  pollMaxBackoffMs?: number;
  /** Where polls are scheduled (tests step through it); default real timers. */
  pollTimer?: PollTimer;
  connectTimeoutMs: number;
  /** Messages of a target newer than `since`, newest first (the readers). */
  poll(target: LiveTarget, since: Date): Promise<MeasurementRecord[]>;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Mainflux live data for the whole process: one MQTT connection per thing credential carries
 * every channel subscribed with it. When the broker cannot be reached, feeds poll the readers
 * instead and `status()` says so (shown in `vendors { mainfluxLive }`).
 */
export class MainfluxLive {
  private readonly links = new Map<string, MqttLink>();
  /** Stops of the polling feeds, so `close` stops them even if a feed was never returned. */
  private readonly pollers = new Set<() => void>();
  private fallbackReason: string | null;

  constructor(private readonly options: MainfluxLiveOptions) {
    this.fallbackReason = options.mqttUrl ? null : 'no MQTT broker configured (MAINFLUX_MQTT_URL)';
  }

  status(): MainfluxLiveStatus {
    return { transport: this.fallbackReason ? 'POLLING' : 'MQTT', reason: this.fallbackReason, connections: this.links.size };
  }

  /**
   * A feed of the targets' messages; runs while iterated and stops on `return()`. Targets still
   * being found fail the feed on its first `next` when finding them fails.
   */
  feed(targets: readonly LiveTarget[] | Promise<readonly LiveTarget[]>, names: readonly string[] | null): AsyncIterableIterator<MeasurementRecord> {
    return pushFeed<MeasurementRecord>((push, fail) => {
      const wanted = (record: MeasurementRecord) => {
        if (!names?.length || names.includes(record.name)) push(record);
      };
      let stop: (() => void) | null = null;
      let returned = false;
      const follow = (found: readonly LiveTarget[]) =>
        void this.start(found, wanted).then((started) => (returned ? started() : (stop = started)));
      // Known targets start at once (no turn of the event loop between the feed and its first poll timer).
      if (targets instanceof Promise) void targets.then(follow, fail);
      else follow(targets);
      return () => {
        returned = true;
        stop?.();
      };
    }, undefined, () => this.options.metrics.pollerEventsDropped.inc({ vendor: 'MAINFLUX', feed: 'measurements' }));
  }

  /** Drops every connection's socket (tests: mqtt.js must reconnect and resubscribe). */
  dropConnections(): void {
    for (const link of this.links.values()) link.dropConnection();
  }

  close(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    for (const stop of [...this.pollers]) stop();
  }

  // Private:

  private async start(targets: readonly LiveTarget[], push: (record: MeasurementRecord) => void): Promise<() => void> {
    if (this.options.mqttUrl) {
      try {
        const stop = await this.subscribe(this.options.mqttUrl, targets, push);
        this.fallbackReason = null;
        return stop;
      } catch (error) {
        this.fallbackReason = `MQTT broker unreachable (${(error as Error).message}); polling the readers`;
        this.options.logger.warn({ vendor: 'MAINFLUX', reason: this.fallbackReason }, 'mainflux live falls back to polling');
      }
    }
    return this.pollTargets(targets, push);
  }

  private async subscribe(url: string, targets: readonly LiveTarget[], push: (record: MeasurementRecord) => void): Promise<() => void> {
    const byCredential = new Map<string, LiveTarget[]>();
    for (const target of targets) {
      const key = credentialKey(target.credential);
      byCredential.set(key, [...(byCredential.get(key) ?? []), target]);
    }
    const undo: Array<() => void> = [];
    try {
      for (const [key, group] of byCredential) {
        const link = this.link(url, key, group[0]!.credential);
        const topics = group.map((target) => this.topicOf(target));
        undo.push(await link.add(topics, this.handler(group, push)));
      }
    } catch (error) {
      for (const stop of undo) stop();
      throw error;
    }
    return () => undo.forEach((stop) => stop());
  }

  private link(url: string, key: string, credential: ThingCredential): MqttLink {
    let link = this.links.get(key);
    if (!link) {
      const { metrics } = this.options;
      const created = new MqttLink(url, credential, this.options.connectTimeoutMs, () => {
        this.links.delete(key);
        created.close();
        metrics.pollersActive.dec({ vendor: 'MAINFLUX' });
      }, (up) => metrics.dependencyUp.set({ dependency: 'mqtt' }, up ? 1 : 0));
      metrics.pollersActive.inc({ vendor: 'MAINFLUX' });
      created.ready.catch(() => {
        metrics.dependencyUp.set({ dependency: 'mqtt' }, 0);
        if (this.links.get(key) === created) this.links.delete(key);
        created.close();
        metrics.pollersActive.dec({ vendor: 'MAINFLUX' });
      });
      this.links.set(key, created);
      link = created;
    }
    return link;
  }

  /** `channels/{id}/messages/#` for a channel; the publisher's own subtopic for a thing. */
  private topicOf(target: LiveTarget): string {
    const base = `${this.options.topicPrefix}channels/${target.channelId}/messages`;
    return target.publisher ? `${base}/${target.publisher}/#` : `${base}/#`;
  }

  private handler(group: readonly LiveTarget[], push: (record: MeasurementRecord) => void): MqttHandler {
    const prefix = this.options.topicPrefix;
    return (topic, payload) => {
      if (!topic.startsWith(prefix)) return;
      const match = /^channels\/([^/]+)\/messages(?:\/(.+))?$/.exec(topic.slice(prefix.length));
      if (!match) return;
      const [, channelId, subtopic] = match;
      const publisher = subtopic?.split('/')[0] ?? null;
      if (!group.some((t) => t.channelId === channelId && (t.publisher === null || t.publisher === publisher))) return;
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        json = null;
      }
      const parsed = parseSenml(json);
      if ('problem' in parsed) {
        this.options.logger.debug({ vendor: 'MAINFLUX', channelId, problem: parsed.problem }, 'mainflux live message is not SenML');
        return;
      }
      for (const resolved of resolveSenml(parsed.pack, Date.now() / 1000)) push(mapMainfluxSenml(resolved, channelId!, publisher));
    };
  }

  private pollTargets(targets: readonly LiveTarget[], push: (record: MeasurementRecord) => void): () => void {
    const leaves = targets.map((target) => this.readerPoller(target).join(push));
    const { metrics } = this.options;
    const stop = () => {
      if (!this.pollers.delete(stop)) return;
      for (const leave of leaves) leave();
      metrics.pollersActive.dec({ vendor: 'MAINFLUX' });
    };
    this.pollers.add(stop);
    // Counted per polling feed, not per target.
    metrics.pollersActive.inc({ vendor: 'MAINFLUX' });
    return stop;
  }

  /**
   * The polling fallback for one target: reads the messages newer than the last one delivered.
   * One per target, so a busy channel does not speed up, nor a failing one slow down, the
   * other targets of a feed. Only messages after "now" are delivered, like an MQTT
   * subscription, so the first poll waits the base interval (at once it would find nothing).
   */
  private readerPoller(target: LiveTarget): SharedPoller<MeasurementRecord> {
    const { logger, poll, pollIntervalMs, pollMaxBackoffMs, pollTimer } = this.options;
    let since = new Date();
    return new SharedPoller<MeasurementRecord>({
      poll: async () => {
        const records = await poll(target, since);
        const fresh = records.filter((r) => r.time > since).sort((a, b) => a.time.getTime() - b.time.getTime());
        if (fresh.length > 0) since = fresh.at(-1)!.time;
        return fresh;
      },
      intervalMs: pollIntervalMs,
      maxBackoffMs: pollMaxBackoffMs ?? Math.max(MAX_BACKOFF_MS, pollIntervalMs),
      firstPollAfterMs: pollIntervalMs,
      timer: pollTimer,
      onError: (error, retryInMs) =>
        logger.debug({ vendor: 'MAINFLUX', channelId: target.channelId, err: error, retryInMs }, 'mainflux live poll failed'),
    });
  }
}
