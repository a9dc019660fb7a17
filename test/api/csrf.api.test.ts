import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/** The GET/CSRF rule (src/server/csrf.ts), the same on `/graphql` and `/graphql/stream`. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['iotaap'] });
});
afterAll(disposeLeftovers);

const paths = () => ({ '/graphql': stack.url, '/graphql/stream': `${stack.origin}/graphql/stream` });

describe('CSRF: GET queries pass without a preflight header, simple POSTs never', () => {
  it('answers an urql-style GET query (no preflight header, no content-type)', async () => {
    const query = encodeURIComponent('{ vendors { vendor } }');
    const answer = await fetch(`${stack.url}?query=${query}`, { headers: { accept: 'application/graphql-response+json, application/json' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ data: { vendors: expect.arrayContaining([{ vendor: 'IOTAAP' }]) } });
  });

  it('answers an EventSource-style GET query on /graphql/stream', async () => {
    const query = encodeURIComponent('{ vendors { vendor } }');
    const answer = await fetch(`${stack.origin}/graphql/stream?query=${query}`, { headers: { accept: 'text/event-stream' } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/"vendor":"IOTAAP"/);
  });

  it.each(['/graphql', '/graphql/stream'] as const)('refuses a mutation over GET on %s', async (path) => {
    const query = encodeURIComponent('mutation { deleteGroup(id: "x") }');
    const answer = await fetch(`${paths()[path]}?query=${query}`, { headers: { accept: path === '/graphql' ? 'application/json' : 'text/event-stream' } });
    expect(answer.status).toBe(405);
  });

  it.each([
    ['/graphql', 'text/plain'],
    ['/graphql/stream', 'text/plain'],
    ['/graphql', 'application/x-www-form-urlencoded'],
    ['/graphql/stream', 'multipart/form-data; boundary=x'],
    ['/graphql', ''],
    ['/graphql/stream', ''],
  ] as const)('refuses a simple POST on %s (content-type %j) before running anything', async (path, contentType) => {
    stack.resetCounts();
    const body = JSON.stringify({ query: 'mutation { createGroup(input: { vendor: IOTAAP, name: "csrf" }) { id } }' });
    const answer = await fetch(paths()[path], {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      // A Blob without a type sends no content-type at all.
      body: contentType ? body : new Blob([body]),
    });
    expect(answer.status).toBe(400);
    const json = (await answer.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(json.errors[0]!.message).toMatch(/CSRF/);
    expect(stack.upstream('iotaap')).toBe(0);
  });
});
