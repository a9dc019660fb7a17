import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../redis-link';
import type { ResponseCache } from './response-cache';

/**
 * Writes are seen everywhere: a mutation that empties this instance's answer cache tells every
 * other instance over Redis pub/sub to empty theirs. While Redis is down a clear cannot travel
 * (counted as an `answer-cache` fallback; answers live seconds, not minutes), and when it is
 * back every instance empties its cache once, since it may have missed a peer's clear.
 */
export function broadcastClears(cache: ResponseCache, link: RedisLink, prefix: string): void {
  const channel = `${prefix}:answer-cache:clear`;
  const instance = randomUUID();
  const listen = () => void link.subscriber.subscribe(channel).catch(() => undefined);
  link.subscriber.on('message', (from: string, message: string) => {
    if (from === channel && message !== instance) cache.clearQuietly();
  });
  cache.onClear = () => {
    link.client.publish(channel, instance).catch(() => link.fellBack('answer-cache'));
  };
  link.onChange((up) => up && cache.clearQuietly());
  // On the subscriber's own readiness: it may come back later than the command connection.
  link.subscriber.on('ready', listen);
  listen();
}
