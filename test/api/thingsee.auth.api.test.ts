import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH, type ThingseeSimulatorInstance } from '../../src/simulators/thingsee/thingsee.simulator';
import type { SimulatorControl } from '../../src/simulators';
import { ThingseeAlertCountDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * The client-token flow against a simulator whose tokens live 2 s instead of 15 min:
 * one flow for concurrent requests, a refresh before expiry, one refresh and retry on 401.
 */
const TTL_SECONDS = 2;
let stack: Stack;
let simulator: ThingseeSimulatorInstance;
let control: SimulatorControl;

beforeAll(async () => {
  simulator = createThingseeSimulator({ tokenTtlSeconds: TTL_SECONDS });
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  control = server.control;
  stack = await startStack({
    env: {
      THINGSEE_BASE_URL: server.url,
      THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
      THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
    },
  });
});
afterAll(disposeLeftovers);
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

it('refreshes before expiry, so no request meets a 401', async () => {
  await countAlerts();
  control.resetCounts();
  // Past four fifths of the token's life: the next request gets a new token first.
  await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 * 0.85));
  const answer = await countAlerts();
  expect(answer.errors).toBeUndefined();
  expect(control.counts()).toEqual({ 'POST /auth/client-token': 1, 'GET /things/alerts/count': 1 });
});

it('keeps the client secret and tokens out of logs', () => {
  expect(stack.logs.text).not.toContain(THINGSEE_DEMO_CREDENTIALS.client_secret);
  expect(stack.logs.text).not.toMatch(/eyJ[\w-]+\.eyJ/);
});
