import { createClient } from 'graphql-sse';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * SSE streams end cleanly on drain: open graphql-sse subscriptions, in both of its modes, see
 * `complete` (and no error) when the server stops, rather than a stream cut at the drain timeout,
 * which the client would report as a failed connection.
 */
afterAll(disposeLeftovers);

const SUBSCRIPTION = { query: 'subscription { vendorStatusChanged { vendor } }' };

interface Ends {
  completed: number;
  errors: unknown[];
}

describe.each([
  { mode: 'distinct connections', singleConnection: false },
  { mode: 'single connection', singleConnection: true },
])('draining graphql-sse streams ($mode)', ({ singleConnection }) => {
  it('completes every open subscription when the server stops', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    let connected = 0;
    const client = createClient({
      url: `${stack.origin}/graphql/stream`,
      singleConnection,
      retryAttempts: 0,
      on: { connected: () => (connected += 1) },
    });
    leaveOver(() => client.dispose());
    const ends: Ends = { completed: 0, errors: [] };
    for (let i = 0; i < 2; i += 1) {
      client.subscribe(SUBSCRIPTION, { next: () => undefined, error: (error) => ends.errors.push(error), complete: () => (ends.completed += 1) });
    }
    await waitFor('the streams to be open', () => connected >= (singleConnection ? 1 : 2));
    // Each subscription is observed in the duration histogram once it is set up.
    await waitFor('both subscriptions to be running', async () => /^tributary_graphql_request_duration_seconds_count\{[^}]*type="subscription",outcome="ok"\} 2$/m.test(await (await fetch(`${stack.origin}/metrics`)).text()));

    await stack.server.stop();
    await waitFor('both subscriptions to complete', () => ends.completed + ends.errors.length === 2);
    expect(ends).toEqual({ completed: 2, errors: [] });
  });
});
