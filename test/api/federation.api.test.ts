import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { fleetTypeDefs, startFleetSubgraph, type FleetRoster } from '../../examples/fleet-subgraph/fleet.subgraph';
import { entityTypeNames } from '../../src/schema/federation';
import { printTributarySubgraph } from '../../src/schema/build-schema';
import { EntitiesDocument, EntityIdsDocument, ServiceSdlDocument, VendorStatusChangedDocument } from '../generated/graphql';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';
import { errorCodes, gql, postRaw } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { untilServing } from '../helpers/serving';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
// The composition tests block the event loop this stack shares; let its load shedder settle.
beforeEach(async () => {
  await untilServing(stack.url);
  stack.resetCounts();
});

describe('Tributary as a Federation 2 subgraph', () => {
  it('composes with the fleet subgraph without errors or hints', () => {
    const result = composeServices([
      { name: 'tributary', url: 'http://tributary/graphql', typeDefs: parse(printTributarySubgraph()) },
      { name: 'fleet', url: 'http://fleet/graphql', typeDefs: fleetTypeDefs },
    ]);
    expect(result.errors).toBeUndefined();
    expect((result.hints ?? []).map((h) => h.message)).toEqual([]);
    expect(result.supergraphSdl).toContain('@join__type(graph: TRIBUTARY, key: "id")');
  });

  it('answers _service { sdl } with @key on every vendor implementation', async () => {
    const answer = await gql(stack.url, ServiceSdlDocument);
    const sdl = answer.data!._service.sdl!;
    const entities = entityTypeNames(parse(sdl));
    expect(entities).toEqual(expect.arrayContaining(['IotaapDevice', 'IotaapGroup']));
    for (const name of entities) expect(sdl).toMatch(new RegExp(`type ${name} implements [^{]*@key\\(fields: "id"\\)`));
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it('resolves _entities for every entity type the demo serves', async () => {
    const ids = await gql(stack.url, EntityIdsDocument);
    const firstOfType = new Map<string, string>();
    for (const list of Object.values(ids.data!)) for (const { node } of list.edges) if (!firstOfType.has(node.__typename)) firstOfType.set(node.__typename, node.id);
    const entities = entityTypeNames(parse(printTributarySubgraph()));
    const served = entities.filter((name) => firstOfType.has(name));
    expect(served.length).toBeGreaterThanOrEqual(2);
    const representations = served.map((name) => ({ __typename: name, id: firstOfType.get(name) }));
    const answer = await gql(stack.url, EntitiesDocument, { representations });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities.map((e) => e && '__typename' in e && e.__typename)).toEqual(served);
  });

  it('answers bad representations with clear errors', async () => {
    const ids = await gql(stack.url, EntityIdsDocument);
    const device = ids.data!.devices.edges[0]!.node;
    stack.resetCounts();
    const answer = await gql(stack.url, EntitiesDocument, {
      representations: [
        { __typename: 'NoSuchType', id: device.id },
        { __typename: 'IotaapDevice', id: 'garbage' },
        { __typename: 'IotaapGroup', id: device.id },
        { __typename: 'IotaapDevice' },
      ],
    });
    expect(answer.data!._entities).toEqual([null, null, null, null]);
    expect(answer.errors!.map((e) => e.message).join(' ')).toMatch(/NoSuchType/);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });
});

describe('subscriptions through a router', () => {
  it('accepts the graphql-transport-ws passthrough a router opens to the subgraph', async () => {
    // Apollo Router's passthrough mode opens one graphql-ws connection per client subscription,
    // forwarding the operation as is and the client's connectionParams.
    const client = wsClient(stack.wsUrl, { 'x-iotaap-token': 'ignored-by-this-subscription' });
    const events = subscribe(client, VendorStatusChangedDocument);
    const { subscriptionsActive } = stack.server.services.metrics;
    await waitFor('the subscription to reach the server', async () => ((await subscriptionsActive.get()).values[0]?.value ?? 0) >= 1);
    stack.simulators.controls.iotaap!.setFaults({ down: true });
    try {
      await gql(stack.url, EntityIdsDocument);
      expect((await events.next()).data!.vendorStatusChanged).toMatchObject({ vendor: 'IOTAAP', state: 'DEGRADED' });
    } finally {
      stack.simulators.controls.iotaap!.clearFaults();
      await events.close();
    }
  });
});

describe('a supergraph through @apollo/gateway', () => {
  let gateway: ApolloServer;
  let deviceIds: string[];

  beforeAll(async () => {
    const ids = await gql(stack.url, EntityIdsDocument);
    deviceIds = ids.data!.devices.edges.filter((e) => e.node.__typename === 'IotaapDevice').map((e) => e.node.id).slice(0, 30);
    const roster: FleetRoster = new Map(deviceIds.map((id, i) => [id, { skipper: `Skipper ${i + 1}`, boatName: `Boat ${i + 1}` }]));
    const fleet = await startFleetSubgraph(roster);
    leaveOver(() => fleet.stop());
    const composed = composeServices([
      { name: 'tributary', url: stack.url, typeDefs: parse(printTributarySubgraph()) },
      { name: 'fleet', url: fleet.url, typeDefs: fleetTypeDefs },
    ]);
    gateway = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl!, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
    });
    await gateway.start();
    leaveOver(() => gateway.stop());
  });

  async function run(query: string) {
    const response = await gateway.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  it('joins fleet fields onto Tributary devices by key', async () => {
    const result = await run('{ devices(first: 3, filter: { vendors: [IOTAAP] }) { edges { node { id name ... on IotaapDevice { skipper boatName } } } } }');
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { devices: { edges: Array<{ node: { id: string; skipper: string | null } }> } }).devices.edges.map((e) => e.node);
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.skipper === null || /^Skipper \d+$/.test(n.skipper))).toBe(true);
    expect(nodes.some((n) => n.skipper !== null)).toBe(true);
  });

  it('resolves 30 device representations with the same upstream calls as nodes(ids:) of 30', async () => {
    stack.resetCounts();
    const viaGateway = await run('{ fleet { skipper device { name model group { name } } } }');
    expect(viaGateway.errors).toBeUndefined();
    expect((viaGateway.data as { fleet: unknown[] }).fleet).toHaveLength(30);
    const { 'POST /auth/login': _a, ...entityCalls } = stack.simulators.controls.iotaap!.counts();

    stack.resetCounts();
    const direct = await postRaw(
      stack.url,
      JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on IotaapDevice { name model group { name } } } }', variables: { ids: deviceIds } }),
    );
    expect(direct.errors).toBeUndefined();
    const { 'POST /auth/login': _b, ...nodeCalls } = stack.simulators.controls.iotaap!.counts();
    expect(entityCalls).toEqual(nodeCalls);
    // 30 ids: one walk of the device list; their groups: one group list.
    expect(entityCalls).toEqual({ 'GET /devices': 1, 'GET /groups': 1 });
  });
});
