import { isObjectType, type GraphQLObjectType } from 'graphql';
import { buildTributarySchema } from '../../src/schema/build-schema';

const schema = buildTributarySchema();
const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;

describe('lean resolvers: what type-graphql wraps, the schema build leaves plain', () => {
  it('gives plain property fields no resolver (graphql-jit reads them inline)', () => {
    expect(field('IotaapDevice', 'name').resolve).toBeUndefined();
    expect(field('DeviceEdge', 'node').resolve).toBeUndefined();
    expect(field('DeviceEdge', 'cursor').resolve).toBeUndefined();
    expect(field('DeviceConnection', 'edges').resolve).toBeUndefined();
    expect(field('PageInfo', 'hasNextPage').resolve).toBeUndefined();
    // Units are standardized when a point is mapped, not per field on every point.
    for (const name of ['value', 'unit', 'vendorValue', 'vendorUnit']) expect(field('Measurement', name).resolve).toBeUndefined();
  });

  it('keeps field resolvers and calls them with their parameters in order', async () => {
    const id = field('IotaapDevice', 'id').resolve!;
    const record = { vendor: 'IOTAAP', typename: 'IotaapDevice', nativeId: 'abc' };
    expect(id(record, {}, {}, {} as never)).toBe(Buffer.from('IOTAAP:IotaapDevice:abc').toString('base64url'));

    const loads: string[] = [];
    const ctx = { loaders: { load: async (typename: string, nativeId: string) => (loads.push(`${typename}:${nativeId}`), { nativeId }) } };
    const group = field('IotaapDevice', 'group').resolve!;
    await expect(group({ ...record, groupNativeId: 'g1' }, {}, ctx, {} as never)).resolves.toEqual({ nativeId: 'g1' });
    expect(group({ ...record, groupNativeId: null }, {}, ctx, {} as never)).toBeNull();
    expect(loads).toEqual(['IotaapGroup:g1']);
  });

  it('leaves every root field a resolver', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      if (!root || !isObjectType(root)) continue;
      for (const [name, f] of Object.entries(root.getFields())) {
        if (name.startsWith('_')) continue; // federation's own fields
        expect([name, typeof f.resolve]).toEqual([name, 'function']);
      }
    }
  });
});
