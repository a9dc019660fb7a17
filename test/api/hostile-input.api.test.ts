import WebSocket from 'ws';
import { VendorsDocument } from '../generated/graphql';
import { errorCodes, gql, postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    vendors: ['iotaap'],
    env: { CALLER_POINTS_PER_MINUTE: '100000', WS_MAX_SUBSCRIPTIONS: '2', CORS_ORIGINS: 'https://app.example' },
  });
});
afterAll(disposeLeftovers);

/** Whatever came before, the server still answers a plain query. */
afterEach(async () => {
  const still = await gql(stack.url, VendorsDocument);
  expect(still.status).toBe(200);
});

const send = (query: string, variables?: Record<string, unknown>) => postRaw(stack.url, JSON.stringify({ query, variables }));

describe('hostile documents get a 4xx or a coded error, never a 5xx or a hang', () => {
  it('a depth bomb', async () => {
    const deep = `{ devices { edges { node { ${'... on IotaapDevice { group { devices { edges { node { '.repeat(4)}id${' } } } } }'.repeat(4)} } } } }`;
    const answer = await send(deep);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors![0]!.message).toMatch(/depth/i);
  });

  it('an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: vendors { vendor }`).join(' ');
    const answer = await send(`{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.message).toMatch(/alias/i);
  });

  it('a directive flood', async () => {
    const answer = await send(`{ vendors ${'@include(if: true) '.repeat(100)} { vendor } }`);
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.message).toMatch(/directive/i);
  });

  it('a token flood', async () => {
    const answer = await send(`{ vendors { vendor ${'__typename '.repeat(5000)} } }`);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('a query whose lists multiply past the cost limit, before any vendor call', async () => {
    stack.resetCounts();
    const answer = await send('{ groups(first: 100) { edges { node { members(first: 100) { edges { node { ... on IotaapDevice { groups { members(first: 100) { totalCount } } } } } } } } } }');
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.message).toMatch(/cost \d+ exceeds the limit/);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('batched arrays', async () => {
    const answer = await postRaw(stack.url, JSON.stringify([{ query: '{ vendors { vendor } }' }, { query: '{ vendors { vendor } }' }]));
    expect(answer.status).toBe(400);
  });

  it('a mutation over GET', async () => {
    const query = encodeURIComponent('mutation { deleteGroup(id: "x") }');
    const answer = await fetch(`${stack.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(answer.status).toBe(405);
  });

  it('path injection inside an id', async () => {
    stack.resetCounts();
    const id = Buffer.from('IOTAAP:IotaapDevice:..%2F..%2Fusers%2Fcurrent').toString('base64url');
    const answer = await send('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('variables of the wrong type', async () => {
    const answer = await send('query($n: Int) { devices(first: $n) { totalCount } }', { n: 'many' });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('browsers and sockets', () => {
  it('answers CORS preflights for allowed origins only', async () => {
    const allowed = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const refused = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a WebSocket upgrade from an origin outside the allowlist', async () => {
    const socket = new WebSocket(stack.wsUrl, 'graphql-transport-ws', { headers: { origin: 'https://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', (error) => resolve(error.message));
    });
    expect(outcome).toMatch(/403/);
  });

  it('refuses subscriptions past the per-connection cap', async () => {
    const client = wsClient(stack.wsUrl);
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      client.subscribe({ query: 'subscription { vendorStatusChanged { vendor } }' }, { next: () => undefined, error: (e) => results.push(JSON.stringify(e)), complete: () => undefined });
    }
    await waitFor('the third subscription to be refused', () => results.length >= 1);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatch(/at most 2/);
  });
});

describe('per-caller rate limits', () => {
  it('answer 429 with Retry-After once a caller spends its points', async () => {
    const limited = await startStack({ vendors: ['iotaap'], env: { CALLER_POINTS_PER_MINUTE: '30' } });
    let last = await gql(limited.url, VendorsDocument);
    for (let i = 0; i < 20 && last.status === 200; i++) last = await gql(limited.url, VendorsDocument);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorCodes(last)).toEqual(['RATE_LIMITED']);
  });
});

describe('overload', () => {
  it('sheds requests past the in-flight cap with 503 and Retry-After', async () => {
    const busy = await startStack({ vendors: ['iotaap'], env: { MAX_IN_FLIGHT: '1' }, faults: 'iotaap=latency:400' });
    const slow = postRaw(busy.url, JSON.stringify({ query: '{ devices(first: 1) { totalCount } }' }));
    await waitFor('the first request to be in flight', () => busy.upstream('iotaap') > 0);
    const shed = await gql(busy.url, VendorsDocument);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect((await slow).status).toBe(200);
  });
});
