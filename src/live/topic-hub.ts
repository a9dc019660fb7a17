import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import { pushFeed, type ConflateKey } from '../core/push-feed';
import type { Vendor } from '../core/vendor';
import { decodeEvent, encodeEvent } from './wire-json';

/** One upstream source of live events, shared by every subscriber of its key. */
export interface LiveTopic<T> {
  /** (vendor, feed, credential, resource): equal keys share one upstream. */
  key: string;
  vendor: Vendor;
  /** Starts the upstream stream or poller; `return()` on the iterator stops it. */
  start(): AsyncIterable<T>;
  /** Per-subscriber conflation: a full buffer keeps the latest event of each key (see `pushFeed`). */
  conflateKey?: ConflateKey<T>;
}

export interface TopicHubOptions {
  metrics: Metrics;
  logger: Logger;
  /** Keep an upstream running this long after its last subscriber left (a reconnect reuses it). */
  graceMs?: number;
  /** Events buffered per subscriber; past it the oldest are dropped or conflated (and counted). */
  bufferSize?: number;
  /** Scale-out: events over Redis pub/sub, one leaseholder per topic cluster-wide. */
  redis?: { client: Redis; subscriber: Redis; leaseMs?: number; prefix?: string; health?: RedisHealth } | null;
}

/** Whether Redis is reachable now, and word when that changes (the server's Redis link). */
export interface RedisHealth {
  readonly isUp: boolean;
  onChange(listener: (up: boolean) => void): unknown;
}

interface TopicState {
  topic: LiveTopic<unknown>;
  sinks: Set<(event: unknown) => void>;
  upstream: AsyncIterator<unknown> | null;
  /** The upstream runs under this instance's lease (false: a local stand-in while Redis fails). */
  leased: boolean;
  /** Its Redis channel is subscribed (the events of another instance's upstream arrive). */
  subscribed: boolean;
  stopTimer: NodeJS.Timeout | null;
  leaseTimer: NodeJS.Timeout | null;
}

/**
 * Takes the lease when free, renews it when already ours (a holder that flipped to stand-in
 * after a failed call keeps its topic), refuses it when another instance holds it.
 */
const CLAIM_LUA = `local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE_LUA = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Shares live upstreams: the first subscriber of a key starts its upstream, every subscriber
 * gets the events through its own bounded buffer, the last one leaving stops it after a grace
 * period. Upstream cost grows with topics, never with subscribers. With Redis, events travel
 * over pub/sub and each topic is leased (SET NX PX, renewed) so exactly one instance runs its
 * upstream cluster-wide; another takes over within a lease period when the holder dies.
 *
 * Redis failing never ends a subscription: while it is down (a call fails, or the health
 * listener says so) every instance runs the upstreams of its own subscribers and delivers
 * their events directly (more upstream calls for a while, no lost feed). When it is back,
 * the lease round decides again and the losers stop their stand-ins, so each topic returns
 * to one upstream cluster-wide.
 */
export class TopicHub {
  readonly instanceId = randomUUID();
  private readonly topics = new Map<string, TopicState>();
  private readonly graceMs: number;
  private readonly bufferSize: number;
  private readonly leaseMs: number;
  private readonly channelPrefix: string;
  private readonly leasePrefix: string;
  private closed = false;

  constructor(private readonly options: TopicHubOptions) {
    this.graceMs = options.graceMs ?? 5_000;
    this.bufferSize = options.bufferSize ?? 256;
    this.leaseMs = options.redis?.leaseMs ?? 5_000;
    const prefix = options.redis?.prefix ?? 'tributary';
    this.channelPrefix = `${prefix}:live:`;
    this.leasePrefix = `${prefix}:lease:`;
    options.redis?.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.channelPrefix)) return;
      const state = this.topics.get(channel.slice(this.channelPrefix.length));
      // A stand-in upstream of our own already delivers; its events and the holder's are the same feed.
      if (state && !(state.upstream && !state.leased)) this.deliver(state, decodeEvent(message));
    });
    options.redis?.health?.onChange((up) => this.redisChanged(up));
  }

  /** A subscriber's stream of the topic's events; `return()` unsubscribes. */
  subscribe<T>(topic: LiveTopic<T>): AsyncIterableIterator<T> {
    return pushFeed<T>(
      (push, fail) => {
        const sink = (event: unknown) => (event instanceof Error ? fail(event) : push(event as T));
        this.join(topic as LiveTopic<unknown>, sink).catch(fail);
        return () => this.leave(topic.key, sink);
      },
      this.bufferSize,
      (_dropped, reason) => this.options.metrics.liveEventsDropped.inc({ vendor: topic.vendor, reason }),
      topic.conflateKey,
    );
  }

  /** Upstreams this instance runs now (for tests and metrics). */
  get runningUpstreams(): number {
    return [...this.topics.values()].filter((s) => s.upstream).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.topics.keys()].map((key) => this.stopTopic(key)));
  }

  // Private:

  private async join(topic: LiveTopic<unknown>, sink: (event: unknown) => void): Promise<void> {
    let state = this.topics.get(topic.key);
    if (!state) {
      state = { topic, sinks: new Set(), upstream: null, leased: false, subscribed: false, stopTimer: null, leaseTimer: null };
      this.topics.set(topic.key, state);
    }
    state.sinks.add(sink);
    if (state.stopTimer) {
      clearTimeout(state.stopTimer);
      state.stopTimer = null;
    }
    // Already running here, or already competing for the lease: nothing more to start.
    if (state.upstream || state.leaseTimer || state.sinks.size > 1) return;
    const redis = this.options.redis;
    if (!redis) {
      this.startUpstream(state, false);
      return;
    }
    // Everyone with subscribers keeps trying, so the topic moves when its holder dies.
    state.leaseTimer = setInterval(() => void this.tryLease(state!), Math.max(100, this.leaseMs / 3));
    state.leaseTimer.unref();
    await this.tryLease(state);
  }

  private leave(key: string, sink: (event: unknown) => void): void {
    const state = this.topics.get(key);
    if (!state) return;
    state.sinks.delete(sink);
    if (state.sinks.size > 0 || state.stopTimer) return;
    state.stopTimer = setTimeout(() => void this.stopTopic(key), this.closed ? 0 : this.graceMs);
    state.stopTimer.unref();
  }

  /**
   * One lease round: subscribe the channel if needed, then claim the lease (take or renew).
   * Any Redis failure, or Redis known down, makes sure the topic runs here as a stand-in.
   */
  private async tryLease(state: TopicState): Promise<void> {
    const redis = this.options.redis!;
    if (redis.health && !redis.health.isUp) return this.standIn(state);
    const key = this.leasePrefix + state.topic.key;
    try {
      if (!state.subscribed) {
        await redis.subscriber.subscribe(this.channelPrefix + state.topic.key);
        state.subscribed = true;
      }
      // A restarted Redis has forgotten every lease: the holder simply takes it again.
      const won = (await redis.client.eval(CLAIM_LUA, 1, key, this.instanceId, String(this.leaseMs))) === 1;
      if (this.topics.get(state.topic.key) !== state || state.sinks.size === 0) return;
      if (won && state.upstream) state.leased = true; // the stand-in becomes the cluster's upstream
      else if (won) this.startUpstream(state, true);
      else this.stopUpstream(state); // another instance holds it: its events arrive over the channel
    } catch (error) {
      this.options.logger.debug({ topic: state.topic.key, err: error }, 'live lease round failed: running the topic here');
      this.standIn(state);
    }
  }

  /** Redis is failing: this instance runs the topic for its own subscribers. */
  private standIn(state: TopicState): void {
    state.leased = false;
    if (state.upstream || this.topics.get(state.topic.key) !== state || state.sinks.size === 0) return;
    this.options.metrics.redisFallbacks.inc({ use: 'live' });
    this.startUpstream(state, false);
  }

  private redisChanged(up: boolean): void {
    for (const state of this.topics.values()) {
      // A lost connection drops its subscriptions; ioredis restores them, but re-asking is harmless.
      if (!up) state.subscribed = false;
      if (state.leaseTimer) void this.tryLease(state);
    }
  }

  private startUpstream(state: TopicState, leased: boolean): void {
    state.leased = leased;
    this.runUpstream(state);
  }

  private runUpstream(state: TopicState): void {
    const { topic } = state;
    const iterator = topic.start()[Symbol.asyncIterator]();
    state.upstream = iterator;
    this.options.metrics.liveTopicsActive.inc({ vendor: topic.vendor });
    this.options.logger.debug({ topic: topic.key }, 'live upstream started');
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done || state.upstream !== iterator) break;
          await this.publish(state, next.value);
        }
      } catch (error) {
        this.options.logger.warn({ topic: topic.key, err: error }, 'live upstream failed');
        if (state.upstream === iterator) this.deliver(state, error instanceof Error ? error : new Error(String(error)));
      } finally {
        if (state.upstream === iterator) this.stopUpstream(state);
      }
    })();
  }

  /** The leaseholder publishes to the cluster; a stand-in, or a failed publish, delivers here. */
  private async publish(state: TopicState, event: unknown): Promise<void> {
    const redis = this.options.redis;
    if (redis && state.leased) {
      try {
        await redis.client.publish(this.channelPrefix + state.topic.key, encodeEvent(event));
        return;
      } catch {
        this.options.metrics.redisFallbacks.inc({ use: 'live' });
        state.leased = false;
      }
    }
    this.deliver(state, event);
  }

  private deliver(state: TopicState, event: unknown): void {
    for (const sink of state.sinks) sink(event);
  }

  private stopUpstream(state: TopicState): void {
    const iterator = state.upstream;
    if (!iterator) return;
    state.upstream = null;
    state.leased = false;
    this.options.metrics.liveTopicsActive.dec({ vendor: state.topic.vendor });
    void iterator.return?.()?.catch?.(() => undefined);
  }

  private async stopTopic(key: string): Promise<void> {
    const state = this.topics.get(key);
    if (!state || (state.sinks.size > 0 && !this.closed)) return;
    this.topics.delete(key);
    if (state.stopTimer) clearTimeout(state.stopTimer);
    if (state.leaseTimer) clearInterval(state.leaseTimer);
    const held = state.upstream !== null && state.leased;
    this.stopUpstream(state);
    const redis = this.options.redis;
    if (redis) {
      await redis.subscriber.unsubscribe(this.channelPrefix + key).catch(() => undefined);
      if (held) await redis.client.eval(RELEASE_LUA, 1, this.leasePrefix + key, this.instanceId).catch(() => undefined);
    }
  }
}
