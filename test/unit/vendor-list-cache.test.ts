import { VendorListCache } from '../../src/vendors/vendor-list-cache';

/** The shared unpaged-list cache, on a hand-moved clock: counts of reads only. */
describe('VendorListCache', () => {
  function setup(ttlMs = 1000) {
    let now = 0;
    let reads = 0;
    const cache = new VendorListCache(ttlMs, () => now);
    const read = async () => ++reads;
    return { cache, read, reads: () => reads, advance: (ms: number) => (now += ms) };
  }

  it('reads once per ttl per credential and list, sharing the read in flight', async () => {
    const { cache, read, reads, advance } = setup();
    expect(await Promise.all([cache.get('a', 'groups', read), cache.get('a', 'groups', read)])).toEqual([1, 1]);
    expect(await cache.get('b', 'groups', read)).toBe(2);
    expect(await cache.get('a', 'group things x', read)).toBe(3);
    advance(999);
    expect(await cache.get('a', 'groups', read)).toBe(1);
    advance(1);
    expect(await cache.get('a', 'groups', read)).toBe(4);
    expect(reads()).toBe(4);
  });

  it("forgets only the writing credential's lists", async () => {
    const { cache, read } = setup();
    await cache.get('a', 'groups', read);
    await cache.get('b', 'groups', read);
    cache.invalidate('a');
    expect(await cache.get('a', 'groups', read)).toBe(3);
    expect(await cache.get('b', 'groups', read)).toBe(2);
  });

  it('never keeps a failed read', async () => {
    const { cache, read } = setup();
    await expect(cache.get('a', 'groups', () => Promise.reject(new Error('upstream down')))).rejects.toThrow('upstream down');
    expect(await cache.get('a', 'groups', read)).toBe(1);
  });

  it('reads every time with a ttl of 0', async () => {
    const { cache, read } = setup(0);
    expect([await cache.get('a', 'groups', read), await cache.get('a', 'groups', read)]).toEqual([1, 2]);
  });
});
