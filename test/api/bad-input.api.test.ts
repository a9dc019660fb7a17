import { DeviceDocument, DevicesDocument, EmptyListsDocument, NodeDocument, NodesDocument, VendorsDocument } from '../generated/graphql';
import { encodeId } from '../../src/core/ids';
import { errorCodes, gql, postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

/** After every bad request the server must still answer a good one. */
afterEach(async () => {
  const still = await gql(stack.url, VendorsDocument);
  expect(still.status).toBe(200);
  expect(still.data!.vendors).toHaveLength(5);
});

describe('bad input gets a clear error with a code', () => {
  it('malformed JSON', async () => {
    const answer = await postRaw(stack.url, '{"query": "{ vendors { vendor } }"');
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
    expect(answer.errors![0]!.message).toMatch(/Malformed JSON/);
  });

  it('a GraphQL syntax error', async () => {
    const answer = await postRaw(stack.url, JSON.stringify({ query: '{ devices { edges { node { id } }' }));
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('an unknown field', async () => {
    const answer = await postRaw(stack.url, JSON.stringify({ query: '{ devices { nope } }' }));
    expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('a body over the limit', async () => {
    const answer = await postRaw(stack.url, JSON.stringify({ query: `{ vendors { vendor } } # ${'x'.repeat(5000)}` }));
    expect(answer.status).toBe(413);
    expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
  });

  it('an id that does not decode, without any vendor call', async () => {
    const answer = await gql(stack.url, NodeDocument, { id: 'definitely-not-an-id' });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.data!.node).toBeNull();
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('an id of the wrong type, and a malformed native id, without any vendor call', async () => {
    const groupId = encodeId('IOTAAP', 'IotaapGroup', '5e1b76bc4315b70eb242567a');
    expect(errorCodes(await gql(stack.url, DeviceDocument, { id: groupId }))).toEqual(['BAD_USER_INPUT']);
    const injected = encodeId('IOTAAP', 'IotaapDevice', '../groups');
    const answer = await gql(stack.url, DeviceDocument, { id: injected });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('a well-formed id that does not exist is NOT_FOUND from its vendor', async () => {
    const missing = encodeId('IOTAAP', 'IotaapDevice', 'ffffffffffffffffffffffff');
    const answer = await gql(stack.url, DeviceDocument, { id: missing });
    expect(answer.data!.device).toBeNull();
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'IOTAAP' });
  });

  it('nodes(ids) answers the found ones and an error per missing one', async () => {
    const list = await gql(stack.url, DevicesDocument, { first: 2, filter: { vendors: ['IOTAAP'] } });
    const ids = list.data!.devices.edges.map((e) => e.node.id);
    const missing = encodeId('IOTAAP', 'IotaapDevice', 'ffffffffffffffffffffffff');
    stack.resetCounts();
    const answer = await gql(stack.url, NodesDocument, { ids: [ids[0]!, missing, ids[1]!, 'garbage'] });
    expect(answer.data!.nodes.map((n) => n?.id ?? null)).toEqual([ids[0], null, ids[1], null]);
    expect(errorCodes(answer).sort()).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
  });

  it('a page larger than the maximum, and a negative one', async () => {
    const big = await gql(stack.url, DevicesDocument, { first: 101 });
    expect(errorCodes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.errors![0]!.message).toContain('at most 100');
    expect(errorCodes(await gql(stack.url, DevicesDocument, { first: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(stack.url, DevicesDocument, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('never shows a stack trace', async () => {
    const answer = await gql(stack.url, NodeDocument, { id: 'x' });
    expect(JSON.stringify(answer)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});

describe('lists of vendors without an integration are empty, not errors', () => {
  it('things, sessions, channels, books, alerts', async () => {
    const answer = await gql(stack.url, EmptyListsDocument);
    expect(answer.errors).toBeUndefined();
    expect(Object.values(answer.data!).every((list) => typeof list.totalCount === 'number')).toBe(true);
  });
});

describe('one vendor failing', () => {
  it('answers with partial data and an error carrying code and vendor', async () => {
    stack.simulators.controls.iotaap!.setFaults({ down: true });
    try {
      const answer = await gql(stack.url, DevicesDocument, { first: 5 });
      expect(answer.status).toBe(200);
      expect(answer.data!.devices.edges.every((e) => e.node.vendor !== 'IOTAAP')).toBe(true);
      expect(answer.errors![0]).toMatchObject({ path: ['devices'], extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'IOTAAP' } });
    } finally {
      stack.simulators.controls.iotaap!.clearFaults();
    }
  });
});
