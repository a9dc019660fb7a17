import { DevicesDocument, GroupsDocument, VendorsDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const IOTAAP = { vendors: ['IOTAAP' as const] };
/** These tests are about errors: no stale answer may stand in for them (test/api/cache covers that). */
const NO_STALE = { VENDOR_STALE_IF_ERROR_MS: '0' };

afterAll(disposeLeftovers);

describe('vendor faults, on the simulators', () => {
  it('an outage: the other vendors still answer, the failing one is reported', async () => {
    const stack = await startStack({ env: NO_STALE });
    const before = await gql(stack.url, GroupsDocument, { first: 100 });
    const others = before.data!.groups.edges.filter((e) => e.node.vendor !== 'IOTAAP').length;
    stack.simulators.controls.iotaap!.setFaults({ down: true });
    const during = await gql(stack.url, GroupsDocument, { first: 100 });
    expect(during.data!.groups.edges.filter((e) => e.node.vendor !== 'IOTAAP')).toHaveLength(others);
    expect(during.errors).toEqual([expect.objectContaining({ path: ['groups'], extensions: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE', vendor: 'IOTAAP' }) })]);
  });

  it('a hanging vendor: VENDOR_TIMEOUT within the timeout budget', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { ...NO_STALE, VENDOR_TIMEOUT_MS: '300' } });
    await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP }); // log in first
    stack.simulators.controls.iotaap!.setFaults({ latencyMs: 5000 });
    const answer = await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_TIMEOUT', vendor: 'IOTAAP' });
  });

  it('a flaky vendor (30% of reads fail): reads succeed through retries', async () => {
    const stack = await startStack({ vendors: ['iotaap'], env: { VENDOR_RETRIES: '4' } });
    stack.simulators.controls.iotaap!.setFaults({ errorRate: 0.3 });
    for (let i = 0; i < 20; i++) {
      const answer = await gql(stack.url, DevicesDocument, { first: 5, after: null, filter: IOTAAP });
      expect(answer.errors).toBeUndefined();
    }
    const counts = stack.simulators.controls.iotaap!.counts();
    expect(counts['GET /devices']).toBeGreaterThan(20);
  });

  it('the breaker opens after repeated failures, fails fast, and closes after a good probe', async () => {
    const stack = await startStack({
      vendors: ['iotaap'],
      env: { ...NO_STALE, VENDOR_BREAKER_THRESHOLD: '3', VENDOR_BREAKER_HALF_OPEN_MS: '200' },
    });
    await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP }); // log in first
    const control = stack.simulators.controls.iotaap!;
    control.setFaults({ down: true });
    for (let i = 0; i < 3; i++) expect(errorCodes(await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP }))).toEqual(['VENDOR_UNAVAILABLE']);
    control.resetCounts();
    const fast = await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP });
    expect(fast.errors![0]!.message).toMatch(/circuit open/);
    expect(control.total()).toBe(0);
    const status = await gql(stack.url, VendorsDocument);
    expect(status.data!.vendors.find((v) => v.vendor === 'IOTAAP')).toMatchObject({ state: 'DOWN', circuit: 'OPEN' });

    control.clearFaults();
    await waitFor('the half-open probe to close the circuit', async () => {
      const answer = await gql(stack.url, DevicesDocument, { first: 1, filter: IOTAAP });
      return answer.errors === undefined;
    });
    const after = await gql(stack.url, VendorsDocument);
    expect(after.data!.vendors.find((v) => v.vendor === 'IOTAAP')).toMatchObject({ state: 'OK', circuit: 'CLOSED' });
  });
});
