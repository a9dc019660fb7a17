import { RecordLoaders } from '../../src/context/loaders/record.loader';
import { NotFoundError } from '../../src/core/errors';
import type { GroupRecord } from '../../src/core/model';
import { RequestScope } from '../../src/core/request-scope';
import type { EntitySource } from '../../src/vendors/adapter';

/** The request's DataLoaders over a fake source that records every batch it is asked for. */
function setup(options: { naive?: boolean; failWith?: Error } = {}) {
  const batches: string[][] = [];
  const source: EntitySource<'Group'> = {
    typename: 'FakeGroup',
    kind: 'Group',
    list: async () => ({ items: [], total: 0 }),
    loadMany: async (ids) => {
      batches.push([...ids]);
      if (options.failWith) throw options.failWith;
      return ids.map((id) => (id.startsWith('missing') ? new NotFoundError(`No FakeGroup ${id}`) : record(id, 'loaded')));
    },
  };
  return { loaders: new RecordLoaders(() => source, new RequestScope(), options.naive ?? false), batches };
}

function record(nativeId: string, name: string): GroupRecord {
  return { typename: 'FakeGroup', vendor: 'IOTAAP', nativeId, raw: {}, name, description: null, createdAt: null };
}

describe('RecordLoaders', () => {
  it('batches the loads of one tick and answers repeats from the cache', async () => {
    const { loaders, batches } = setup();
    const [a, b, again] = await Promise.all([loaders.load('FakeGroup', 'a'), loaders.load('FakeGroup', 'b'), loaders.load('FakeGroup', 'a')]);
    expect([a.nativeId, b.nativeId, again]).toEqual(['a', 'b', a]);
    await loaders.load('FakeGroup', 'a');
    expect(batches).toEqual([['a', 'b']]);
  });

  it('answers a primed record without a call, and a fresher prime replaces a loaded one', async () => {
    const { loaders, batches } = setup();
    loaders.prime([record('listed', 'from a list')]);
    expect(await loaders.load<GroupRecord>('FakeGroup', 'listed')).toMatchObject({ name: 'from a list' });
    await loaders.load('FakeGroup', 'a');
    loaders.prime([record('a', 'after a write')]);
    expect(await loaders.load<GroupRecord>('FakeGroup', 'a')).toMatchObject({ name: 'after a write' });
    expect(batches).toEqual([['a']]);
  });

  it('rejects only the load of a missing record, and keeps that answer', async () => {
    const { loaders, batches } = setup();
    const [missing, found] = await Promise.allSettled([loaders.load('FakeGroup', 'missing-1'), loaders.load('FakeGroup', 'a')]);
    expect(missing).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'NOT_FOUND' } } });
    expect(found).toMatchObject({ status: 'fulfilled', value: { nativeId: 'a' } });
    await expect(loaders.load('FakeGroup', 'missing-1')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(batches).toEqual([['missing-1', 'a']]);
  });

  it('does not keep a batch that failed as a whole', async () => {
    const failWith = new Error('vendor down');
    const { loaders, batches } = setup({ failWith });
    await expect(loaders.load('FakeGroup', 'a')).rejects.toBe(failWith);
    await expect(loaders.load('FakeGroup', 'a')).rejects.toBe(failWith);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('naive: no batching, no caching, no priming', async () => {
    const { loaders, batches } = setup({ naive: true });
    loaders.prime([record('a', 'primed')]);
    await Promise.all([loaders.load('FakeGroup', 'a'), loaders.load('FakeGroup', 'a'), loaders.load('FakeGroup', 'b')]);
    expect(batches).toEqual([['a'], ['a'], ['b']]);
  });

  it('brings one request memo, renewed with the loaders', () => {
    const first = setup().loaders;
    expect(first.memo).toBe(first.memo);
    expect(setup().loaders.memo).not.toBe(first.memo);
  });
});
