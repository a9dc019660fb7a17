import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { MAINFLUX_TOKEN_TTL_SECONDS } from '../../src/simulators/mainflux/mainflux.auth';
import { MAINFLUX_DEMO_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import { createMainfluxSimulator } from '../../src/simulators/mainflux/mainflux.simulator';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { createMainfluxAdapter } from '../../src/vendors/mainflux';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { oneRequestLoader } from '../helpers/one-request-loader';

/**
 * The gateway's Mainflux credential flow against a simulator whose clock the test moves:
 * the token is renewed before it expires, and once (not more) when the vendor answers 401.
 */
afterAll(disposeLeftovers);

async function setup(clockOffsetMs: () => number) {
  const simulator = createMainfluxSimulator({ now: () => new Date(Date.now() + clockOffsetMs()) });
  const server = await startSimulatorServer({ name: 'mainflux', basePath: '', router: simulator.router });
  leaveOver(() => server.stop());
  const config = loadConfig({
    NODE_ENV: 'test',
    VENDOR_RETRIES: '0',
    MAINFLUX_BASE_URL: server.url,
    MAINFLUX_EMAIL: MAINFLUX_DEMO_CREDENTIALS.email,
    MAINFLUX_PASSWORD: MAINFLUX_DEMO_CREDENTIALS.password,
  });
  const adapter = createMainfluxAdapter({ config: config.vendors.MAINFLUX, gateway: config, metrics: createMetrics(), logger: createLogger('silent') });
  leaveOver(() => adapter.close());
  // Each list is a request of its own: nothing is shared between two of them.
  const list = () => adapter.connect(null, oneRequestLoader()).sources[0]!.list({ offset: 0, limit: 5, search: null });
  return { control: server.control, list };
}

it('logs in once and runs again once when the vendor refuses an expired token', async () => {
  let offset = 0;
  const { control, list } = await setup(() => offset);
  await list();
  await list();
  expect(control.counts()).toEqual({ 'POST /tokens': 1, 'GET /things': 2 });
  // The vendor's clock passes the token's expiry; the gateway only learns it from the 401.
  offset = (MAINFLUX_TOKEN_TTL_SECONDS + 60) * 1000;
  control.resetCounts();
  const page = await list();
  expect(page.items).toHaveLength(5);
  expect(control.counts()).toEqual({ 'GET /things': 2, 'POST /tokens': 1 });
});

it('renews a token that is about to expire before using it', async () => {
  // Tokens come back with 30 s left: inside the renewal margin, so every call renews first.
  const { control, list } = await setup(() => -(MAINFLUX_TOKEN_TTL_SECONDS - 30) * 1000);
  await list();
  await list();
  expect(control.counts()).toEqual({ 'POST /tokens': 2, 'GET /things': 2 });
});
