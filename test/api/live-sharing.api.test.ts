import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { ThingseeMeasurementsLiveDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { clockPolledTwice, stepUntil } from '../helpers/step-live';
import { ManualClock } from '../helpers/manual-clock';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

it('serves 100 subscribers of one thing from one upstream poller', async () => {
  const simulator = createThingseeSimulator();
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: true, livePace: 'stepped' });
  leaveOver(() => simulator.stop!());
  // The gateway polls when the test steps this clock, never on a real interval.
  const clock = new ManualClock();
  const stack = await startStack({
    clock,
    vendors: ['iotaap'],
    env: {
      THINGSEE_BASE_URL: server.url,
      THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
      THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
      THINGSEE_POLL_INTERVAL_MS: '100',
    },
  });
  const sensor = simulator.state.things.find((t) => t.kind === 'environment' && t.online && t.group_id)!;
  const variables = { sourceIds: [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)], names: ['temperature'] };
  // Four connections of 25 subscriptions each (a connection may hold 50).
  const clients = Array.from({ length: 4 }, () => wsClient(stack.wsUrl));
  const subscriptions = Array.from({ length: 100 }, (_, i) => subscribe(clients[i % 4]!, ThingseeMeasurementsLiveDocument, variables));
  // The test steps the simulator's reporting rounds until every subscriber has its event.
  const messagePolls = clockPolledTwice(clock, () => server.control.counts()['GET /things/:tuid/messages'] ?? 0);
  const step = () => simulator.stepLive!();
  const firsts = await stepUntil(Promise.all(subscriptions.map((s) => s.next())), step, messagePolls);
  expect(firsts.every((event) => event.data?.measurements.name === 'temperature')).toBe(true);

  // More events for everyone, each resolving its `source { id }`: no per-event, per-subscriber
  // lookups of the thing (the live layer's source cache answers them).
  server.control.resetCounts();
  // (Subscribers joined at different moments, so a round's events need not be the same point.)
  for (let round = 0; round < 3; round++) {
    const events = await stepUntil(Promise.all(subscriptions.map((s) => s.next())), step, messagePolls);
    expect(events.every((event) => event.data?.measurements.name === 'temperature' && !event.errors)).toBe(true);
  }
  const counts = server.control.counts();
  expect(counts['GET /things/:tuid'] ?? 0).toBe(0);
  expect(counts['GET /things/:tuid/messages']).toBeGreaterThan(0);

  const { metrics } = stack.server.services;
  const sum = async (gauge: typeof metrics.pollersActive, vendor?: string) =>
    (await gauge.get()).values.filter((v) => !vendor || v.labels.vendor === vendor).reduce((total, v) => total + v.value, 0);
  expect(await sum(metrics.subscriptionsActive as unknown as typeof metrics.pollersActive)).toBe(100);
  // One execution for the hundred: every event is resolved once and sent to each.
  expect(await sum(metrics.subscriptionExecutions as unknown as typeof metrics.pollersActive)).toBe(1);
  expect(await sum(metrics.liveTopicsActive, 'THINGSEE')).toBe(1);
  expect(await sum(metrics.pollersActive, 'THINGSEE')).toBe(1);

  await Promise.all(subscriptions.map((s) => s.close()));
  await waitFor('the poller to stop after the last subscriber', async () => (await sum(metrics.pollersActive, 'THINGSEE')) === 0);
  // graphql-ws counts an operation complete once its iterator has returned: a moment later.
  await waitFor('every subscription to complete', async () => (await sum(metrics.subscriptionsActive as unknown as typeof metrics.pollersActive)) === 0);
  expect(await sum(metrics.subscriptionExecutions as unknown as typeof metrics.pollersActive)).toBe(0);
});
