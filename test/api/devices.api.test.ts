import { DevicesDocument, DevicesWithGroupDocument, DeviceDocument, GroupsDocument, type DevicesQuery } from '../generated/graphql';
import { errorCodes, gql, type GraphQLAnswer } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/** Other vendors join these lists; these tests are about IoTaaP. */
const IOTAAP = { vendors: ['IOTAAP' as const] };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

describe('devices over HTTP against the IoTaaP simulator', () => {
  it('lists devices with a total and pages through all of them without repeats', async () => {
    const seen = new Set<string>();
    let after: string | null | undefined = null;
    let total = 0;
    for (let page = 0; page < 10; page++) {
      const answer: GraphQLAnswer<DevicesQuery> = await gql(stack.url, DevicesDocument, { first: 15, after, filter: IOTAAP });
      expect(answer.errors).toBeUndefined();
      const devices: DevicesQuery['devices'] = answer.data!.devices;
      total = devices.totalCount;
      for (const edge of devices.edges) {
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      if (!devices.pageInfo.hasNextPage) break;
      after = devices.pageInfo.endCursor;
    }
    expect(total).toBe(40);
    expect(seen.size).toBe(40);
  });

  it('answers devices { group { name } } with one list call and one group call', async () => {
    const answer = await gql(stack.url, DevicesWithGroupDocument, { first: 40, filter: IOTAAP });
    expect(answer.errors).toBeUndefined();
    const grouped = answer.data!.devices.edges.filter((e) => 'group' in e.node && e.node.group);
    expect(grouped.length).toBeGreaterThan(20);
    // The login is shared by the whole process and may have happened in an earlier test.
    const { 'POST /auth/login': _login, ...calls } = stack.simulators.controls.iotaap!.counts();
    expect(calls).toEqual({ 'GET /devices': 1, 'GET /groups': 1 });
  });

  it('loads one device by id and rejects ids of the wrong type before any vendor call', async () => {
    const list = await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP });
    const id = list.data!.devices.edges[0]!.node.id;
    const one = await gql(stack.url, DeviceDocument, { id });
    expect(one.data!.device).toMatchObject({ id, __typename: 'IotaapDevice' });

    const groups = await gql(stack.url, GroupsDocument, { first: 1, filter: IOTAAP });
    stack.resetCounts();
    const wrong = await gql(stack.url, DeviceDocument, { id: groups.data!.groups.edges[0]!.node.id });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });
});
