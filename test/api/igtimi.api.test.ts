import { encodeId } from '../../src/core/ids';
import { createIgtimiSeed, igtimiSeedSecrets, IGTIMI_BASE_EPOCH } from '../../src/simulators/igtimi/igtimi.seed';
import {
  IgtimiDeviceDetailsDocument,
  IgtimiDeviceFiveWaysDocument,
  IgtimiDevicesLatestDocument,
  IgtimiFleetDetailsDocument,
  IgtimiSessionNodesDocument,
  IgtimiSessionsDocument,
  IgtimiSessionWithLogDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Igtimi reads over real sockets, with the exact upstream calls each costs (the OAuth token
 * call, made once per process, is left out of the comparisons).
 */
const seed = createIgtimiSeed();
const boats = seed.devices.filter((d) => d.boat).map((d) => d.serial_number);
const deviceId = (serial: string) => encodeId('IGTIMI', 'IgtimiDevice', serial);
const sessionId = (id: number) => encodeId('IGTIMI', 'IgtimiSession', String(id));
const raceDay = (minutes: number) => new Date(IGTIMI_BASE_EPOCH + minutes * 60_000).toISOString();

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

function calls(): Record<string, number> {
  return stack.callsWithout('igtimi', 'POST /oauth/token');
}

describe('Igtimi devices and data', () => {
  it('answers devices(first: 20) { measurements } with one device list and ONE data call carrying every serial', async () => {
    const answer = await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20, from: raceDay(30), to: raceDay(31), last: 1 });
    expect(answer.errors).toBeUndefined();
    const devices = answer.data!.devices.edges.map((e) => e.node);
    expect(devices).toHaveLength(15);
    // Every racing boat has its latest point of every mapped name; spares have no data.
    for (const device of devices) {
      const names = device.measurements!.map((m) => m.name).sort();
      expect(names).toEqual(boats.includes(device.nativeId) ? ['altitude', 'awa', 'aws', 'battery', 'cog', 'gps_quality', 'hdop', 'heading', 'heading_magnetic', 'latitude', 'longitude', 'satellites', 'sog'] : []);
    }
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1, 'GET /api/v1/resources/data': 1 });
  });

  it('answers measurements(last: 1) of one data type with ONE resources/data/latest call for every serial', async () => {
    const answer = await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20, names: ['sog'], last: 1 });
    expect(answer.errors).toBeUndefined();
    const latest = answer.data!.devices.edges.flatMap((e) => e.node.measurements);
    expect(latest).toHaveLength(boats.length);
    // Knots from Igtimi, metres per second in the answer (docs/measurements.md).
    for (const point of latest) expect(point).toMatchObject({ name: 'sog', unit: 'm/s' });
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1, 'GET /api/v1/resources/data/latest': 1 });
  });

  it('maps positions, speeds, angles and battery with their units', async () => {
    const answer = await gql(stack.url, IgtimiDevicesLatestDocument, {
      first: 1,
      names: ['latitude', 'longitude', 'sog', 'awa', 'battery'],
      from: raceDay(30),
      to: raceDay(30),
    });
    const points = answer.data!.devices.edges[0]!.node.measurements;
    const byName = Object.fromEntries(points!.map((p) => [p.name, p]));
    expect(byName.latitude).toMatchObject({ unit: 'lat', time: raceDay(30) });
    expect(byName.latitude!.value).toBeCloseTo(-36.83, 1);
    expect(byName.longitude!.value).toBeCloseTo(174.77, 1);
    expect(byName.sog!.unit).toBe('m/s');
    expect(byName.sog!.value).toBeGreaterThan((3 * 1852) / 3600);
    expect(Math.abs(byName.awa!.value!)).toBeLessThanOrEqual(180);
    expect(byName.battery).toMatchObject({ unit: '%' });
  });

  it('costs one call for the same device asked for five ways in one document', async () => {
    const serial = boats[1]!;
    const answer = await gql(stack.url, IgtimiDeviceFiveWaysDocument, { id: deviceId(serial), serial });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.igtimiDevice).toMatchObject({ serialNumber: serial, model: 'YachtBot', permissions: { read: true, modify: true } });
    expect(answer.data!.nodes).toHaveLength(1);
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
  });

  it('batches resources, data access windows and device groups of a whole fleet into one call each', async () => {
    const answer = await gql(stack.url, IgtimiFleetDetailsDocument, { first: 20 });
    expect(answer.errors).toBeUndefined();
    const fleet = answer.data!.devices.edges.map((e) => e.node).filter((n) => 'resources' in n && (n.resources?.length ?? 0) > 0);
    expect(fleet).toHaveLength(boats.length);
    expect(calls()).toEqual({
      'GET /api/v1/devices': 1,
      'GET /api/v1/resources': 1,
      'GET /api/v1/devices/data_access_windows': 1,
      'GET /api/v1/devicegroups': 1,
    });
  });

  it('shows a device with its owner, device group, resources and windows', async () => {
    const answer = await gql(stack.url, IgtimiDeviceDetailsDocument, { serial: boats[0]! });
    const device = answer.data!.igtimiDevice;
    expect(device.owner).toMatchObject({ userId: 2 });
    expect(device.groups!.map((g) => g.name)).toEqual(['GA-EN']);
    expect(device.resources!.some((r) => r.archived)).toBe(true);
    expect(device.dataAccessWindows!.map((w) => w.recipientKind).sort()).toEqual(['GROUP', 'USER']);
  });
});

describe('Igtimi sessions', () => {
  it('loads sessions asked by id with one ids[] call', async () => {
    const answer = await gql(stack.url, IgtimiSessionNodesDocument, { ids: [sessionId(1), sessionId(2), sessionId(4)] });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.nodes.map((n) => n && 'name' in n && n.name)).toEqual(['Race 1', 'Race 2', 'Practice start']);
    expect(calls()).toEqual({ 'GET /api/v1/sessions': 1 });
  });

  it("filters sessions with the doc's parameters", async () => {
    const complete = await gql(stack.url, IgtimiSessionsDocument, { filter: { includeIncomplete: false, from: raceDay(0), to: raceDay(240) } });
    expect(complete.data!.igtimiSessions.map((s) => s.name)).toEqual(['Race 1', 'Race 2']);
    expect(complete.data!.igtimiSessions[0]).toMatchObject({ owner: '2', permissions: { read: true, modify: true } });
  });

  it('shows a session with its XML log and the devices the log names', async () => {
    const answer = await gql(stack.url, IgtimiSessionWithLogDocument, { id: sessionId(2) });
    expect(answer.errors).toBeUndefined();
    const session = answer.data!.session!;
    expect(session.log).toContain('<session_log');
    expect(session.log).toContain('<name>Race 2</name>');
    expect(session.devices).toHaveLength(10);
    expect(calls()).toEqual({ 'GET /api/v1/sessions': 1, 'GET /api/v1/sessions/:id/logs': 1, 'GET /api/v1/devices': 1 });
  });
});

describe('Igtimi bad input is refused before any call', () => {
  it.each([
    ['a malformed serial', 'query { igtimiDevice(serialNumber: "../devices") { id } }', 'serialNumber'],
    ['a lower-case serial', 'query { igtimiDevice(serialNumber: "ga-en-aaej") { id } }', 'serialNumber'],
    ['a session id of the wrong type', `query { igtimiSessionLog(sessionId: "${encodeId('IGTIMI', 'IgtimiGroup', '4')}") }`, 'id'],
    ['a malformed session id', `query { igtimiSessionLog(sessionId: "${encodeId('IGTIMI', 'IgtimiSession', '1/../2')}") }`, 'sessionId'],
    ['a range over 31 days', `query { igtimiData(serialNumbers: ["GA-EN-AAEJ"], from: "2024-01-01T00:00:00Z", to: "2024-03-01T00:00:00Z") { complete } }`, 'from'],
    ['a range that ends before it starts', `query { igtimiData(serialNumbers: ["GA-EN-AAEJ"], from: "2024-06-02T00:00:00Z", to: "2024-06-01T00:00:00Z") { complete } }`, 'from'],
    ['a sessions limit of 0', 'query { igtimiSessions(filter: { limit: 0 }) { id } }', 'limit'],
    ['a member with both a user and a group', `mutation { igtimiAddGroupMember(groupId: "${encodeId('IGTIMI', 'IgtimiGroup', '4')}", member: { userId: 3, groupId: "${encodeId('IGTIMI', 'IgtimiGroup', '5')}" }) }`, 'member'],
    ['XML that is not well-formed', `mutation { igtimiAppendSessionLog(id: "${sessionId(1)}", xml: "<session_log><entry>") }`, 'xml'],
  ])('refuses %s', async (_what, query, argument) => {
    const answer = await postQuery(query);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.extensions!.argument).toBe(argument);
    expect(stack.upstream('igtimi')).toBe(0);
  });
});

describe('Igtimi names it does not offer', () => {
  it('answers an unknown measurement name on a device with no points and a note, after reading only the device, never its data', async () => {
    const answer = await postQuery(`query { device(id: "${deviceId('GA-EN-AAEJ')}") { measurements(names: ["depth"]) { name } } }`);
    expect(answer.data).toEqual({ device: { measurements: [] } });
    expect(errorCodes(answer)).toEqual(['MEASUREMENT_NOT_OFFERED']);
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1 });
  });

  it('answers igtimiData with an unknown name with no points and a note, without a data call', async () => {
    const answer = await postQuery(`query { igtimiData(serialNumbers: ["GA-EN-AAEJ"], from: "2024-06-15T10:00:00Z", to: "2024-06-15T10:01:00Z", names: ["depth"]) { complete } }`);
    expect(answer.data).toEqual({ igtimiData: { complete: true } });
    expect(errorCodes(answer)).toEqual(['MEASUREMENT_NOT_OFFERED']);
    expect(stack.upstream('igtimi')).toBe(0);
  });
});

describe('Igtimi secrets', () => {
  it('keeps every seeded secret out of responses and logs', async () => {
    await gql(stack.url, IgtimiDevicesLatestDocument, { first: 20, from: raceDay(30), to: raceDay(30) });
    await gql(stack.url, IgtimiFleetDetailsDocument, { first: 20 });
    for (const secret of igtimiSeedSecrets()) expect(stack.logs.text).not.toContain(secret);
    const devices = await gql(stack.url, IgtimiDeviceFiveWaysDocument, { id: deviceId(boats[0]!), serial: boats[0]! });
    for (const secret of igtimiSeedSecrets()) expect(JSON.stringify(devices)).not.toContain(secret);
  });
});

async function postQuery(query: string) {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}
