import { encodeId } from '../../src/core/ids';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { startServer } from '../../src/server/start-server';
import { ThingseeMeasurementsLiveDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startOwnRedis } from '../helpers/own-redis';
import { startStack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { startThingseeLive } from '../helpers/thingsee-live';
import { waitFor } from '../helpers/wait-for';

/**
 * Two gateway instances on a redis-server of the test's own, killed and restarted by PID:
 * both subscribers keep receiving events through the outage without re-subscribing (each
 * instance runs the topic for its own subscribers meanwhile), and once Redis is back the topic
 * runs on exactly one instance again.
 */
afterAll(disposeLeftovers);

async function topics(metrics: Metrics): Promise<number> {
  return (await metrics.liveTopicsActive.get()).values.reduce((sum, v) => sum + v.value, 0);
}

async function redisUp(metrics: Metrics): Promise<boolean> {
  return (await metrics.dependencyUp.get()).values.some((v) => v.labels.dependency === 'redis' && v.value === 1);
}

it('keeps every subscription on every instance fed across a Redis restart, then returns to one upstream', async () => {
  const redis = await startOwnRedis();
  const { simulator, env: thingsee } = await startThingseeLive();
  const env = {
    REDIS_URL: redis.url,
    ...thingsee,
  };
  const a = await startStack({ vendors: ['iotaap'], env });
  const metricsA = a.server.services.metrics;
  const metricsB = createMetrics();
  const b = await startServer(a.config, { logger: createLogger('silent'), metrics: metricsB, drainTimeoutMs: 500 });
  leaveOver(() => b.stop());

  const sensor = simulator.state.things.find((t) => t.kind === 'environment' && t.online && t.group_id)!;
  const variables = { sourceIds: [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)], names: ['temperature'] };
  const onA = subscribe(wsClient(a.wsUrl), ThingseeMeasurementsLiveDocument, variables);
  const onB = subscribe(wsClient(b.url.replace(/^http/, 'ws')), ThingseeMeasurementsLiveDocument, variables);
  const bothReceive = async () => {
    for (const feed of [onA, onB]) {
      const event = await feed.next();
      expect(event.errors).toBeUndefined();
      expect(event.data!.measurements.name).toBe('temperature');
    }
  };
  await bothReceive();
  expect((await topics(metricsA)) + (await topics(metricsB))).toBe(1);

  await redis.kill();
  // Each instance runs the topic for its own subscriber while Redis is away.
  await waitFor('both instances to run the topic themselves', async () => (await topics(metricsA)) === 1 && (await topics(metricsB)) === 1);
  await bothReceive();
  await bothReceive();

  await redis.restart();
  await waitFor('both instances to reconnect', async () => (await redisUp(metricsA)) && (await redisUp(metricsB)));
  await waitFor('one upstream cluster-wide again', async () => (await topics(metricsA)) + (await topics(metricsB)) === 1, 15_000);
  await bothReceive();
  await bothReceive();
  expect((await topics(metricsA)) + (await topics(metricsB))).toBe(1);
});
