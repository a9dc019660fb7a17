import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { MeasurementsSinceDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { clockPolledTwice, stepUntil } from '../helpers/step-live';
import { ManualClock } from '../helpers/manual-clock';
import { subscribe, wsClient } from '../helpers/subscribe';

/** A client that reconnects with `since` gets what the vendor still has, then live, without repeats. */
afterAll(disposeLeftovers);

it('replays the vendor history from `since`, then goes live with nothing twice and nothing older first', async () => {
  // The simulator's clock: rounds are stepped by the test, each at the time it sets.
  let simulatedNow = Date.now();
  const simulator = createThingseeSimulator({ now: () => simulatedNow });
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
  const sourceIds = [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)];
  // History, as if a client had been away for a few seconds: a round each second until one ago.
  const awayFrom = Date.now();
  for (const ago of [3000, 2000, 1000]) {
    simulatedNow = awayFrom - ago;
    simulator.stepLive!();
  }
  simulatedNow = awayFrom;
  const since = new Date(awayFrom - 2000);
  const subscribedAt = Date.now();
  // Live rounds: a second after the previous one, never behind real time (the poller starts at "now").
  const round = () => {
    simulatedNow = Math.max(simulatedNow + 1000, Date.now());
    simulator.stepLive!();
  };
  const messagePolls = clockPolledTwice(clock, () => server.control.counts()['GET /things/:tuid/messages'] ?? 0);
  const feed = subscribe(wsClient(stack.wsUrl), MeasurementsSinceDocument, { sourceIds, names: ['temperature'], since: since.toISOString() });

  const points: Array<{ time: number; value: number | null; raw: unknown }> = [];
  while (points.length < 2 || points.at(-1)!.time < subscribedAt + 1000) {
    const event = await stepUntil(feed.next(), round, messagePolls);
    expect(event.errors).toBeUndefined();
    const { time, value, raw } = event.data!.measurements;
    points.push({ time: Date.parse(time), value: value ?? null, raw });
  }
  const times = points.map((p) => p.time);
  // History first (older than the subscription), then live, in time order.
  expect(times[0]!).toBeGreaterThanOrEqual(since.getTime() - 1000);
  expect(times[0]!).toBeLessThan(subscribedAt);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  // Nothing delivered twice: a point is its whole vendor message (several share a second, and
  // a rounded value).
  const signatures = points.map((p) => JSON.stringify(p.raw));
  expect(new Set(signatures).size).toBe(signatures.length);
});
