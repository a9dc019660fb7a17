import { CreateGroupDocument, DevicesDocument, GroupsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { randomUUID } from 'node:crypto';
import { requireService } from '../helpers/services';
import { startStack } from '../helpers/stack';
import { startSimulators } from '../../src/simulators';
import { IOTAAP_DEMO_CREDENTIALS } from '../../src/simulators/iotaap/iotaap.seed';

const IOTAAP = { vendors: ['IOTAAP' as const] };

afterAll(disposeLeftovers);

describe('the shared cache of vendor reads', () => {
  it('serves a stale answer when the vendor fails, and says so in extensions.sources', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    const fresh = await gql(stack.url, DevicesDocument, { first: 5, filter: IOTAAP });
    expect(fresh.errors).toBeUndefined();
    expect(fresh.extensions?.sources?.IOTAAP).toMatchObject({ status: 'OK', cache: 'MISS' });

    stack.simulators.controls.iotaap!.setFaults({ down: true });
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ devices(first: 5, filter: { vendors: [IOTAAP] }) { edges { node { id } } } }' }),
    });
    const stale = (await response.json()) as { data: { devices: { edges: unknown[] } }; errors?: unknown; extensions: { sources: Record<string, unknown> } };
    expect(stale.errors).toBeUndefined();
    expect(stale.data.devices.edges).toHaveLength(5);
    expect(stale.extensions.sources.IOTAAP).toMatchObject({ status: 'VENDOR_UNAVAILABLE', cache: 'STALE', staleAgeMs: expect.any(Number) });
    expect(fresh.data!.devices.edges).toHaveLength(5);
  });

  it('with a TTL, answers repeated reads without calling the vendor, and forgets them after a write', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { VENDOR_CACHE_TTL_MS: '60000' } });
    await gql(stack.url, GroupsDocument, { first: 50, filter: IOTAAP });
    stack.resetCounts();
    const again = await gql(stack.url, GroupsDocument, { first: 50, filter: IOTAAP });
    expect(stack.upstream('iotaap')).toBe(0);
    const before = again.data!.groups.totalCount;

    await gql(stack.url, CreateGroupDocument, { input: { vendor: 'IOTAAP', name: 'cached_then_written' } });
    stack.resetCounts();
    const after = await gql(stack.url, GroupsDocument, { first: 50, filter: IOTAAP });
    expect(after.data!.groups.totalCount).toBe(before + 1);
    expect(stack.upstream('iotaap')).toBe(1);
  });
});

describe('the shared cache in Redis', () => {
  it('answers a read on instance B from what instance A fetched with the same credential', async () => {
    const redisUrl = await requireService('redis');
    const simulators = await startSimulators({ vendors: ['iotaap'], live: false });
    leaveOver(() => simulators.stop());
    const login = await fetch(`${simulators.urls.iotaap}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(IOTAAP_DEMO_CREDENTIALS),
    });
    const { token } = (await login.json()) as { token: string };
    const env = {
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `test-${randomUUID()}`,
      VENDOR_CACHE_TTL_MS: '60000',
      IOTAAP_BASE_URL: simulators.urls.iotaap!,
      IOTAAP_TOKEN: token,
    };
    const a = await startStack({ vendors: [], env });
    const b = await startStack({ vendors: [], env });
    await gql(a.url, GroupsDocument, { first: 50, filter: IOTAAP });
    simulators.controls.iotaap!.resetCounts();
    const fromB = await gql(b.url, GroupsDocument, { first: 50, filter: IOTAAP });
    expect(fromB.errors).toBeUndefined();
    expect(fromB.extensions?.sources?.IOTAAP).toMatchObject({ cache: 'HIT' });
    expect(simulators.controls.iotaap!.total()).toBe(0);
  });
});
