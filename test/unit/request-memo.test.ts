import { RequestMemo } from '../../src/core/request-memo';

/** The request memo: counts of started reads only, no clock. */
describe('RequestMemo', () => {
  function counter() {
    let started = 0;
    return { read: async () => ++started, started: () => started };
  }

  it('starts a key once and shares its promise, in flight and answered', async () => {
    const memo = new RequestMemo();
    const { read, started } = counter();
    const first = memo.get('things?0', read);
    expect(memo.get('things?0', read)).toBe(first);
    expect(await first).toBe(1);
    expect(await memo.get('things?0', read)).toBe(1);
    expect(await memo.get('things?100', read)).toBe(2);
    expect(started()).toBe(2);
  });

  it('forgets a read that failed, so the next ask starts it again', async () => {
    const memo = new RequestMemo();
    let fail = true;
    const read = async () => {
      if (fail) throw new Error('upstream down');
      return 'page';
    };
    const failing = memo.get('things', read);
    // Asks while the read is in flight share its failure.
    const joined = memo.get('things', read);
    await expect(failing).rejects.toThrow('upstream down');
    await expect(joined).rejects.toThrow('upstream down');
    expect(memo.has('things')).toBe(false);
    fail = false;
    expect(await memo.get('things', read)).toBe('page');
  });

  it('refresh starts again and keeps the newer read, even when the older one fails later', async () => {
    const memo = new RequestMemo();
    let rejectOlder: (error: Error) => void = () => undefined;
    const older = memo.get('devices', () => new Promise<string>((_, reject) => (rejectOlder = reject)));
    const newer = memo.refresh('devices', async () => 'fresh');
    rejectOlder(new Error('late failure'));
    await expect(older).rejects.toThrow('late failure');
    expect(memo.get('devices', async () => 'unused')).toBe(newer);
    expect(await newer).toBe('fresh');
  });

  it('prime keeps a value learnt on the side, never over a read already kept', async () => {
    const memo = new RequestMemo();
    memo.prime('group t1', 'g1');
    expect(await memo.get('group t1', async () => 'read')).toBe('g1');
    const kept = memo.get('group t2', async () => 'read');
    memo.prime('group t2', 'primed');
    expect(await memo.get('group t2', async () => 'unused')).toBe('read');
    expect(memo.get('group t2', async () => 'unused')).toBe(kept);
  });

  it('forget drops the keys under a prefix and nothing else', async () => {
    const memo = new RequestMemo();
    const { read, started } = counter();
    await memo.get('relation:things/1', read);
    await memo.get('relation:things/2', read);
    await memo.get('things?0', read);
    memo.forget('relation:');
    expect(memo.has('relation:things/1')).toBe(false);
    expect(memo.has('relation:things/2')).toBe(false);
    expect(await memo.get('things?0', read)).toBe(3);
    expect(started()).toBe(3);
  });

  it('keeps each namespace apart: same keys, and forgetting everything in one', async () => {
    const memo = new RequestMemo();
    const mainflux = memo.within('MAINFLUX');
    const thingsee = memo.within('THINGSEE');
    await mainflux.get('groups', async () => 'mainflux groups');
    expect(await thingsee.get('groups', async () => 'thingsee groups')).toBe('thingsee groups');
    mainflux.forget('');
    expect(mainflux.has('groups')).toBe(false);
    expect(thingsee.has('groups')).toBe(true);
    // Views of one memo share its entries: a second view of a namespace sees the first's reads.
    expect(await memo.within('THINGSEE').get('groups', async () => 'unused')).toBe('thingsee groups');
  });
});
