import { encodeId } from '../../src/core/ids';
import { RETIRED_BOATS } from '../../src/simulators/igtimi/igtimi.live';
import { createIgtimiSeed } from '../../src/simulators/igtimi/igtimi.seed';
import {
  DeviceLastSeenDocument,
  IgtimiDevicesLastSeenDocument,
  IgtimiLiveMeasurementsDocument,
  IgtimiReferenceDocument,
  IgtimiRegisterDeviceDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';

/**
 * Igtimi `Device.lastSeenAt` (from live frames, else one batched `resources/data/latest` call)
 * and the device-registration errors, over real sockets against a simulator whose boats are
 * live, with exact upstream counts.
 */
const seed = createIgtimiSeed();
const boats = seed.devices.filter((d) => d.boat).map((d) => d.serial_number);
const coach = seed.devices.find((d) => d.serial_number === 'GB-CO-ACHB')!;
const deviceId = (serial: string) => encodeId('IGTIMI', 'IgtimiDevice', serial);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi'], live: true });
  // The gateway's client-credentials token, granted once here so counts below hold only what each test costs.
  await gql(stack.url, IgtimiReferenceDocument, {});
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

const counts = () => stack.simulators.controls.igtimi!.counts();

describe('Igtimi Device.lastSeenAt', () => {
  it('is set on every live boat from ONE resources/data/latest call for the whole list, and null on devices without data', async () => {
    const before = Date.now();
    const answer = await gql(stack.url, IgtimiDevicesLastSeenDocument, {});
    expect(answer.errors).toBeUndefined();
    const devices = answer.data!.devices.edges.map((e) => e.node);
    expect(devices.length).toBeGreaterThan(boats.length);
    const seen = (serial: string) => devices.find((d) => d.serialNumber === serial)!.lastSeenAt;
    // Live boats report every second, so their newest point is recent; boats ashore show their last race.
    const live = boats.slice(0, boats.length - RETIRED_BOATS);
    for (const serial of live) expect(Date.parse(seen(serial)!)).toBeGreaterThan(before - 60_000);
    for (const serial of boats.slice(live.length)) expect(Date.parse(seen(serial)!)).toBeLessThan(before - 3600_000);
    for (const device of devices.filter((d) => !boats.includes(d.serialNumber!))) expect(device.lastSeenAt).toBeNull();
    expect(counts()).toEqual({ 'GET /api/v1/devices': 1, 'GET /api/v1/resources/data/latest': 1 });
  });

  it('comes from the live feed while one runs, without a data call', async () => {
    const boat = boats[0]!;
    const feed = subscribe(wsClient(stack.wsUrl), IgtimiLiveMeasurementsDocument, { sourceIds: [deviceId(boat)], names: ['latitude'] });
    const point = await feed.next();
    expect(point.errors).toBeUndefined();
    stack.resetCounts();
    const answer = await gql(stack.url, DeviceLastSeenDocument, { id: deviceId(boat) });
    expect(answer.errors).toBeUndefined();
    expect(Date.parse(answer.data!.device!.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(point.data!.measurements.time));
    expect(counts()).toEqual({ 'GET /api/v1/devices': 1 });
    await feed.close();
  });
});

describe('Igtimi device registration errors', () => {
  it.each([
    ['a wrong service tag', boats[0]!, 'ZZZZ'],
    ["another user's device", coach.serial_number, coach.service_tag!],
  ])("answers %s with BAD_USER_INPUT and Igtimi's reason, with no token grant and no retry", async (_what, serial, serviceTag) => {
    const answer = await gql(stack.url, IgtimiRegisterDeviceDocument, { serial, serviceTag });
    expect(answer.data).toBeNull();
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.message).toContain('Invalid Device Details');
    expect(answer.errors![0]!.extensions).toMatchObject({ vendor: 'IGTIMI', status: 401 });
    expect(counts()).toEqual({ 'POST /api/v1/devices/register': 1 });
  });
});
