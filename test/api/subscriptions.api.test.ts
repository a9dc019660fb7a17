import { DevicesDocument, VendorStatusChangedDocument, VendorsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { VENDOR_RETRIES: '0' } });
});
afterAll(disposeLeftovers);

describe('graphql-ws on /graphql', () => {
  it('answers queries over the socket too', async () => {
    const client = wsClient(stack.wsUrl);
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: '{ vendors { vendor state } }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result).toMatchObject({ data: { vendors: expect.arrayContaining([{ vendor: 'IOTAAP', state: 'OK' }]) } });
  });

  it('pushes vendorStatusChanged when a vendor fails and when it recovers', async () => {
    const client = wsClient(stack.wsUrl);
    const events = subscribe(client, VendorStatusChangedDocument);
    const { subscriptionsActive } = stack.server.services.metrics;
    await waitFor('the subscription to reach the server', async () => ((await subscriptionsActive.get()).values[0]?.value ?? 0) >= 1);

    stack.simulators.controls.iotaap!.setFaults({ down: true });
    const failed = await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
    expect(failed.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'IOTAAP' });
    expect((await events.next()).data!.vendorStatusChanged).toMatchObject({ vendor: 'IOTAAP', state: 'DEGRADED', lastErrorCode: 'VENDOR_UNAVAILABLE' });

    stack.simulators.controls.iotaap!.clearFaults();
    const recovered = await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });
    expect(recovered.errors).toBeUndefined();
    expect((await events.next()).data!.vendorStatusChanged).toMatchObject({ vendor: 'IOTAAP', state: 'OK' });
    const status = await gql(stack.url, VendorsDocument);
    expect(status.data!.vendors.find((v) => v.vendor === 'IOTAAP')).toMatchObject({ state: 'OK', circuit: 'CLOSED', configured: true });
    await events.close();
  });

  it('refuses a live subscription on ids that do not decode, and keeps serving', async () => {
    const client = wsClient(stack.wsUrl);
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { measurements(sourceIds: ["nope"]) { name } }' },
        { next: resolve, error: resolve, complete: () => undefined },
      );
    });
    expect(JSON.stringify(result)).toContain('BAD_USER_INPUT');
    const still = await gql(stack.url, VendorsDocument);
    expect(still.data!.vendors).toHaveLength(5);
  });
});
