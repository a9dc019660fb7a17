import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { leaveOver } from './leftovers';

/**
 * A Thingsee simulator generating live messages every 100 ms, and the gateway settings that
 * point at it with a 100 ms poller (for tests of shared live topics). Registered for disposal.
 */
export async function startThingseeLive() {
  const simulator = createThingseeSimulator({ liveIntervalMs: 100 });
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: true });
  leaveOver(() => simulator.stop!());
  const env = {
    THINGSEE_BASE_URL: server.url,
    THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
    THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
    THINGSEE_POLL_INTERVAL_MS: '100',
  };
  return { simulator, env };
}
