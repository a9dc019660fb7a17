import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { send, TRANSPORTS } from '../helpers/transports';

/** One origin rule (src/server/cors.ts) for HTTP, SSE and WebSocket upgrades. */
afterAll(disposeLeftovers);

const QUERY = { query: '{ vendors { vendor } }' };
const preflight = (url: string, origin: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

describe('in demo mode, local development origins are allowed', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ vendors: ['iotaap'] });
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080'])('answers %s on every transport', async (origin) => {
    for (const path of ['/graphql', '/graphql/stream']) {
      const answer = await preflight(`${stack.origin}${path}`, origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const transport of TRANSPORTS) {
      const outcome = await send(transport, stack.origin, QUERY, { origin });
      expect(outcome.code).toBeNull();
      expect(outcome.data).toMatchObject({ vendors: expect.arrayContaining([{ vendor: 'IOTAAP' }]) });
    }
  });

  it('refuses any other origin on every transport, naming CORS_ORIGINS', async () => {
    const origin = 'https://evil.example';
    for (const path of ['/graphql', '/graphql/stream']) {
      const answer = await preflight(`${stack.origin}${path}`, origin);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(await answer.text()).toMatch(/CORS_ORIGINS/);
    }
    for (const transport of TRANSPORTS) {
      const outcome = await send(transport, stack.origin, QUERY, { origin });
      expect(outcome).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/CORS_ORIGINS/) });
    }
  });
});

describe('outside demo mode, CORS_ORIGINS rules', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ vendors: ['iotaap'], env: { DEMO: 'false', CORS_ORIGINS: 'https://app.example' } });
  });

  it('answers a listed origin and the gateway\'s own origin on every transport', async () => {
    for (const origin of ['https://app.example', stack.origin]) {
      for (const transport of TRANSPORTS) {
        const outcome = await send(transport, stack.origin, QUERY, { origin });
        expect(outcome.code).toBeNull();
      }
    }
  });

  it('refuses a local development origin on every transport', async () => {
    const origin = 'http://localhost:5173';
    expect((await preflight(stack.url, origin)).status).toBe(403);
    for (const transport of TRANSPORTS) {
      const outcome = await send(transport, stack.origin, QUERY, { origin });
      expect(outcome).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
  });
});
