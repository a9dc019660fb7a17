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
