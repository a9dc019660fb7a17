import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../redis-link';
import type { AnswerCache } from './answer-cache';

/**
 * Writes are seen everywhere, even across a Redis outage: a mutation that empties this
 * instance's answer cache tells every other instance over Redis pub/sub to empty theirs.
 * - While this instance cannot hear that channel (the subscriber is not subscribed, or Redis is
 *   down or hung), a peer's clear could be missed, so the answer cache is suspended: nothing is
 *   served from it or stored in it (each bypassed lookup counted as an `answer-cache` fallback).
 * - When the channel is heard again the cache is emptied (a clear published meanwhile is lost:
 *   pub/sub keeps nothing) and resumes.
 * - A clear of this instance that could not be published (counted too) is published again once
 *   Redis is back, for peers whose own link never went down.
 */
export function broadcastClears(cache: AnswerCache, link: RedisLink, prefix: string): void {
  const channel = `${prefix}:answer-cache:clear`;
  const instance = randomUUID();
  let subscribed = false;
  let unpublished = false;

  const publish = () =>
    link.client.publish(channel, instance).then(
      () => (unpublished = false),
      () => {
        unpublished = true;
        link.fellBack('answer-cache');
      },
    );
  const update = () => {
    if (unpublished && link.isUp) void publish();
    const heard = subscribed && link.isUp;
    if (heard === !cache.suspended) return;
    cache.clearQuietly();
    if (heard) cache.resume();
    else cache.suspend();
  };
  const listen = () =>
    void link.subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        update();
      },
      () => undefined,
    );

  cache.suspend();
  cache.onSuspendedLookup = () => link.fellBack('answer-cache');
  cache.onClear = () => void publish();
  link.subscriber.on('message', (from: string, message: string) => {
    if (from === channel && message !== instance) cache.clearQuietly();
  });
  // On the subscriber's own readiness: it may come back later than the command connection.
  link.subscriber.on('ready', listen);
  link.subscriber.on('close', () => {
    subscribed = false;
    update();
  });
  link.onChange(update);
  listen();
}
