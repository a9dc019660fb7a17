import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { send, TRANSPORTS, type Operation, type SendOptions, type TransportName } from '../helpers/transports';
import { waitFor } from '../helpers/wait-for';

/**
 * Every hostile case against every transport (HTTP POST, HTTP GET, graphql-ws, SSE): the same
 * error code everywhere, and the same HTTP status wherever HTTP applies (a WebSocket's
 * refusals that have one: the upgrade's 403, close 4403 = 401, close 1009 = 413).
 */
afterAll(disposeLeftovers);

interface HostileCase {
  name: string;
  operation: Operation;
  options?: SendOptions;
  status: number;
  code: string;
  message?: RegExp;
  /** The status a WebSocket shows, when its refusal has one. @default null */
  wsStatus?: number | null;
  /**
   * @default all four. A GET's URL stops at Node's header limit (16 KiB, a 431) before a
   * long document reaches admission; a simple POST is an HTTP matter.
   */
  transports?: readonly TransportName[];
}

const BODY_LIMIT = 64 * 1024;
const BODY_TRANSPORTS: readonly TransportName[] = ['POST', 'WS', 'SSE'];
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;

const cases: HostileCase[] = [
  {
    name: 'an oversize body or frame',
    operation: { query: '{ vendors { vendor } }', variables: { pad: 'x'.repeat(BODY_LIMIT + 1) } },
    status: 413,
    code: 'BAD_REQUEST',
    wsStatus: 413,
    transports: BODY_TRANSPORTS,
  },
  {
    name: 'a depth bomb',
    operation: { query: `{ devices { edges { node { ${'... on IotaapDevice { group { devices { edges { node { '.repeat(4)}id${' } } } } }'.repeat(4)} } } } }` },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /depth/i,
  },
  { name: '900 aliases of __typename', operation: { query: aliases(900) }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /alias/i, transports: BODY_TRANSPORTS },
  { name: '100 aliases of __typename', operation: { query: aliases(100) }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /alias/i },
  { name: 'a directive flood', operation: { query: `{ vendors ${'@include(if: true) '.repeat(100)} { vendor } }` }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /directive/i },
  {
    name: 'a token flood',
    operation: { query: `{ vendors { vendor ${'__typename '.repeat(3100)} } }` },
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
    transports: BODY_TRANSPORTS,
  },
  {
    name: 'lists that multiply past the cost limit',
    operation: { query: '{ groups(first: 100) { edges { node { members(first: 100) { edges { node { ... on IotaapDevice { groups { members(first: 100) { totalCount } } } } } } } } } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /cost \d+ exceeds the limit/,
  },
  { name: 'introspection in production', operation: { query: '{ __schema { types { name } } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /introspection/i },
  { name: 'a typo (no "Did you mean" in production)', operation: { query: '{ vendorz { vendor } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^Cannot query field "vendorz" on type "Query"\.$/ },
  {
    name: 'an unknown operationName',
    operation: { query: 'query A { vendors { vendor } }', operationName: 'B' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Unknown operation named "B"/,
  },
  { name: 'an origin outside CORS_ORIGINS', operation: { query: '{ vendors { vendor } }' }, options: { origin: 'https://evil.example' }, status: 403, code: 'FORBIDDEN', message: /CORS_ORIGINS/, wsStatus: 403 },
  {
    name: 'a simple (CSRF) POST',
    operation: { query: '{ vendors { vendor } }' },
    options: { contentType: 'text/plain' },
    status: 400,
    code: 'BAD_REQUEST',
    message: /CSRF/,
    transports: ['POST', 'SSE'],
  },
];

describe('hostile cases answer alike on every transport', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      vendors: ['iotaap'],
      env: { NODE_ENV: 'production', HOST: '127.0.0.1', GATEWAY_ALLOW_ANONYMOUS: 'true', BODY_LIMIT_BYTES: String(BODY_LIMIT), CORS_ORIGINS: 'https://app.example' },
    });
  });

  const table = cases.flatMap((c) => (c.transports ?? TRANSPORTS).map((transport) => [c.name, transport, c] as const));
  it.each(table)('%s over %s', async (_name, transport, hostile) => {
    stack.resetCounts();
    const outcome = await send(transport, stack.origin, hostile.operation, hostile.options);
    expect(outcome.code).toBe(hostile.code);
    expect(outcome.status).toBe(transport === 'WS' ? (hostile.wsStatus ?? null) : hostile.status);
    if (hostile.message) expect(outcome.message).toMatch(hostile.message);
    expect(outcome.message).not.toMatch(/Did you mean/);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('logs no stack for any of them', () => {
    const errors = stack.logs.entries().filter((entry) => Number(entry.level) >= 50);
    expect(errors).toEqual([]);
  });

  it('counts every refusal by transport and reason', async () => {
    const text = await (await fetch(`${stack.origin}/metrics`)).text();
    for (const transport of ['http', 'ws', 'sse']) {
      for (const reason of ['validation', 'parse', 'operation', 'cost', 'origin']) {
        expect(text).toMatch(new RegExp(`tributary_requests_refused_total\\{transport="${transport}",reason="${reason}"\\} [1-9]`));
      }
    }
    expect(text).toMatch(/tributary_requests_refused_total\{transport="sse",reason="csrf"\} [1-9]/);
    expect(text).toMatch(/tributary_requests_refused_total\{transport="ws",reason="size"\} [1-9]/);
  });

  it.each(['POST', 'GET'] as const)('answers a subscription over plain %s with 400 naming both streaming endpoints', async (transport) => {
    const outcome = await send(transport, stack.origin, { query: 'subscription { vendorStatusChanged { vendor } }' });
    expect(outcome.status).toBe(400);
    expect(outcome.code).toBe('BAD_REQUEST');
    expect(outcome.message).toContain(`ws://${stack.origin.replace('http://', '')}/graphql`);
    expect(outcome.message).toContain('/graphql/stream');
  });

  it.each(TRANSPORTS)('still answers a plain query over %s', async (transport) => {
    const outcome = await send(transport, stack.origin, { query: '{ vendors { vendor } }' });
    expect(outcome.code).toBeNull();
    expect(outcome.data).toMatchObject({ vendors: expect.arrayContaining([{ vendor: 'IOTAAP' }]) });
  });
});

describe('callers and budgets answer alike on every transport', () => {
  let stack: Stack;
  const keys: Record<TransportName, string> = { POST: 'key-post', GET: 'key-get', WS: 'key-ws', SSE: 'key-sse' };
  beforeAll(async () => {
    stack = await startStack({
      vendors: ['iotaap'],
      env: { GATEWAY_API_KEYS: Object.values(keys).join(','), GATEWAY_ALLOW_ANONYMOUS: 'false', CALLER_POINTS_PER_MINUTE: '10' },
    });
  });

  it.each(TRANSPORTS)('refuses a caller without a key over %s: 401 UNAUTHENTICATED (WS: close 4403)', async (transport) => {
    const outcome = await send(transport, stack.origin, { query: '{ vendors { vendor } }' });
    expect(outcome).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it.each(TRANSPORTS)('refuses an operation over the caller budget over %s: RATE_LIMITED (HTTP 429)', async (transport) => {
    stack.resetCounts();
    const outcome = await send(transport, stack.origin, { query: '{ devices(first: 50) { edges { node { id name } } } }' }, { headers: { 'x-api-key': keys[transport] } });
    expect(outcome.code).toBe('RATE_LIMITED');
    expect(outcome.status).toBe(transport === 'WS' ? null : 429);
    expect(stack.upstream('iotaap')).toBe(0);
  });
});

describe('shedding answers alike on every transport', () => {
  it('gives the excess 503 SERVICE_UNAVAILABLE (WS: the same code) and counts it', async () => {
    const busy = await startStack({ vendors: ['iotaap'], env: { MAX_IN_FLIGHT: '1' }, faults: 'iotaap=latency:3000' });
    const slow = send('POST', busy.origin, { query: '{ devices(first: 1) { totalCount } }' });
    await waitFor('the first request to be in flight', () => busy.upstream('iotaap') > 0);
    const outcomes = await Promise.all(TRANSPORTS.map((transport) => send(transport, busy.origin, { query: '{ vendors { vendor } }' })));
    for (const [index, outcome] of outcomes.entries()) {
      expect(outcome.code).toBe('SERVICE_UNAVAILABLE');
      expect(outcome.status).toBe(TRANSPORTS[index] === 'WS' ? null : 503);
    }
    expect((await slow).code).toBeNull();
    const text = await (await fetch(`${busy.origin}/metrics`)).text();
    for (const transport of ['http', 'ws', 'sse']) {
      expect(text).toMatch(new RegExp(`tributary_requests_refused_total\\{transport="${transport}",reason="shed_concurrency"\\} [1-9]`));
    }
  });
});
