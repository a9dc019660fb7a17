import { randomUUID } from 'node:crypto';
import { encodeId } from '../../src/core/ids';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { startServer } from '../../src/server/start-server';
import { ThingseeMeasurementsLiveDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { requireService } from '../helpers/services';
import { startStack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { startThingseeLive } from '../helpers/thingsee-live';
import { waitFor } from '../helpers/wait-for';

/**
 * Two gateway instances on the real Redis: one upstream poller for a topic subscribed on
 * both, events on both, and the poller moving when its instance goes away.
 */
afterAll(disposeLeftovers);

async function topics(metrics: Metrics): Promise<number> {
  return (await metrics.liveTopicsActive.get()).values.reduce((sum, v) => sum + v.value, 0);
}

it('runs one poller cluster-wide, delivers on both instances, and moves the poller when its instance stops', async () => {
  const redisUrl = await requireService('redis');
  const { simulator, env: thingsee } = await startThingseeLive();
  const env = {
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `test-${randomUUID()}`,
    ...thingsee,
  };
  const a = await startStack({ vendors: ['iotaap'], env });
  const metricsB = createMetrics();
  const b = await startServer(a.config, { logger: createLogger('silent'), metrics: metricsB, drainTimeoutMs: 500 });
  leaveOver(() => b.stop());
  const metricsA = a.server.services.metrics;

  const sensor = simulator.state.things.find((t) => t.kind === 'environment' && t.online && t.group_id)!;
  const variables = { sourceIds: [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)], names: ['temperature'] };
  const onA = subscribe(wsClient(a.wsUrl), ThingseeMeasurementsLiveDocument, variables);
  const onB = subscribe(wsClient(b.url.replace(/^http/, 'ws')), ThingseeMeasurementsLiveDocument, variables);

  expect((await onA.next()).data!.measurements.name).toBe('temperature');
  expect((await onB.next()).data!.measurements.name).toBe('temperature');
  expect((await topics(metricsA)) + (await topics(metricsB))).toBe(1);

  // Stop whichever instance holds the topic; the other takes the lease and goes on.
  const holderIsA = (await topics(metricsA)) === 1;
  const [survivor, survivorMetrics] = holderIsA ? [onB, metricsB] : [onA, metricsA];
  await (holderIsA ? a.server.stop() : b.stop());
  await waitFor('the poller to move to the other instance', async () => (await topics(survivorMetrics)) === 1, 10_000);
  const event = await survivor.next();
  expect(event.errors).toBeUndefined();
  expect(event.data!.measurements.name).toBe('temperature');
});
