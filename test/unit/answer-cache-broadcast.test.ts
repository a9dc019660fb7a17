import { EventEmitter } from 'node:events';
import type { RedisLink } from '../../src/server/redis-link';
import { broadcastClears } from '../../src/server/answer-cache/answer-cache-broadcast';
import { AnswerCache } from '../../src/server/answer-cache/answer-cache';

/**
 * The clear this instance could not publish while its own Redis link was down is published once
 * the link is back (peers whose link never went down would otherwise keep outdated answers). A
 * link with an in-memory channel; test/api/answer-cache-broadcast.api.test.ts runs the rest
 * against a real redis-server.
 */
class ChannelLink {
  isUp = true;
  published: string[] = [];
  fallbacks = 0;
  private readonly listeners = new Set<(up: boolean) => void>();
  readonly subscriber = Object.assign(new EventEmitter(), { subscribe: async () => 1 });
  readonly client = {
    publish: async (_channel: string, message: string) => {
      if (!this.isUp) throw new Error('Connection is closed.');
      this.published.push(message);
      return 1;
    },
  };
  onChange(listener: (up: boolean) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  fellBack() {
    this.fallbacks += 1;
  }
  set(up: boolean) {
    this.isUp = up;
    for (const listener of this.listeners) listener(up);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('publishes again, once Redis is back, a clear that could not be published', async () => {
  const link = new ChannelLink();
  const cache = new AnswerCache(1_000_000);
  broadcastClears(cache, link as unknown as RedisLink, 'test');
  await settle();
  expect(cache.suspended).toBe(false);

  link.set(false);
  expect(cache.suspended).toBe(true);
  cache.clear(); // a mutation on this instance during the outage
  await settle();
  expect({ published: link.published.length, fallbacks: link.fallbacks }).toEqual({ published: 0, fallbacks: 1 });

  link.set(true);
  await settle();
  expect(link.published).toHaveLength(1);
  expect(cache.suspended).toBe(false);
  // Published once: a later reconnect does not repeat it.
  link.set(false);
  link.set(true);
  await settle();
  expect(link.published).toHaveLength(1);
});
