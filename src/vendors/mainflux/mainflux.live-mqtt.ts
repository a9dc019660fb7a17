import { createHash, randomUUID } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type { ThingCredential } from './mainflux.reads-messages';

export type MqttHandler = (topic: string, payload: Buffer) => void;

/**
 * One MQTT connection for one thing credential (username thing id, password thing key), shared
 * by every feed that reads with it. Topics are reference-counted; mqtt.js resubscribes them
 * itself after a reconnect (`resubscribe`), so a broker restart does not lose a subscription.
 */
export class MqttLink {
  private readonly client: MqttClient;
  private readonly topics = new Map<string, number>();
  private readonly handlers = new Set<MqttHandler>();
  /** Resolves on the first CONNACK; rejects when the broker cannot be reached in time. */
  readonly ready: Promise<void>;

  constructor(
    url: string,
    credential: ThingCredential,
    connectTimeoutMs: number,
    private readonly onIdle: () => void,
    /** Broker reachability as this connection sees it: true on CONNACK, false when it goes offline (not on close). */
    onBrokerState: (up: boolean) => void = () => undefined,
  ) {
    this.client = connect(url, {
      username: credential.thingId,
      password: credential.key,
      clientId: `tributary-${randomUUID()}`,
      connectTimeout: connectTimeoutMs,
      reconnectPeriod: 1000,
      resubscribe: true,
      clean: true,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no CONNACK within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.client.removeListener('connect', ok);
        reject(error);
      };
      const ok = () => {
        clearTimeout(timer);
        this.client.removeListener('error', fail);
        resolve();
      };
      this.client.once('connect', ok);
      this.client.once('error', fail);
    });
    this.client.on('connect', () => onBrokerState(true));
    this.client.on('offline', () => onBrokerState(false));
    // Later errors (a broker restart) are retried by mqtt.js; without a listener they would throw.
    this.client.on('error', () => {});
    this.client.on('message', (topic, payload) => {
      for (const handler of this.handlers) handler(topic, payload);
    });
  }

  /** Subscribes `topics` for `handler`; the returned function undoes exactly that. */
  async add(topics: readonly string[], handler: MqttHandler): Promise<() => void> {
    await this.ready;
    this.handlers.add(handler);
    const fresh = topics.filter((topic) => !this.topics.has(topic));
    for (const topic of topics) this.topics.set(topic, (this.topics.get(topic) ?? 0) + 1);
    if (fresh.length > 0) await this.client.subscribeAsync([...fresh], { qos: 0 });
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.handlers.delete(handler);
      const stale: string[] = [];
      for (const topic of topics) {
        const count = (this.topics.get(topic) ?? 1) - 1;
        if (count > 0) this.topics.set(topic, count);
        else {
          this.topics.delete(topic);
          stale.push(topic);
        }
      }
      if (this.handlers.size === 0) this.onIdle();
      else if (stale.length > 0) this.client.unsubscribe(stale);
    };
  }

  get topicCount(): number {
    return this.topics.size;
  }

  /** Simulates a dropped connection (tests of resubscription). */
  dropConnection(): void {
    this.client.stream?.destroy();
  }

  close(): void {
    this.client.end(true);
  }
}

/** Pool key of a credential: the thing id and a digest of its key (never the key itself). */
export function credentialKey(credential: ThingCredential): string {
  return `${credential.thingId}:${createHash('sha256').update(credential.key).digest('hex').slice(0, 16)}`;
}
