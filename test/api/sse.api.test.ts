import { createClient } from 'graphql-sse';
import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

describe('Server-Sent Events at /graphql/stream', () => {
  it('answers queries and pushes subscription events', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { VENDOR_STALE_IF_ERROR_MS: '0' } });
    const client = createClient({ url: `${stack.origin}/graphql/stream`, retryAttempts: 0 });
    leaveOver(() => client.dispose());

    const query = await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: '{ vendors { vendor state } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(query).toMatchObject({ data: { vendors: expect.arrayContaining([{ vendor: 'IOTAAP', state: 'OK' }]) } });

    const events: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: 'subscription { vendorStatusChanged { vendor state } }' },
      { next: (event) => events.push(event), error: () => undefined, complete: () => undefined },
    );
    leaveOver(unsubscribe);
    // Until the stream is open nothing can tell it an event happened: cause outages (and
    // recoveries) until one arrives, each a real state change.
    const control = stack.simulators.controls.iotaap!;
    await waitFor('an event over SSE', async () => {
      control.setFaults({ down: true });
      await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
      control.clearFaults();
      await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
      return events.length > 0;
    });
    expect(events[0]).toMatchObject({ data: { vendorStatusChanged: { vendor: 'IOTAAP', state: 'DEGRADED' } } });
  });

  it('applies the same limits as the other transports', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    const client = createClient({ url: `${stack.origin}/graphql/stream`, retryAttempts: 0 });
    leaveOver(() => client.dispose());
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: vendors { vendor }`).join(' ');
    const result = await new Promise<unknown>((resolve) => client.subscribe({ query: `{ ${aliases} }` }, { next: resolve, error: resolve, complete: () => undefined }));
    // Refused with the same HTTP status as /graphql (test/api/transport-parity.api.test.ts).
    const { response } = result as { response: Response };
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/alias/i);
  });

  it('serves single connection mode (a reservation) through the same admission', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    const client = createClient({ url: `${stack.origin}/graphql/stream`, singleConnection: true, retryAttempts: 0 });
    leaveOver(() => client.dispose());
    const query = await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: '{ vendors { vendor } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(query).toMatchObject({ data: { vendors: expect.arrayContaining([{ vendor: 'IOTAAP' }]) } });
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: __typename`).join(' ');
    const refused = await new Promise<unknown>((resolve) => client.subscribe({ query: `{ ${aliases} }` }, { next: resolve, error: resolve, complete: () => undefined }));
    // The same status as /graphql (the client aborts the body once it has the status).
    expect((refused as { response: Response }).response.status).toBe(400);
  });
});
