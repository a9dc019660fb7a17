import { holdOneRead } from '../helpers/held-read';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { wsClient } from '../helpers/subscribe';
import { send, TRANSPORTS } from '../helpers/transports';
import { waitFor } from '../helpers/wait-for';

/** Default settings: the adaptive limit sheds a burst; every transport feeds the duration histogram. */
afterAll(disposeLeftovers);

const metricsOf = async (origin: string) => (await fetch(`${origin}/metrics`)).text();
const sample = (text: string, name: string, labels: string) => Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
/** The sum of every series of a metric whose labels match. */
const total = (text: string, name: string, labels = '[^}]*') =>
  [...text.matchAll(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
const refusedBy = (text: string) =>
  Object.fromEntries([...text.matchAll(/^tributary_requests_refused_total\{transport="(\w+)",reason="(\w+)"\} (\d+)/gm)].map(([, transport, reason, n]) => [`${transport} ${reason}`, Number(n)]));

describe('overload with default settings', () => {
  it('refuses the part of a burst past the adaptive limit at once: 503 + Retry-After, counted', async () => {
    const stack = await startStack({ vendors: ['iotaap'], faults: 'iotaap=latency:1500' });
    const burst = 200;
    const answers = await Promise.all(
      Array.from({ length: burst }, () =>
        fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ devices(first: 1) { totalCount } }' }) }),
      ),
    );
    const shed = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    // The limit starts at 100 (ADAPTIVE_LIMIT_DEFAULTS) and moves only once samples come back;
    // none can during the burst (each read takes 1.5 s).
    expect(served.length).toBe(100);
    expect(shed.length + served.length).toBe(burst);
    expect(shed.every((a) => a.headers.get('retry-after') === '1')).toBe(true);
    for (const answer of served) expect(await answer.json()).toMatchObject({ data: { devices: { totalCount: expect.any(Number) } } });
    const text = await metricsOf(stack.origin);
    expect(sample(text, 'tributary_requests_refused_total', 'transport="http",reason="shed_concurrency"')).toBe(shed.length);
    expect(text).toMatch(/^tributary_concurrency_limit \d+/m);
  });
});

describe('tributary_graphql_request_duration_seconds', () => {
  it('observes operations on every transport, with names bounded by METRICS_OPERATION_NAMES', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { METRICS_OPERATION_NAMES: '2' } });
    for (const transport of TRANSPORTS) {
      expect((await send(transport, stack.origin, { query: 'query First { vendors { vendor } }' })).code).toBeNull();
    }
    await send('POST', stack.origin, { query: 'query Second { vendors { vendor } }' });
    await send('POST', stack.origin, { query: 'query Third { vendors { vendor } }' });
    await send('WS', stack.origin, { query: 'query Fourth { vendors { vendor } }' });
    await send('POST', stack.origin, { query: 'query First { nope }' });
    await waitFor('the WebSocket operation to be observed', async () => sample(await metricsOf(stack.origin), 'tributary_graphql_request_duration_seconds_count', 'operation="other",type="query",outcome="ok"') === 2);
    const text = await metricsOf(stack.origin);
    const count = (labels: string) => sample(text, 'tributary_graphql_request_duration_seconds_count', labels);
    expect(count('operation="First",type="query",outcome="ok"')).toBe(4);
    expect(count('operation="Second",type="query",outcome="ok"')).toBe(1);
    expect(count('operation="other",type="query",outcome="ok"')).toBe(2);
    expect(count('operation="\\(anonymous\\)",type="unknown",outcome="refused"')).toBe(1);
  });
});

describe('every refusal in the metrics', () => {
  it('counts shedding, the per-connection cap, SSE refusals and draining by transport and reason, each observed as a refused operation', async () => {
    let delayMs = 0;
    const stack = await startStack({
      vendors: ['iotaap'],
      env: { SHED_EVENT_LOOP_DELAY_MS: '50', WS_MAX_SUBSCRIPTIONS: '1', DRAIN_GRACE_MS: '8000' },
      loopDelay: { recentMs: () => delayMs, stop: () => undefined },
    });
    const QUERY = { query: '{ vendors { vendor } }' };

    // The per-connection cap of graphql-ws.
    const client = wsClient(stack.wsUrl);
    const errors: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      client.subscribe({ query: 'subscription { vendorStatusChanged { vendor } }' }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined });
    }
    await waitFor('the second subscription to be refused', () => errors.length === 1);
    // SSE refusals: a document that does not validate, one too large.
    expect((await send('SSE', stack.origin, { query: '{ nope }' })).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await send('SSE', stack.origin, QUERY, { rawBody: JSON.stringify({ query: `{ vendors { vendor } } #${'x'.repeat(stack.config.bodyLimitBytes)}` }) })).status).toBe(413);
    // Shedding on every transport (the delay counts while an operation is in flight).
    const held = holdOneRead(stack);
    await held.reachedVendor;
    delayMs = 80;
    for (const transport of TRANSPORTS) expect((await send(transport, stack.origin, QUERY)).code).toBe('SERVICE_UNAVAILABLE');
    delayMs = 0;
    await held.answer;
    // Draining: the listener stays open for the grace (long enough for what follows), new operations get 503 on every transport.
    const stopped = stack.server.stop();
    await waitFor('the drain to refuse', async () => (await fetch(`${stack.origin}/readyz`)).status === 503);
    for (const transport of TRANSPORTS) expect((await send(transport, stack.origin, QUERY)).status).toBe(503);
    // A WebSocket still open during the grace starts nothing new either.
    const refusedOnOpenSocket = await new Promise<unknown>((resolve) => client.subscribe(QUERY, { next: resolve, error: resolve, complete: () => undefined }));
    expect(JSON.stringify(refusedOnOpenSocket)).toContain('SERVICE_UNAVAILABLE');

    const text = await metricsOf(stack.origin);
    expect(refusedBy(text)).toEqual({
      'ws operations_per_connection': 1,
      'sse validation': 1,
      'sse size': 1,
      'http shed_event_loop': 2,
      'ws shed_event_loop': 1,
      'sse shed_event_loop': 1,
      'http draining': 2,
      'sse draining': 1,
      'ws draining': 2,
    });
    // Each one also in the duration histogram, as a refused operation.
    expect(total(text, 'tributary_graphql_request_duration_seconds_count', '[^}]*outcome="refused"')).toBe(total(text, 'tributary_requests_refused_total'));
    expect(total(text, 'tributary_requests_refused_total')).toBe(12);
    await stopped;
  });
});
