import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildTributarySchema } from '../../src/schema/build-schema';

const lean = buildTributarySchema();
const stock = buildTributarySchema({ leanResolvers: false });
const field = (schema: GraphQLSchema, type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;

/** The executed path's plain fields: no resolver (type-graphql's public `simpleResolvers`). */
describe('simple resolvers', () => {
  it('is declared on every object type, and no field is renamed (a simple field reads its schema name)', () => {
    const types = getMetadataStorage().objectTypes;
    expect(types.length).toBeGreaterThan(50);
    expect(types.filter((t) => t.simpleResolvers !== true).map((t) => t.name)).toEqual([]);
    const renamed = types.flatMap((t) => (t.fields ?? []).filter((f) => f.name !== f.schemaName && f.simple !== false).map((f) => `${t.name}.${f.schemaName}`));
    expect(renamed).toEqual([]);
  });

  it('gives plain property fields no resolver (graphql-jit reads them inline)', () => {
    for (const [type, name] of [['IotaapDevice', 'name'], ['DeviceEdge', 'node'], ['DeviceEdge', 'cursor'], ['DeviceConnection', 'edges'], ['PageInfo', 'hasNextPage']] as const) {
      expect([type, name, field(lean, type, name).resolve]).toEqual([type, name, undefined]);
    }
  });

  it('keeps field resolvers', async () => {
    const id = field(lean, 'IotaapDevice', 'id').resolve!;
    const record = { vendor: 'IOTAAP', typename: 'IotaapDevice', nativeId: 'abc' };
    expect(id(record, {}, {}, {} as never)).toBe(Buffer.from('IOTAAP:IotaapDevice:abc').toString('base64url'));
    const loads: string[] = [];
    const ctx = { loaders: { load: async (typename: string, nativeId: string) => (loads.push(`${typename}:${nativeId}`), { nativeId }) } };
    const group = field(lean, 'IotaapDevice', 'group').resolve!;
    await expect(group({ ...record, groupNativeId: 'g1' }, {}, ctx, {} as never)).resolves.toEqual({ nativeId: 'g1' });
    expect(loads).toEqual(['IotaapGroup:g1']);
  });

  it('leaves every root field a resolver', () => {
    for (const root of [lean.getQueryType(), lean.getMutationType()]) {
      if (!root || !isObjectType(root)) continue;
      for (const [name, f] of Object.entries(root.getFields())) {
        if (name.startsWith('_')) continue; // federation's own fields
        expect([name, typeof f.resolve]).toEqual([name, 'function']);
      }
    }
  });

  it('with LEAN_RESOLVERS=false, gives each plain field a resolver reading its property, as type-graphql does by default', () => {
    const name = field(stock, 'IotaapDevice', 'name').resolve!;
    expect(name({ name: 'Boat 1' }, {}, {}, {} as never)).toBe('Boat 1');
    expect(typeof field(stock, 'PageInfo', 'hasNextPage').resolve).toBe('function');
    expect(stock).not.toBe(lean);
    expect(field(lean, 'IotaapDevice', 'name').resolve).toBeUndefined();
  });
});
