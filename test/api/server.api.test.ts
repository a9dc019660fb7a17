import { DevicesWithGroupDocument, DeviceTokenDocument, DevicesDocument } from '../generated/graphql';
import { iotaapSeedSecrets, createIotaapSeed, IOTAAP_DEMO_CREDENTIALS } from '../../src/simulators/iotaap/iotaap.seed';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);

describe('the HTTP surface', () => {
  it('/healthz and /readyz with per-vendor state', async () => {
    expect(await (await fetch(`${stack.origin}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.origin}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; vendors: Array<{ vendor: string; state: string }> };
    expect(body.status).toBe('ready');
    expect(body.vendors.find((v) => v.vendor === 'IOTAAP')).toMatchObject({ state: 'OK' });
  });

  it('/metrics counts upstream calls per vendor, operation and status', async () => {
    await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
    const text = await (await fetch(`${stack.origin}/metrics`)).text();
    expect(text).toMatch(/tributary_vendor_requests_total\{vendor="IOTAAP",operation="devices.list",status="200"\} \d+/);
    expect(text).toContain('tributary_vendor_request_duration_seconds_bucket');
    expect(text).toMatch(/tributary_graphql_requests_total\{operation_type="query",status="ok"\} \d+/);
    expect(text).toContain('tributary_subscriptions_active');
    expect(text).toContain('tributary_pollers_active');
  });

  it('answers GET queries (no CSRF preflight header needed: see test/api/csrf.api.test.ts) as application/graphql-response+json', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('{ vendors { vendor } }')}`;
    const answer = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/graphql-response+json');
  });

  it('serves Apollo Sandbox to a browser', async () => {
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
  });

  it('logs one line per operation with its duration and upstream calls, and no secrets', async () => {
    stack.logs.lines.length = 0;
    const answer = await gql(stack.url, DevicesWithGroupDocument, { first: 50, filter: { vendors: ['IOTAAP'] } });
    const device = answer.data!.devices.edges[0]!.node;
    await gql(stack.url, DeviceTokenDocument, { id: device.id });
    const lines = stack.logs.entries().filter((e) => e.msg === 'graphql operation');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ operationName: 'DevicesWithGroup', operationType: 'query', upstream: { IOTAAP: 2 } });
    expect(typeof lines[0]!.durationMs).toBe('number');
    const everything = stack.logs.text;
    for (const secret of [...iotaapSeedSecrets(createIotaapSeed()), IOTAAP_DEMO_CREDENTIALS.password]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('shows a device token only on its explicit field', async () => {
    const list = await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
    const node = list.data!.devices.edges[0]!.node;
    expect(JSON.stringify(node.raw)).toContain('[REDACTED]');
    const token = await gql(stack.url, DeviceTokenDocument, { id: node.id });
    const device = token.data!.device!;
    expect('token' in device && device.token).toMatch(/^[A-Za-z0-9]{12}$/);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const answer = await fetch(`${stack.origin}/nope`);
    expect(answer.status).toBe(404);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new ones', async () => {
    const slow = await startStack({ faults: 'iotaap=latency:300' });
    const inFlight = gql(slow.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
    await waitFor('the request to reach the vendor', () => slow.upstream('iotaap') > 0);
    const stopping = slow.server.stop();
    const answer = await inFlight;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.devices.edges).toHaveLength(1);
    await stopping;
    await expect(fetch(`${slow.origin}/healthz`)).rejects.toThrow();
  });
});
