import { DeviceDocument, DevicesDocument, UpdateDeviceDocument, VendorsDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    vendors: ['iotaap'],
    env: { RESPONSE_CACHE_MAX_AGE: '30', GATEWAY_API_KEYS: 'key-a,key-b', GATEWAY_ALLOW_ANONYMOUS: 'false', CALLER_POINTS_PER_MINUTE: '100000' },
  });
});
afterAll(disposeLeftovers);

const A = { 'x-api-key': 'key-a' };
const B = { 'x-api-key': 'key-b' };
const iotaap = { first: 5, filter: { vendors: ['IOTAAP' as const] } };

describe('answer cache of whole query answers', () => {
  it('answers a repeated query from the cache: same bytes, no upstream call, Cache-Control from the hints', async () => {
    const first = await gql(stack.url, DevicesDocument, iotaap, A);
    expect(first.headers.get('x-tributary-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('private, max-age=30');
    const calls = stack.upstream('iotaap');
    const second = await gql(stack.url, DevicesDocument, iotaap, A);
    expect(second.headers.get('x-tributary-cache')).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(stack.upstream('iotaap')).toBe(calls);
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    const hitLine = stack.logs.entries().find((e) => e.msg === 'graphql operation' && e.cache === 'HIT');
    expect(hitLine).toMatchObject({ operationName: 'Devices', upstreamTotal: 0, caller: expect.any(String) });
  });

  it('keeps callers apart and tells different variables apart', async () => {
    await gql(stack.url, DevicesDocument, { ...iotaap, first: 3 }, A);
    const calls = stack.upstream('iotaap');
    const other = await gql(stack.url, DevicesDocument, { ...iotaap, first: 3 }, B);
    expect(other.headers.get('x-tributary-cache')).toBe('MISS');
    const otherPage = await gql(stack.url, DevicesDocument, { ...iotaap, first: 4 }, A);
    expect(otherPage.headers.get('x-tributary-cache')).toBe('MISS');
    expect(stack.upstream('iotaap')).toBeGreaterThan(calls);
  });

  it('runs again when the client asks with Cache-Control: no-cache', async () => {
    await gql(stack.url, DevicesDocument, iotaap, A);
    const calls = stack.upstream('iotaap');
    const fresh = await gql(stack.url, DevicesDocument, iotaap, { ...A, 'cache-control': 'no-cache' });
    expect(fresh.headers.get('x-tributary-cache')).not.toBe('HIT');
    expect(stack.upstream('iotaap')).toBeGreaterThan(calls);
  });

  it('empties on a mutation, so a caller reads its own change at once', async () => {
    const before = await gql(stack.url, DevicesDocument, { ...iotaap, first: 1 }, A);
    const device = before.data!.devices.edges[0]!.node;
    expect((await gql(stack.url, DevicesDocument, { ...iotaap, first: 1 }, A)).headers.get('x-tributary-cache')).toBe('HIT');
    const renamed = await gql(stack.url, UpdateDeviceDocument, { id: device.id, input: { name: 'renamed-by-test' } }, A);
    expect(renamed.errors).toBeUndefined();
    const after = await gql(stack.url, DevicesDocument, { ...iotaap, first: 1 }, A);
    expect(after.headers.get('x-tributary-cache')).toBe('MISS');
    expect(after.data!.devices.edges[0]!.node.name).toBe('renamed-by-test');
  });

  it('follows @cacheControl hints: measurements a second, vendor status never', async () => {
    const list = await gql(stack.url, DevicesDocument, { ...iotaap, first: 1 }, A);
    const withData = await gql(stack.url, DeviceDocument, { id: list.data!.devices.edges[0]!.node.id }, A);
    expect(withData.headers.get('cache-control')).toBe('private, max-age=1');
    const status = await gql(stack.url, VendorsDocument, {}, A);
    expect(status.headers.get('cache-control')).toBe('no-store');
    expect((await gql(stack.url, VendorsDocument, {}, A)).headers.get('x-tributary-cache')).not.toBe('HIT');
  });

  it('never stores an answer with errors', async () => {
    stack.simulators.controls.iotaap!.setFaults({ down: true });
    try {
      const failed = await gql(stack.url, DevicesDocument, { ...iotaap, first: 2 }, B);
      expect(errorCodes(failed).length).toBeGreaterThan(0);
      expect(failed.headers.get('cache-control')).toBe('no-store');
    } finally {
      stack.simulators.controls.iotaap!.clearFaults();
    }
    const recovered = await gql(stack.url, DevicesDocument, { ...iotaap, first: 2 }, B);
    expect(recovered.headers.get('x-tributary-cache')).toBe('MISS');
    expect(recovered.errors).toBeUndefined();
  });
});

describe('response cache and the caller budget', () => {
  it('charges a cached answer to the caller like a fresh one, so the budget still ends', async () => {
    const small = await startStack({ vendors: ['iotaap'], env: { RESPONSE_CACHE_MAX_AGE: '30', CALLER_POINTS_PER_MINUTE: '60' } });
    const statuses: number[] = [];
    const caches: Array<string | null> = [];
    for (let i = 0; i < 8; i += 1) {
      const answer = await gql(small.url, DevicesDocument, { ...iotaap, first: 1 });
      statuses.push(answer.status);
      caches.push(answer.headers.get('x-tributary-cache'));
    }
    expect(caches).toContain('HIT');
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeGreaterThan(1);
  });
});
