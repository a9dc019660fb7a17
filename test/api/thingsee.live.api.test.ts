import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH, type ThingseeSimulatorInstance } from '../../src/simulators/thingsee/thingsee.simulator';
import type { SimulatorControl } from '../../src/simulators';
import { ThingseeAlertEventsDocument, ThingseeMeasurementsLiveDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { clockPolledTwice, stepUntil } from '../helpers/step-live';
import { ManualClock } from '../helpers/manual-clock';
import { waitFor } from '../helpers/wait-for';

/**
 * Live Thingsee data over graphql-ws: pollers shared by subscribers, a cursor without
 * duplicates or gaps, alert diffs, backoff on vendor errors. The test steps the simulator's
 * reporting rounds (each a simulated second after the last) and the gateway's polls (its clock).
 */
let stack: Stack;
let simulator: ThingseeSimulatorInstance;
let control: SimulatorControl;
/** The simulator's clock: never behind real time (the gateway's cursors start at "now"), a second further per round. */
let simulatedNow = Date.now();
/** The gateway's poll clock: it polls when the test steps it, never on a real interval. */
const clock = new ManualClock();

/** One reporting round of the simulator, a simulated second after the previous one. */
function round(): void {
  simulatedNow = Math.max(simulatedNow + 1000, Date.now());
  simulator.stepLive!();
}
const polls = (route: string) => clockPolledTwice(clock, () => control.counts()[route] ?? 0);
const messagePolls = polls('GET /things/:tuid/messages');
const alertPolls = polls('GET /things/alerts');

beforeAll(async () => {
  simulator = createThingseeSimulator({ now: () => simulatedNow });
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: true, livePace: 'stepped' });
  leaveOver(() => simulator.stop!());
  control = server.control;
  stack = await startStack({
    clock,
    env: {
      THINGSEE_BASE_URL: server.url,
      THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
      THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
      THINGSEE_POLL_INTERVAL_MS: '100',
      THINGSEE_ALERT_POLL_INTERVAL_MS: '100',
      // No grace period: a poller stops as its last subscriber leaves, an event the tests wait for.
      LIVE_GRACE_MS: '0',
    },
  });
});
afterAll(disposeLeftovers);

async function thingseePollers(): Promise<number> {
  const metric = await stack.server.services.metrics.pollersActive.get();
  return metric.values.filter((v) => v.labels.vendor === 'THINGSEE').reduce((sum, v) => sum + v.value, 0);
}

it('shares one poller per thing among subscribers and delivers every message once', async () => {
  const sensor = simulator.state.things.find((t) => t.kind === 'environment' && t.online && t.group_id)!;
  const variables = { sourceIds: [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)], names: ['temperature'] };
  const first = subscribe(wsClient(stack.wsUrl), ThingseeMeasurementsLiveDocument, variables);
  const second = subscribe(wsClient(stack.wsUrl), ThingseeMeasurementsLiveDocument, variables);

  const points: Array<{ time: string; value: number }> = [];
  while (points.length < 2 || Date.parse(points.at(-1)!.time) - Date.parse(points[0]!.time) < 3000) {
    const event = await stepUntil(first.next(), round, messagePolls);
    expect(event.errors).toBeUndefined();
    expect(event.data!.measurements).toMatchObject({ name: 'temperature', unit: 'Cel' });
    points.push({ time: event.data!.measurements.time, value: event.data!.measurements.value! });
  }
  expect((await second.next()).data!.measurements.name).toBe('temperature');
  expect(await thingseePollers()).toBe(1);

  // Every message of the seconds strictly inside the observed span arrived exactly once.
  const firstTs = Date.parse(points[0]!.time) / 1000;
  const lastTs = Date.parse(points.at(-1)!.time) / 1000;
  const sent = simulator.state.messages
    .get(sensor.tuid)!
    .filter((m) => m.tsmId === 12100 && m.tsmTs > firstTs && m.tsmTs < lastTs)
    .map((m) => `${m.tsmTs}:${m.temp}`);
  const seen = points.filter((p) => Date.parse(p.time) / 1000 > firstTs && Date.parse(p.time) / 1000 < lastTs).map((p) => `${Date.parse(p.time) / 1000}:${p.value}`);
  expect(seen.sort()).toEqual(sent.sort());

  await first.close();
  await second.close();
  await waitFor('the message poller to stop', async () => (await thingseePollers()) === 0);
});

it('pushes RAISED and CLEARED alert events from one poller for every subscriber', async () => {
  const all = subscribe(wsClient(stack.wsUrl), ThingseeAlertEventsDocument, { vendors: ['THINGSEE'] });
  const again = subscribe(wsClient(stack.wsUrl), ThingseeAlertEventsDocument, { vendors: ['THINGSEE'] });
  const kinds = new Set<string>();
  while (kinds.size < 2) {
    const event = await stepUntil(all.next(), round, alertPolls);
    expect(event.errors).toBeUndefined();
    const { kind, alert } = event.data!.alertEvents;
    kinds.add(kind);
    expect(alert).toMatchObject({ active: kind === 'RAISED' });
    if (kind === 'CLEARED') expect(alert.endedAt).not.toBeNull();
  }
  expect((await again.next()).data!.alertEvents.kind).toMatch(/RAISED|CLEARED/);
  expect(await thingseePollers()).toBe(1);
  await all.close();
  await again.close();
  await waitFor('the alert poller to stop', async () => (await thingseePollers()) === 0);
});

it('backs off while the vendor fails and resumes when it recovers', async () => {
  const events = subscribe(wsClient(stack.wsUrl), ThingseeAlertEventsDocument, { vendors: ['THINGSEE'] });
  await stepUntil(events.next(), round, alertPolls);
  control.setFaults({ down: true });
  await waitFor('a failed poll to be logged', () => {
    clock.advance(60_000);
    return stack.logs.text.includes('thingsee poll failed');
  });
  const failures = stack.logs.entries().filter((e) => e.msg === 'thingsee poll failed');
  // The wait after a failure doubles the poll interval (100 ms) at least.
  expect(failures[0]).toMatchObject({ vendor: 'THINGSEE', topic: 'alerts', code: 'VENDOR_UNAVAILABLE' });
  expect(failures[0]!.retryInMs as number).toBeGreaterThanOrEqual(200);
  control.clearFaults();
  expect((await stepUntil(events.next(), round, alertPolls)).data!.alertEvents.kind).toMatch(/RAISED|CLEARED/);
  expect(stack.logs.text).not.toContain(THINGSEE_DEMO_CREDENTIALS.client_secret);
  await events.close();
});
