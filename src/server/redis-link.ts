import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';

/** What `/readyz` says about a shared dependency. */
export interface DependencyStatus {
  state: 'up' | 'down';
  /** When it entered that state (ISO 8601). */
  since: string;
}

export interface RedisLinkOptions {
  /** Deadline of every command; past it the call fails and its user falls back. */
  commandTimeoutMs: number;
  /** How long `connect()` waits at startup before serving without Redis. */
  connectWaitMs?: number;
  /** How often a PING (with the command deadline) checks that Redis still answers. @default 1000 */
  probeIntervalMs?: number;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Redis as a dependency that can fail. Every call has a deadline (`commandTimeout`) and fails at
 * once while the connection is down (no offline queue, no per-request retries), so each user
 * takes its fallback instead of waiting: the vendor cache is bypassed, the caller budget fails
 * open or closed, live topics run locally. ioredis reconnects on its own (bounded backoff) and
 * resubscribes the subscriber's channels; a PING a second notices a Redis that hangs with its
 * connection open. `onChange` tells the users when Redis goes and when it is back.
 */
export class RedisLink {
  readonly client: Redis;
  /** Pub/sub needs a connection of its own (a subscribed connection can do nothing else). */
  readonly subscriber: Redis;
  private up = false;
  private since = Date.now();
  private readonly listeners = new Set<(up: boolean) => void>();
  /** A hung Redis keeps its connection open: only a call with a deadline notices. */
  private readonly probe: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly options: RedisLinkOptions,
  ) {
    const redisOptions: RedisOptions = {
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(1_000, options.commandTimeoutMs * 4),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // How long disconnect() waits for a socket that will not close (Redis gone) before dropping it.
      disconnectTimeout: options.commandTimeoutMs,
      // Reconnect forever, never slower than once a second: an outage ends when Redis is back.
      retryStrategy: (times) => Math.min(100 * times, 1_000),
    };
    this.client = new Redis(url, redisOptions);
    this.subscriber = new Redis(url, { ...redisOptions, commandTimeout: undefined });
    options.metrics.dependencyUp.set({ dependency: 'redis' }, 0);
    this.client.on('ready', () => this.setUp(true));
    this.client.on('close', () => this.setUp(false));
    // Failures are reported once per transition (setUp); without listeners ioredis would log each retry.
    this.client.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.probe = setInterval(() => {
      this.client.ping().then(
        () => this.setUp(true),
        () => this.setUp(false),
      );
    }, options.probeIntervalMs ?? 1_000);
    this.probe.unref();
  }

  get status(): DependencyStatus {
    return { state: this.up ? 'up' : 'down', since: new Date(this.since).toISOString() };
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Called with true when Redis is back (ready), false when the connection is lost. */
  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts one call that fell back because Redis failed; `use` names what fell back. */
  fellBack(use: 'vendor-cache' | 'caller-budget' | 'live' | 'answer-cache'): void {
    this.options.metrics.redisFallbacks.inc({ use });
  }

  /** Waits (a little) for the first connection; the gateway serves degraded without it. */
  async connect(): Promise<void> {
    if (this.up) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.connectWaitMs ?? 2_000);
      const stop = this.onChange((up) => up && done());
      function done() {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }

  disconnect(): void {
    clearInterval(this.probe);
    this.listeners.clear();
    this.subscriber.disconnect();
    this.client.disconnect();
  }

  // Private:

  private setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.since = Date.now();
    this.options.metrics.dependencyUp.set({ dependency: 'redis' }, up ? 1 : 0);
    if (up) this.options.logger.info('redis is up');
    else this.options.logger.warn('redis is down: the vendor cache is bypassed, live topics run on this instance, the caller budget falls back');
    for (const listener of [...this.listeners]) listener(up);
  }
}
