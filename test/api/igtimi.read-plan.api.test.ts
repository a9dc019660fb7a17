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

  it('reads the device list without device info, and reads the info only for the devices a query asks it of', async () => {
    await rename(boats[0]!, 'Renamed for the info test');
    const forms = await directDeviceLists();
    reset();
    const names = await post<{ data: { devices: { edges: Array<{ node: { nativeId: string; name: string } }> } } }>(DETAILS.replace('$fields', 'nativeId name'));
    expect(names.data.devices.edges).toHaveLength(6);
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
    // The list as the gateway reads it: with blob content, without device info.
    expect(stack.simulators.controls.igtimi!.bytes()['GET /api/v1/devices']).toBe(forms.bytes['blob_content=true']);
    expect(forms.bytes['blob_content=true']!).toBeLessThan(forms.bytes['blob_content=true&device_info=true']!);

    reset();
    type Detailed = { nativeId: string; model: string | null; deviceInfo: Record<string, unknown> | null; raw: Record<string, unknown> };
    const detailed = await post<{ data: { devices: { edges: Array<{ node: Detailed }> } } }>(DETAILS.replace('$fields', 'nativeId model ... on IgtimiDevice { deviceInfo raw }'));
    const shown = detailed.data.devices.edges.map((e) => e.node);
    expect(shown.filter((d) => d.deviceInfo !== null).length).toBeGreaterThan(0);
    for (const device of shown) {
      const info = forms.full.get(device.nativeId)!.device_info;
      expect(device.deviceInfo).toEqual(info === false ? null : info);
      expect(device.model).toBe(info === false ? null : (info as { target: string }).target);
      expect(device.raw.device_info).toEqual(info);
    }
    // The list from the shared cache; one serial_numbers[] call for every device shown that has info.
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
  });
});

const DETAILS = `query { devices(first: 6, filter: { vendors: [IGTIMI] }) { edges { node { $fields } } } }`;

/** The Igtimi device list read straight from the simulator: its bytes in each form, and each device with its info. */
async function directDeviceLists(): Promise<{ bytes: Record<string, number>; full: Map<string, { device_info: unknown }> }> {
  const origin = new URL(stack.simulators.urls.igtimi!).origin;
  const client = stack.simulators.credentials.igtimi!;
  const grant = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret });
  const token = (await (await fetch(`${origin}/oauth/token`, { method: 'POST', body: grant })).json()) as { access_token: string };
  const read = (query: string) => fetch(`${origin}/api/v1/devices?${query}`, { headers: { authorization: `Bearer ${token.access_token}` } }).then((r) => r.text());
  const bytes: Record<string, number> = {};
  for (const query of ['blob_content=true', 'blob_content=true&device_info=true']) bytes[query] = Buffer.byteLength(await read(query));
  const full = JSON.parse(await read('blob_content=true&device_info=true')) as { devices: Array<{ device: { serial_number: string; device_info: unknown } }> };
  return { bytes, full: new Map(full.devices.map((d) => [d.device.serial_number, d.device])) };
}

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
