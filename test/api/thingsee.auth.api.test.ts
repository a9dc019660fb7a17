import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_TOKEN_TTL_SECONDS } from '../../src/simulators/thingsee/thingsee.auth';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH, type ThingseeSimulatorInstance } from '../../src/simulators/thingsee/thingsee.simulator';
import type { SimulatorControl } from '../../src/simulators';
import { classifyThingseeError } from '../../src/vendors/thingsee/thingsee.errors';
import { thingseeTokenProvider } from '../../src/vendors/thingsee/thingsee.auth';
import { ThingseeClient } from '../../src/vendors/thingsee/thingsee.client';
import { createVendorHttp } from '../../src/vendors/vendor-http.factory';
import { VendorHealth } from '../../src/vendors/vendor-health';
import { ThingseeAlertCountDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * The client-token flow: one flow for concurrent requests and one refresh and retry on 401,
 * through the whole gateway; the refresh before expiry on a clock the test moves, shared by
 * the simulator (which issues and checks the tokens) and the gateway's token provider.
 */
afterAll(disposeLeftovers);

async function startThingsee(options: Parameters<typeof createThingseeSimulator>[0] = {}) {
  const simulator = createThingseeSimulator(options);
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  return { simulator, url: server.url, control: server.control };
}

describe('through the gateway', () => {
  let stack: Stack;
  let simulator: ThingseeSimulatorInstance;
  let control: SimulatorControl;

  beforeAll(async () => {
    const thingsee = await startThingsee();
    ({ simulator, control } = thingsee);
    stack = await startStack({
      env: {
        THINGSEE_BASE_URL: thingsee.url,
        THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
        THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
      },
    });
  });
  beforeEach(() => control.resetCounts());

  const countAlerts = () => gql(stack.url, ThingseeAlertCountDocument, {});

  it('runs one token flow for concurrent requests', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, countAlerts));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(control.counts()).toEqual({ 'POST /auth/client-token': 1, 'GET /things/alerts/count': 5 });
  });

  it('refreshes once and retries once when the vendor refuses the token (401)', async () => {
    simulator.auth.revokeAll();
    const answer = await countAlerts();
    expect(answer.errors).toBeUndefined();
    expect(control.counts()).toEqual({ 'POST /auth/client-token': 1, 'GET /things/alerts/count': 2 });
  });

  it('keeps the client secret and tokens out of logs', () => {
    expect(stack.logs.text).not.toContain(THINGSEE_DEMO_CREDENTIALS.client_secret);
    expect(stack.logs.text).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});

describe('on a clock the test moves', () => {
  const TTL_MS = THINGSEE_TOKEN_TTL_SECONDS * 1000;
  /** The gateway renews this long before expiry (a fifth of the life, at most a minute). */
  const MARGIN_MS = Math.min(60_000, TTL_MS / 5);
  let clock = Date.UTC(2026, 0, 1);
  const now = () => clock;
  let control: SimulatorControl;
  let client: ThingseeClient;

  beforeAll(async () => {
    const thingsee = await startThingsee({ now });
    control = thingsee.control;
    const config = loadConfig({
      NODE_ENV: 'test',
      VENDOR_RETRIES: '0',
      THINGSEE_BASE_URL: thingsee.url,
      THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
      THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
    });
    const deps = { config: config.vendors.THINGSEE, gateway: config, metrics: createMetrics(), logger: createLogger('silent') };
    const http = createVendorHttp(deps, 'THINGSEE', new VendorHealth('THINGSEE', true), { classifyError: classifyThingseeError })!;
    leaveOver(() => http.close());
    client = new ThingseeClient(http, thingseeTokenProvider(deps.config, http, now));
  });

  it('keeps a token until its refresh point, then renews it before the vendor would refuse it', async () => {
    await client.alertCount();
    expect(control.counts()).toEqual({ 'POST /auth/client-token': 1, 'GET /things/alerts/count': 1 });

    control.resetCounts();
    clock += TTL_MS - MARGIN_MS - 1;
    await client.alertCount();
    expect(control.counts()).toEqual({ 'GET /things/alerts/count': 1 });

    // Past the refresh point, still short of expiry: a new token first, and no request meets a 401.
    control.resetCounts();
    clock += 2;
    await client.alertCount();
    expect(control.counts()).toEqual({ 'POST /auth/client-token': 1, 'GET /things/alerts/count': 1 });
  });
});
