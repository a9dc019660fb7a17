import { encodeId } from '../../src/core/ids';
import { createIgtimiSeed } from '../../src/simulators/igtimi/igtimi.seed';
import { IgtimiDevicesLatestDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * What Igtimi reads cost, in calls and bytes (both exact): the latest values come from
 * `resources/data/latest`, one call per data type for every serial, never from a window of
 * every point; and a page walk over the non-paged device list fetches the list once.
 */
const boats = createIgtimiSeed()
  .devices.filter((d) => d.boat)
  .map((d) => d.serial_number);
const LATEST = 'GET /api/v1/resources/data/latest';

let stack: Stack;
beforeAll(async () => {
  // A TTL far longer than the test, so nothing here depends on timing.
  stack = await startStack({ env: { IGTIMI_LIST_CACHE_MS: '600000' } });
});
afterAll(disposeLeftovers);

function calls(): Record<string, number> {
  return stack.callsWithout('igtimi', 'POST /oauth/token');
}

/** Bytes the gateway counted per Igtimi operation since the last reset. */
async function gatewayBytes(): Promise<Record<string, number>> {
  const metric = await stack.metrics.vendorResponseBytes.get();
  return Object.fromEntries(metric.values.filter((v) => v.labels.vendor === 'IGTIMI' && v.value > 0).map((v) => [String(v.labels.operation), v.value]));
}

function reset(): void {
  stack.resetCounts();
  stack.metrics.vendorResponseBytes.reset();
}

describe('Igtimi read plan', () => {
  it('answers the latest of four names with one resources/data/latest call per data type, counting the bytes the simulator sent', async () => {
    // Warm the device list, so the counts below are the measurements' alone.
    await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20 });
    reset();
    const names = ['latitude', 'longitude', 'aws', 'awa'];
    const answer = await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20, names, last: 1 });
    expect(answer.errors).toBeUndefined();
    const devices = answer.data!.devices.edges.map((e) => e.node);
    for (const device of devices) {
      const got = device.measurements!.map((m) => m.name).sort();
      expect(got).toEqual(boats.includes(device.nativeId) ? [...names].sort() : []);
    }
    // latitude and longitude are one type (1, GPS position), aws 12, awa 11: three calls.
    expect(calls()).toEqual({ [LATEST]: 3 });
    const sent = stack.simulators.controls.igtimi!.bytes();
    expect(await gatewayBytes()).toEqual({ 'resources.data.latest': sent[LATEST] });
    // Each call carries one small datum per boat: the answer does not grow with the window.
    expect(sent[LATEST]).toBeLessThan(3 * boats.length * 200);
  });

  it('reads a window of resources/data when more than the latest point is asked for', async () => {
    reset();
    const answer = await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20, names: ['aws'], last: 2 });
    expect(answer.errors).toBeUndefined();
    expect(calls()).toEqual({ 'GET /api/v1/resources/data': 1 });
  });

  it('walks the non-paged device list page by page with ONE upstream call, read again after a write', async () => {
    // A write by the same credential drops the shared list (the tests above filled it).
    await rename(boats[0]!, 'Renamed once');
    reset();
    const seen: Array<{ nativeId: string; name: string }> = [];
    let after: string | null = null;
    let total = 0;
    do {
      const devices: DevicePage = (await post<{ data: { devices: DevicePage } }>(WALK, { after })).data.devices;
      total = devices.totalCount;
      seen.push(...devices.edges.map((e) => e.node));
      after = devices.pageInfo.hasNextPage ? devices.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(Math.ceil(total / 4)).toBeGreaterThan(2);
    expect(seen.find((d) => d.nativeId === boats[0])?.name).toBe('Renamed once');
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
    expect(await gatewayBytes()).toEqual({ 'devices.list': stack.simulators.controls.igtimi!.bytes()['GET /api/v1/devices'] });

    await rename(boats[0]!, 'Renamed twice');
    reset();
    const first: DevicePage = (await post<{ data: { devices: DevicePage } }>(WALK, { after: null })).data.devices;
    expect(first.edges.find((e) => e.node.nativeId === boats[0])?.node.name).toBe('Renamed twice');
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
  });
});

interface DevicePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { nativeId: string; name: string } }>;
}

const WALK = `query Walk($after: String) {
  devices(first: 4, after: $after, filter: { vendors: [IGTIMI] }) { totalCount pageInfo { hasNextPage endCursor } edges { node { nativeId name } } }
}`;

async function rename(serial: string, name: string): Promise<void> {
  const id = encodeId('IGTIMI', 'IgtimiDevice', serial);
  const answer = await post<{ errors?: unknown }>(`mutation { updateDevice(id: "${id}", input: { name: "${name}" }) { id } }`);
  expect(answer.errors).toBeUndefined();
}

async function post<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as T;
}
