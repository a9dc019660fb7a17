import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { send, TRANSPORTS } from '../helpers/transports';
import { waitFor } from '../helpers/wait-for';

/** Default settings: the adaptive limit sheds a burst; every transport feeds the duration histogram. */
afterAll(disposeLeftovers);

const metricsOf = async (origin: string) => (await fetch(`${origin}/metrics`)).text();
const sample = (text: string, name: string, labels: string) => Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

describe('overload with default settings', () => {
  it('refuses the part of a burst past the adaptive limit at once: 503 + Retry-After, counted', async () => {
    const stack = await startStack({ vendors: ['iotaap'], faults: 'iotaap=latency:1500' });
    const burst = 120;
    const answers = await Promise.all(
      Array.from({ length: burst }, () =>
        fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ devices(first: 1) { totalCount } }' }) }),
      ),
    );
    const shed = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    // The limit starts at 50 and only grows once samples come back; none did during the burst.
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(60);
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
