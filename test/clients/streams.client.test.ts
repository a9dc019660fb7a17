import { print } from 'graphql';
import { createTributarySseClient } from '../../examples/clients/graphql-sse.client';
import { createTributaryWsClient } from '../../examples/clients/graphql-ws.client';
import { ClientBoatPositionsDocument, type ClientBoatPositionsSubscription } from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { seeded } from './client-fixtures';

/** The two streaming clients on their own, set up as docs/clients.md shows, on live boats. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi'], live: true });
});
afterAll(disposeLeftovers);

type Positions = AsyncIterableIterator<{ data?: ClientBoatPositionsSubscription | null; errors?: ReadonlyArray<unknown> }>;

/** The first event of a subscription; leaving the loop ends the subscription. */
async function firstEvent(events: Positions) {
  for await (const event of events) return event;
  throw new Error('the subscription completed without an event');
}

describe('streaming clients', () => {
  it('graphql-ws: live positions of a boat', async () => {
    const client = createTributaryWsClient(stack.wsUrl);
    leaveOver(() => client.dispose());
    // #region graphql-ws
    const positions = client.iterate<ClientBoatPositionsSubscription>({
      query: print(ClientBoatPositionsDocument),
      variables: { sourceIds: [seeded.boat.id] },
    });
    // #endregion graphql-ws
    const event = await firstEvent(positions);
    expect(event.errors).toBeUndefined();
    expect(event.data!.measurements).toMatchObject({ source: { id: seeded.boat.id, name: expect.any(String) } });
    expect(['latitude', 'longitude']).toContain(event.data!.measurements.name);
  });

  it('graphql-sse: the same subscription over Server-Sent Events at /graphql/stream', async () => {
    const client = createTributarySseClient(stack.origin);
    leaveOver(() => client.dispose());
    // #region graphql-sse
    const positions = client.iterate<ClientBoatPositionsSubscription>({
      query: print(ClientBoatPositionsDocument),
      variables: { sourceIds: [seeded.boat.id] },
    });
    // #endregion graphql-sse
    const event = await firstEvent(positions);
    expect(event.errors).toBeUndefined();
    expect(event.data!.measurements).toMatchObject({ source: { id: seeded.boat.id } });
    expect(typeof event.data!.measurements.value).toBe('number');
  });
});
