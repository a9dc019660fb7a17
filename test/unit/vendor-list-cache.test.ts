import { ConfigError } from '../../src/config';
import { LIST_CACHE_MS, VendorListCache, listCacheFromSetting } from '../../src/vendors/vendor-list-cache';

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

describe('listCacheFromSetting', () => {
  it('takes whole milliseconds ≥ 0, LIST_CACHE_MS when unset, and names the setting when wrong', async () => {
    expect(LIST_CACHE_MS).toBe(5000);
    let reads = 0;
    const unset = listCacheFromSetting('THINGSEE', undefined);
    await unset.get('a', 'l', async () => ++reads);
    await unset.get('a', 'l', async () => ++reads);
    expect(reads).toBe(1);
    const off = listCacheFromSetting('THINGSEE', '0');
    await off.get('a', 'l', async () => ++reads);
    await off.get('a', 'l', async () => ++reads);
    expect(reads).toBe(3);
    expect(() => listCacheFromSetting('THINGSEE', '1.5')).toThrow(ConfigError);
    expect(() => listCacheFromSetting('THINGSEE', '-1')).toThrow('THINGSEE_LIST_CACHE_MS must be a whole number of ms ≥ 0, but got: -1');
  });
});
