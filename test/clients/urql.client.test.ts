import type { Client, OperationResult } from '@urql/core';
import { createTributaryGraphcacheClient, createTributaryUrqlClient } from '../../examples/clients/urql.client';
import { createTributaryWsClient } from '../../examples/clients/graphql-ws.client';
import {
  ClientBoatPositionsDocument,
  ClientDevicePageDocument,
  ClientGroupMembersDocument,
  ClientNodeDocument,
  ClientRenameDeviceDocument,
  type ClientBoatPositionsSubscription,
} from '../generated/graphql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { operationsServed, seeded } from './client-fixtures';

/**
 * urql against the live stack: first with its defaults (document cache, queries over GET),
 * then with Graphcache set up as docs/clients.md shows (examples/clients/urql.client.ts).
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi', 'iotaap'], live: true });
});
afterAll(disposeLeftovers);

describe('urql with its defaults', () => {
  let client: Client;
  /** The requests urql's fetchExchange made, as its debug events report them (dev builds). */
  const requests: Array<{ kind: string; method: string | undefined; headers: string[] }> = [];
  beforeAll(() => {
    client = createTributaryUrqlClient(stack.url);
    const debug = client.subscribeToDebugTarget!((event) => {
      if (event.type !== 'fetchRequest') return;
      const { fetchOptions } = event.data as { fetchOptions: RequestInit };
      requests.push({ kind: event.operation.kind, method: fetchOptions.method, headers: Object.keys(fetchOptions.headers ?? {}).map((h) => h.toLowerCase()) });
    });
    leaveOver(() => debug.unsubscribe());
  });

  it('sends its first query over GET, and gets an answer', async () => {
    const result = await client.query(ClientDevicePageDocument, { first: 5 }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data!.devices.edges).toHaveLength(5);
    // It went as urql sends queries by default: a GET, with no preflight header.
    expect(requests).toEqual([{ kind: 'query', method: 'GET', headers: ['accept'] }]);
  });

  it('pages with after, and answers interface fragments as the server sent them', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const { data, error } = await client.query(ClientDevicePageDocument, { first: 20, after }).toPromise();
      expect(error).toBeUndefined();
      ids.push(...data!.devices.edges.map((edge) => edge.node.id));
      totalCount = data!.devices.totalCount;
      after = data!.devices.pageInfo.hasNextPage ? data!.devices.pageInfo.endCursor! : null;
    } while (after);
    expect(ids).toHaveLength(totalCount);
    expect(new Set(ids).size).toBe(totalCount);

    const { data } = await client.query(ClientNodeDocument, { id: seeded.device.id }).toPromise();
    expect(data!.node).toMatchObject({ __typename: 'IotaapDevice', name: seeded.device.name, group: { name: seeded.group.name } });
  });

  it('runs a mutation over POST', async () => {
    const renamed = await client.mutation(ClientRenameDeviceDocument, { id: seeded.spare.id, name: 'spare_default' }).toPromise();
    expect(renamed.error).toBeUndefined();
    expect(renamed.data!.updateDevice).toMatchObject({ id: seeded.spare.id, name: 'spare_default' });
    expect(requests.at(-1)).toMatchObject({ kind: 'mutation', method: 'POST' });
  });
});

describe('urql with Graphcache and graphql-ws, as documented', () => {
  let client: Client;
  beforeAll(() => {
    const ws = createTributaryWsClient(stack.wsUrl);
    leaveOver(() => ws.dispose());
    client = createTributaryGraphcacheClient({ url: stack.url, ws });
  });

  it('merges the pages of a connection into one list (relayPagination)', async () => {
    const queries = await operationsServed(stack, 'query');
    // #region relay-pagination
    let result = await client.query(ClientDevicePageDocument, { first: 20 }).toPromise();
    while (result.data?.devices.pageInfo.hasNextPage) {
      const after = result.data.devices.pageInfo.endCursor;
      // Graphcache answers with every page so far, this one appended.
      result = await client.query(ClientDevicePageDocument, { first: 20, after }).toPromise();
    }
    const devices = result.data!.devices;
    // #endregion relay-pagination
    const ids = devices.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(devices.totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await operationsServed(stack, 'query')) - queries).toBe(Math.ceil(devices.totalCount / 20));
  });

  it('matches interface fragments by possibleTypes', async () => {
    const { data, error } = await client.query(ClientNodeDocument, { id: seeded.device.id }).toPromise();
    expect(error).toBeUndefined();
    expect(data!.node).toMatchObject({ id: seeded.device.id, name: seeded.device.name, group: { name: seeded.group.name } });

    const members = await client.query(ClientGroupMembersDocument, { id: seeded.group.id, first: 50 }).toPromise();
    const names = members.data!.group!.members!.edges.map((edge) => ('name' in edge.node ? edge.node.name : undefined));
    expect(names).toHaveLength(seeded.group.size);
    expect(names.every((name) => typeof name === 'string')).toBe(true);
  });

  it("a mutation's answer updates a watched query from the cache, without a refetch", async () => {
    const names: Array<string | null | undefined> = [];
    const watching = client.query(ClientNodeDocument, { id: seeded.spare.id }).subscribe(({ data }) => {
      if (data?.node && 'name' in data.node) names.push(data.node.name);
    });
    leaveOver(() => watching.unsubscribe());
    await waitFor('the first answer', () => names.length > 0);
    const queries = await operationsServed(stack, 'query');

    await client.mutation(ClientRenameDeviceDocument, { id: seeded.spare.id, name: 'spare_graphcache' }).toPromise();
    await waitFor('the watched query to see the new name', () => names.at(-1) === 'spare_graphcache');
    watching.unsubscribe();
    expect(await operationsServed(stack, 'query')).toBe(queries);
  });

  it('receives a subscription over graphql-ws (subscriptionExchange)', async () => {
    const positions = client.subscription(ClientBoatPositionsDocument, { sourceIds: [seeded.boat.id] });
    let stop = () => undefined as void;
    const result = await new Promise<OperationResult<ClientBoatPositionsSubscription>>((resolve) => ({ unsubscribe: stop } = positions.subscribe(resolve)));
    stop();
    expect(result.error).toBeUndefined();
    expect(['latitude', 'longitude']).toContain(result.data!.measurements.name);
    expect(result.data!.measurements.source).toMatchObject({ id: seeded.boat.id, name: expect.any(String) });
  });
});
