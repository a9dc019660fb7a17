import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { encodeId } from '../../src/core/ids';
import { createTributaryApolloClient } from '../../examples/clients/apollo.client';
import {
  ClientBoatPositionsDocument,
  ClientDevicePageDocument,
  ClientGroupMembersDocument,
  ClientNodeDocument,
  ClientRenameDeviceDocument,
  type ClientDevicePageQuery,
} from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { operationsServed } from './gateway-counts';

/**
 * Apollo Client 4 against the live stack, set up exactly as docs/clients.md tells users
 * (examples/clients/apollo.client.ts): nothing else added.
 */
let stack: Stack;
let client: ApolloClient;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi', 'iotaap'], live: true });
  client = createTributaryApolloClient({ url: stack.url, wsUrl: stack.wsUrl });
  leaveOver(() => client.stop());
});
afterAll(disposeLeftovers);

const iotaapDevice = (nativeId: string) => encodeId('IOTAAP', 'IotaapDevice', nativeId);

describe('Apollo Client 4 with the documented setup', () => {
  it('walks a merged list to its end with fetchMore', async () => {
    const queriesBefore = await operationsServed(stack, 'query');
    // #region fetch-more
    type Devices = ClientDevicePageQuery['devices'];
    const list = client.watchQuery({ query: ClientDevicePageDocument, variables: { first: 20 } });
    let lastPage: (devices: Devices) => void = () => undefined;
    const whole = new Promise<Devices>((resolve) => (lastPage = resolve));
    const watching = list.subscribe(({ data, dataState, loading }) => {
      if (loading || dataState !== 'complete') return;
      // relayStylePagination has appended every page so far to the list this query watches.
      const { hasNextPage, endCursor } = data.devices.pageInfo;
      if (hasNextPage) void list.fetchMore({ variables: { after: endCursor } });
      else lastPage(data.devices);
    });
    const devices = await whole;
    // Not from inside the callback: Apollo may be delivering it while it subscribes.
    watching.unsubscribe();
    // #endregion fetch-more
    const ids = devices.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(devices.totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(devices.edges.map((edge) => edge.node.vendor))).toEqual(new Set(['IGTIMI', 'IOTAAP']));
    // One request per page: 55 devices in pages of 20.
    expect((await operationsServed(stack, 'query')) - queriesBefore).toBe(Math.ceil(devices.totalCount / 20));
  });
});
