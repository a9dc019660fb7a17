import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { IGTIMI_DEMO_CLIENT } from '../../src/simulators/igtimi/igtimi.seed';
import { createIgtimiSimulator } from '../../src/simulators/igtimi/igtimi.simulator';
import { IgtimiLiveMeasurementsDocument } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

it('never opens a WebSocket to a host of the server list outside the allowlist', async () => {
  const simulator = createIgtimiSimulator({ heartbeatMs: 200 });
  const server = await startSimulatorServer({ name: 'igtimi', basePath: '', router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: true });
  leaveOver(() => simulator.stop!());
  // The REST base is reached as "localhost"; the server list names 127.0.0.1, a host nobody allowed.
  const stack = await startStack({
    vendors: [],
    env: {
      IGTIMI_BASE_URL: server.url.replace('127.0.0.1', 'localhost'),
      IGTIMI_CLIENT_ID: IGTIMI_DEMO_CLIENT.client_id,
      IGTIMI_CLIENT_SECRET: IGTIMI_DEMO_CLIENT.client_secret,
    },
  });
  const boat = simulator.state.devices.find((d) => d.boat)!.serial_number;
  const feed = subscribe(wsClient(stack.wsUrl), IgtimiLiveMeasurementsDocument, { sourceIds: [encodeId('IGTIMI', 'IgtimiDevice', boat)], names: ['sog'] });
  void feed.next().catch(() => undefined);
  await waitFor('the server list to be refused', () => stack.logs.text.includes('host not allowed'));
  expect(stack.logs.entries().filter((e) => e.msg === 'igtimi server list entry skipped: host not allowed').every((e) => String(e.url).includes('127.0.0.1'))).toBe(true);
  expect(simulator.live()?.connections ?? 0).toBe(0);
});
