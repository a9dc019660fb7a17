import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';

/** A missing vendor configuration answers out loud: never an empty list that looks fine. */
afterAll(disposeLeftovers);

describe('a vendor that is not configured', () => {
  it('named in a filter: VENDOR_NOT_CONFIGURED for it, the other vendors of the filter still answer', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    const answer = await gql(stack.url, DevicesDocument, { first: 5, filter: { vendors: ['IGTIMI', 'IOTAAP', 'IGTIMI'] } });
    expect(answer.status).toBe(200);
    expect(answer.data!.devices.totalCount).toBe(40);
    expect(answer.data!.devices.edges.map((e) => e.node.vendor)).toEqual(Array(5).fill('IOTAAP'));
    // One error per vendor, however often the filter names it.
    expect(answer.errors).toEqual([
      expect.objectContaining({ path: ['devices'], message: 'IGTIMI is not configured on this gateway', extensions: { code: 'VENDOR_NOT_CONFIGURED', vendor: 'IGTIMI' } }),
    ]);

    const alone = await gql(stack.url, DevicesDocument, { first: 5, filter: { vendors: ['IGTIMI'] } });
    expect(alone.data!.devices.totalCount).toBe(0);
    expect(alone.errors!.map((e) => e.extensions)).toEqual([{ code: 'VENDOR_NOT_CONFIGURED', vendor: 'IGTIMI' }]);

    // Without a filter a list spans the configured vendors: nothing is missing, nothing to say.
    const unfiltered = await gql(stack.url, DevicesDocument, { first: 1 });
    expect(unfiltered.errors).toBeUndefined();
    expect(unfiltered.data!.devices.totalCount).toBe(40);
  });

  it('none at all: start-up warns, once, with the fix', async () => {
    const bare = await startStack({ vendors: [] });
    const warnings = bare.logs.entries().filter((line) => line.level === 40 && String(line.msg).startsWith('no vendor is configured'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('.env.example');
    const ready = (await (await fetch(`${bare.origin}/readyz`)).json()) as { vendors: Array<{ state: string }> };
    expect(new Set(ready.vendors.map((v) => v.state))).toEqual(new Set(['NOT_CONFIGURED']));

    const served = await startStack({ vendors: ['iotaap'] });
    expect(served.logs.text).not.toContain('no vendor is configured');
  });
});
