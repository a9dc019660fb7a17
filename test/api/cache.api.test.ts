import { CreateGroupDocument, DevicesDocument, GroupsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';

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
