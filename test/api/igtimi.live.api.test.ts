import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { IGTIMI_DEMO_CLIENT } from '../../src/simulators/igtimi/igtimi.seed';
import { createIgtimiSimulator, type IgtimiSimulatorInstance } from '../../src/simulators/igtimi/igtimi.simulator';
import type { SimulatorControl } from '../../src/simulators';
import { IgtimiDeviceStatusDocument, IgtimiLiveMeasurementsDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { ioTurn, stepUntil } from '../helpers/step-live';
import { waitFor } from '../helpers/wait-for';

/**
 * Live Igtimi data over graphql-ws, against a simulator whose boats report when the test
 * steps them (a 1 Hz sample per round). The server list names a retired server first, so
 * every connection here has failed over.
 */
let stack: Stack;
let simulator: IgtimiSimulatorInstance;
let control: SimulatorControl;
/** The gateway's watchdog clock: offline detection is stepped, never waited for. */
const clock = new ManualClock();
const OFFLINE_MS = 1500;
const boats = () => simulator.state.devices.filter((d) => d.boat).map((d) => d.serial_number);
const deviceId = (serial: string) => encodeId('IGTIMI', 'IgtimiDevice', serial);

beforeAll(async () => {
  simulator = createIgtimiSimulator({ heartbeatMs: 200 });
  const server = await startSimulatorServer({ name: 'igtimi', basePath: '', router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: true, livePace: 'stepped' });
  leaveOver(() => simulator.stop!());
  control = server.control;
  stack = await startStack({
    env: {
      IGTIMI_BASE_URL: server.url,
      IGTIMI_CLIENT_ID: IGTIMI_DEMO_CLIENT.client_id,
      IGTIMI_CLIENT_SECRET: IGTIMI_DEMO_CLIENT.client_secret,
      IGTIMI_LIVE_OFFLINE_MS: String(OFFLINE_MS),
      // No grace period: the upstream socket closes as its last subscriber leaves, an event the test waits for.
      LIVE_GRACE_MS: '0',
    },
    clock,
  });
});
afterAll(disposeLeftovers);

/** The next event of `feed`, stepping the boats until it comes (the upstream socket hears only rounds after its config frame). */
const nextLive = <T>(feed: { next(): Promise<T> }): Promise<T> => stepUntil(feed.next(), () => simulator.stepLive!());

it('carries every subscribed serial over one upstream socket, adding serials by a new config frame', async () => {
  const [first, second] = boats();
  const a = subscribe(wsClient(stack.wsUrl), IgtimiLiveMeasurementsDocument, { sourceIds: [deviceId(first!)], names: ['latitude', 'longitude'] });
  const pointA = await nextLive(a);
  expect(pointA.errors).toBeUndefined();
  expect(pointA.data!.measurements).toMatchObject({ source: { id: deviceId(first!) } });
  expect(['latitude', 'longitude']).toContain(pointA.data!.measurements.name);

  const b = subscribe(wsClient(stack.wsUrl), IgtimiLiveMeasurementsDocument, { sourceIds: [deviceId(second!)], names: ['sog'] });
  const pointB = await nextLive(b);
  expect(pointB.data!.measurements).toMatchObject({ name: 'sog', unit: 'm/s', source: { id: deviceId(second!) } });

  const live = simulator.live()!;
  expect(live.connections).toBe(1);
  expect(live.subscriptions()).toEqual([[first, second].sort()]);
  expect(control.counts()['GET /server_listers/web_sockets']).toBe(1);

  await a.close();
  await b.close();
  // Without a grace period the live layer stops the topic with its last subscriber; the socket closes.
  await waitFor('the upstream socket to close', () => simulator.live()!.open === 0);
});

it('reports a device online when it reports and offline when it stops', async () => {
  const serial = boats()[2]!;
  const status = subscribe(wsClient(stack.wsUrl), IgtimiDeviceStatusDocument, { deviceIds: [deviceId(serial)] });
  const online = await nextLive(status);
  expect(online.data!.deviceStatusChanged).toMatchObject({ online: true, source: { id: deviceId(serial) } });
  simulator.retire(serial);
  // Once the retired boat's last frames are in, the watchdog's clock passes the offline limit.
  await ioTurn();
  const offline = await stepUntil(status.next(), () => clock.advance(OFFLINE_MS));
  expect(offline.data!.deviceStatusChanged).toMatchObject({ online: false });
  await status.close();
});
