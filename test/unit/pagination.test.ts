import { mergePage, pageSize, type Connection, type PageSource } from '../../src/core/pagination';
import type { Vendor } from '../../src/core/vendor';
import { BadUserInputError } from '../../src/core/errors';

const limits = { defaultSize: 3, maxSize: 10 };

function source(key: string, vendor: Vendor, size: number, calls: number[] = []): PageSource<string> {
  const items = Array.from({ length: size }, (_, i) => `${key}-${i}`);
  return {
    key,
    vendor,
    fetch: async (offset, limit) => {
      calls.push(offset);
      return { items: items.slice(offset, offset + limit), total: items.length };
    },
  };
}

async function walk(sources: PageSource<string>[], first: number) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Connection<string> = await mergePage(sources, { first, after }, limits, () => undefined);
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor;
  }
  throw new Error('did not finish');
}

describe('merged pagination across vendors', () => {
  it('walks every item once, in vendor order, whatever the page size', async () => {
    for (const first of [1, 2, 3, 7, 10]) {
      const { seen, total } = await walk([source('Thingsee', 'THINGSEE', 4), source('Iotaap', 'IOTAAP', 5), source('Igtimi', 'IGTIMI', 3)], first);
      expect(total).toBe(12);
      expect(seen).toEqual([
        ...['Igtimi-0', 'Igtimi-1', 'Igtimi-2'],
        ...['Iotaap-0', 'Iotaap-1', 'Iotaap-2', 'Iotaap-3', 'Iotaap-4'],
        ...['Thingsee-0', 'Thingsee-1', 'Thingsee-2', 'Thingsee-3'],
      ]);
    }
  });

  it('keeps two types of one vendor apart in the cursor', async () => {
    const { seen } = await walk([source('IgtimiGroup', 'IGTIMI', 2), source('IgtimiDeviceGroup', 'IGTIMI', 2)], 1);
    expect(seen).toEqual(['IgtimiGroup-0', 'IgtimiGroup-1', 'IgtimiDeviceGroup-0', 'IgtimiDeviceGroup-1']);
  });

  it('skips a vendor it already exhausted instead of calling it again', async () => {
    const calls: number[] = [];
    const first = await mergePage([source('Igtimi', 'IGTIMI', 2, calls), source('Iotaap', 'IOTAAP', 10)], { first: 5 }, limits, () => undefined);
    await mergePage([source('Igtimi', 'IGTIMI', 2, calls), source('Iotaap', 'IOTAAP', 10)], { first: 5, after: first.pageInfo.endCursor }, limits, () => undefined);
    expect(calls).toEqual([0]);
  });

  it('reports a failing vendor and answers with the others', async () => {
    const failures: Vendor[] = [];
    const broken: PageSource<string> = { key: 'Igtimi', vendor: 'IGTIMI', fetch: async () => Promise.reject(new Error('down')) };
    const page = await mergePage([broken, source('Iotaap', 'IOTAAP', 2)], { first: 5 }, limits, (vendor) => failures.push(vendor));
    expect(failures).toEqual(['IGTIMI']);
    expect(page.edges.map((e) => e.node)).toEqual(['Iotaap-0', 'Iotaap-1']);
  });

  it('refuses a page above the maximum, a negative page and a foreign cursor', async () => {
    expect(() => pageSize({ first: 11 }, limits)).toThrow(BadUserInputError);
    expect(() => pageSize({ first: -1 }, limits)).toThrow(BadUserInputError);
    expect(pageSize({}, limits)).toBe(3);
    await expect(mergePage([source('Iotaap', 'IOTAAP', 2)], { after: 'garbage' }, limits, () => undefined)).rejects.toThrow(BadUserInputError);
    const foreign = Buffer.from(JSON.stringify({ p: { Iotaap: -4 } })).toString('base64url');
    await expect(mergePage([source('Iotaap', 'IOTAAP', 2)], { after: foreign }, limits, () => undefined)).rejects.toThrow(BadUserInputError);
  });
});
