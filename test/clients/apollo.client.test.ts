import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
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
import { waitFor } from '../helpers/wait-for';
import { operationsServed, seeded } from './client-fixtures';

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

  it('answers fields selected through interface fragments (possibleTypes)', async () => {
    const { data } = await client.query({ query: ClientNodeDocument, variables: { id: seeded.device.id } });
    expect(data!.node).toMatchObject({ __typename: 'IotaapDevice', id: seeded.device.id, name: seeded.device.name, group: { name: seeded.group.name } });

    const members = await client.query({ query: ClientGroupMembersDocument, variables: { id: seeded.group.id, first: 50 } });
    const names = members.data!.group!.members!.edges.map((edge) => ('name' in edge.node ? edge.node.name : undefined));
    expect(names).toHaveLength(seeded.group.size);
    expect(names).toContain(seeded.device.name);
  });

  it('without possibleTypes, the same query loses those fields: why the setup ships them', async () => {
    const bare = new ApolloClient({ link: new HttpLink({ uri: stack.url }), cache: new InMemoryCache() });
    leaveOver(() => bare.stop());
    const { data } = await bare.query({ query: ClientNodeDocument, variables: { id: seeded.device.id } });
    expect(data!.node).toMatchObject({ __typename: 'IotaapDevice', id: seeded.device.id, group: { name: seeded.group.name } });
    expect(data!.node).not.toHaveProperty('name');
  });

  it("a mutation's answer updates every watched query through the normalized cache, without a refetch", async () => {
    const watched = client.watchQuery({ query: ClientNodeDocument, variables: { id: seeded.spare.id } });
    const names: Array<string | null | undefined> = [];
    const watching = watched.subscribe(({ data, dataState }) => {
      if (dataState === 'complete' && data.node && 'name' in data.node) names.push(data.node.name);
    });
    await waitFor('the first answer', () => names.length === 1);
    const queries = await operationsServed(stack, 'query');

    // #region mutation
    await client.mutate({ mutation: ClientRenameDeviceDocument, variables: { id: seeded.spare.id, name: 'spare_main' } });
    // #endregion mutation
    await waitFor('the watched query to see the new name', () => names.at(-1) === 'spare_main');
    watching.unsubscribe();
    expect(names).toEqual([seeded.spare.name, 'spare_main']);
    expect(await operationsServed(stack, 'query')).toBe(queries);
  });

  it('receives a subscription over graphql-ws', async () => {
    // #region subscription
    const positions = client.subscribe({ query: ClientBoatPositionsDocument, variables: { sourceIds: [seeded.boat.id] } });
    const { data } = await firstValueFrom(positions.pipe(filter((result) => result.data !== undefined)));
    // #endregion subscription
    expect(['latitude', 'longitude']).toContain(data!.measurements.name);
    expect(typeof data!.measurements.value).toBe('number');
    expect(data!.measurements.source).toMatchObject({ id: seeded.boat.id, name: expect.any(String) });
  });
});
