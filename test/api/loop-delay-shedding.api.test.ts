import { disposeLeftovers } from '../helpers/leftovers';
import { holdOneRead } from '../helpers/held-read';
import { startStack } from '../helpers/stack';
import { send, TRANSPORTS } from '../helpers/transports';

/**
 * Shedding on event-loop delay (SHED_EVENT_LOOP_DELAY_MS): the delay signal is driven by the
 * test, so a loaded machine neither sheds nor fails to shed at random. Every transport refuses
 * with 503 + Retry-After (graphql-ws: an `error` message with the same code), counted. The
 * delay counts only while some operation is in flight (an idle gateway's lateness is not its
 * operations' doing), so a slow read stays in flight throughout.
 */
afterAll(disposeLeftovers);

const QUERY = { query: '{ vendors { vendor } }' };
const refusedCount = (text: string, transport: string) =>
  Number(new RegExp(`^tributary_requests_refused_total\\{transport="${transport}",reason="shed_event_loop"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

describe('shedding on event-loop delay', () => {
  it('refuses every transport while the loop runs late, and serves again once it does not', async () => {
    let delayMs = 0;
    const stack = await startStack({ vendors: ['iotaap'], env: { SHED_EVENT_LOOP_DELAY_MS: '50' }, loopDelay: { recentMs: () => delayMs, stop: () => undefined } });
    for (const transport of TRANSPORTS) expect((await send(transport, stack.origin, QUERY)).code).toBeNull();
    const held = holdOneRead(stack);
    await held.reachedVendor;

    delayMs = 80;
    for (const transport of TRANSPORTS) {
      const outcome = await send(transport, stack.origin, QUERY);
      expect({ transport, code: outcome.code, status: outcome.status }).toEqual({ transport, code: 'SERVICE_UNAVAILABLE', status: transport === 'WS' ? null : 503 });
    }
    const post = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(QUERY) });
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).toBe('1');
    const stream = await fetch(`${stack.origin}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify(QUERY) });
    expect(stream.status).toBe(503);
    expect(stream.headers.get('retry-after')).toBe('1');

    const text = await (await fetch(`${stack.origin}/metrics`)).text();
    // POST, GET and the raw POST above over HTTP; the SSE transport twice; graphql-ws once.
    expect({ http: refusedCount(text, 'http'), sse: refusedCount(text, 'sse'), ws: refusedCount(text, 'ws') }).toEqual({ http: 3, sse: 2, ws: 1 });
    expect(text).toMatch(/^tributary_event_loop_lag_seconds 0\.08$/m);

    delayMs = 10;
    for (const transport of TRANSPORTS) expect((await send(transport, stack.origin, QUERY)).code).toBeNull();
    expect(await held.answer).toMatchObject({ data: { devices: { totalCount: expect.any(Number) } } });
  });

  it('admits a request into an idle gateway however late its loop runs (start-up work, a GC)', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { SHED_EVENT_LOOP_DELAY_MS: '50' }, loopDelay: { recentMs: () => 500, stop: () => undefined } });
    for (const transport of TRANSPORTS) expect((await send(transport, stack.origin, QUERY)).code).toBeNull();
  });
});
