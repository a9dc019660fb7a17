import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { startServer } from '../../src/server/start-server';
import { DevicesDocument, UpdateDeviceDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startOwnRedis } from '../helpers/own-redis';
import { startStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/** Writes are seen everywhere: a mutation on one instance empties every instance's answer cache. */
afterAll(disposeLeftovers);

const iotaap = { first: 1, filter: { vendors: ['IOTAAP' as const] } };

it('empties the answer cache of the other instance when a mutation runs on one', async () => {
  const redis = await startOwnRedis();
  const a = await startStack({ vendors: ['iotaap'], env: { REDIS_URL: redis.url, RESPONSE_CACHE_MAX_AGE: '30' } });
  const b = await startServer(a.config, { logger: createLogger('silent'), metrics: createMetrics(), drainTimeoutMs: 500 });
  leaveOver(() => b.stop());

  const device = (await gql(a.url, DevicesDocument, iotaap)).data!.devices.edges[0]!.node;
  expect((await gql(a.url, DevicesDocument, iotaap)).headers.get('x-tributary-cache')).toBe('HIT');
  await gql(b.url, DevicesDocument, iotaap);
  const cachedOnB = await gql(b.url, DevicesDocument, iotaap);
  expect(cachedOnB.headers.get('x-tributary-cache')).toBe('HIT');
  expect(cachedOnB.data!.devices.edges[0]!.node.name).toBe(device.name);

  const renamed = await gql(a.url, UpdateDeviceDocument, { id: device.id, input: { name: 'renamed-on-a' } });
  expect(renamed.errors).toBeUndefined();
  // Without the broadcast B would answer the old name from its cache for 30 s.
  await waitFor('instance B to drop its cached answer', async () => {
    const answer = await gql(b.url, DevicesDocument, iotaap);
    return answer.headers.get('x-tributary-cache') !== 'HIT' && answer.data!.devices.edges[0]!.node.name === 'renamed-on-a';
  });
  expect((await gql(a.url, DevicesDocument, iotaap)).data!.devices.edges[0]!.node.name).toBe('renamed-on-a');
});

it('serves no cached answer while the invalidation channel is down, and caches again once Redis is back', async () => {
  const redis = await startOwnRedis();
  const a = await startStack({ vendors: ['iotaap'], env: { REDIS_URL: redis.url, RESPONSE_CACHE_MAX_AGE: '60' } });
  const metricsB = createMetrics();
  const b = await startServer(a.config, { logger: createLogger('silent'), metrics: metricsB, drainTimeoutMs: 500 });
  leaveOver(() => b.stop());
  const cacheOf = async (url: string) => {
    const answer = await gql(url, DevicesDocument, iotaap);
    return { cache: answer.headers.get('x-tributary-cache'), name: answer.data!.devices.edges[0]!.node.name };
  };
  const fallbacks = async () => (await metricsB.redisFallbacks.get()).values.find((v) => v.labels.use === 'answer-cache')?.value ?? 0;

  const device = (await gql(b.url, DevicesDocument, iotaap)).data!.devices.edges[0]!.node;
  await waitFor('instance B to answer from its cache', async () => (await cacheOf(b.url)).cache === 'HIT');

  await redis.kill();
  // B can no longer hear A's clears: it stops answering from its cache (what it holds may be outdated soon).
  await waitFor('instance B to bypass its answer cache', async () => (await cacheOf(b.url)).cache === 'BYPASS');
  const renamed = await gql(a.url, UpdateDeviceDocument, { id: device.id, input: { name: 'renamed-during-outage' } });
  expect(renamed.errors).toBeUndefined();
  // The clear A could not publish does not matter: B executes every query meanwhile.
  expect(await cacheOf(b.url)).toEqual({ cache: 'BYPASS', name: 'renamed-during-outage' });
  expect(await cacheOf(b.url)).toEqual({ cache: 'BYPASS', name: 'renamed-during-outage' });
  expect(await fallbacks()).toBeGreaterThanOrEqual(2);

  await redis.restart();
  await waitFor('instance B to cache again', async () => (await cacheOf(b.url)).cache === 'HIT', 15_000);
  expect(await cacheOf(b.url)).toEqual({ cache: 'HIT', name: 'renamed-during-outage' });
  // And the channel works again: a write on A empties B's cache.
  expect((await gql(a.url, UpdateDeviceDocument, { id: device.id, input: { name: 'renamed-after-outage' } })).errors).toBeUndefined();
  await waitFor('instance B to drop its cached answer', async () => (await cacheOf(b.url)).name === 'renamed-after-outage');
});
