import { encodeId } from '../../src/core/ids';
import { createIotaapSeed, IOTAAP_DEMO_CREDENTIALS, iotaapSeedSecrets } from '../../src/simulators/iotaap/iotaap.seed';
import {
  DeviceDocument,
  DevicesDocument,
  DevicesWithGroupDocument,
  DeviceTokenDocument,
  GroupWithMembersDocument,
  IotaapCreateDeviceDocument,
  IotaapCurrentUserDocument,
  IotaapDeleteDeviceDocument,
  IotaapDevicesGroupIfDocument,
  IotaapUpdateCurrentUserDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * IoTaaP through the whole gateway over real sockets: its own queries and mutations, the
 * unified fields it serves, and the upstream calls each costs (the simulator's counts).
 */
const seed = createIotaapSeed();
const demo = seed.users.find((u) => u.email === IOTAAP_DEMO_CREDENTIALS.email)!;
const demoGroups = seed.groups.filter((g) => g.owner === demo._id);
const devicesOf = (groupId: string) => seed.devices.filter((d) => d.owner === demo._id && d.group === groupId);
const fullGroup = demoGroups.find((g) => devicesOf(g._id).length >= 3)!;
const deviceId = (id: string) => encodeId('IOTAAP', 'IotaapDevice', id);
const groupId = (id: string) => encodeId('IOTAAP', 'IotaapGroup', id);
const IOTAAP = { vendors: ['IOTAAP' as const] };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['iotaap'] });
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

/** Upstream calls per route, without the login (shared by the process, may happen in any test). */
function calls(): Record<string, number> {
  return stack.callsWithout('iotaap', 'POST /auth/login');
}

describe('IoTaaP account', () => {
  it('reads the current user with one call', async () => {
    const answer = await gql(stack.url, IotaapCurrentUserDocument);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.iotaapCurrentUser).toMatchObject({ id: demo._id, email: demo.email, username: demo.username, plan: 'pro' });
    expect(calls()).toEqual({ 'GET /users/current': 1 });
  });

  it('updates the current user, and a later read sees the change', async () => {
    const updated = await gql(stack.url, IotaapUpdateCurrentUserDocument, { input: { username: 'contract-user', firstName: 'Contract' } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.iotaapUpdateCurrentUser).toMatchObject({ firstName: 'Contract', username: 'contract-user' });
    const read = await gql(stack.url, IotaapCurrentUserDocument);
    expect(read.data!.iotaapCurrentUser).toMatchObject({ id: demo._id, username: 'contract-user' });
    expect(calls()).toEqual({ 'PUT /users/current': 1, 'GET /users/current': 1 });
  });
});

describe('IoTaaP devices', () => {
  it('creates a device, reads it by id, deletes it, and then it is gone', async () => {
    const created = await gql(stack.url, IotaapCreateDeviceDocument, { name: 'contract-board' });
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.iotaapCreateDevice;
    expect(created.data!.iotaapCreateDevice.name).toBe('contract-board');

    const read = await gql(stack.url, DeviceDocument, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.device).toMatchObject({ id, __typename: 'IotaapDevice', name: 'contract-board', owner: demo._id, group: null });

    const deleted = await gql(stack.url, IotaapDeleteDeviceDocument, { id });
    expect(deleted.data!.iotaapDeleteDevice).toBe(true);
    const gone = await gql(stack.url, DeviceDocument, { id });
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
    expect(calls()).toEqual({ 'POST /devices': 1, 'GET /devices/:id': 2, 'DELETE /devices/:id': 1 });
  });

  it('answers each device with its group, as `group` and as the one item of `groups`', async () => {
    const answer = await gql(stack.url, DevicesWithGroupDocument, { first: 40, filter: IOTAAP });
    expect(answer.errors).toBeUndefined();
    const edges = answer.data!.devices.edges;
    expect(edges).toHaveLength(40);
    for (const { node } of edges) {
      const seeded = seed.devices.find((d) => deviceId(d._id) === node.id)!;
      const expected = seeded.group ? [groupId(seeded.group)] : [];
      expect(node.groups!.map((g) => g.id)).toEqual(expected);
      expect('group' in node ? (node.group?.id ?? null) : undefined).toBe(expected[0] ?? null);
    }
    expect(edges.some(({ node }) => node.groups!.length === 0)).toBe(true);
  });

  it('refuses an id of another type before any call', async () => {
    const answer = await gql(stack.url, IotaapDeleteDeviceDocument, { id: groupId(fullGroup._id) });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('keeps tokens out of raw, and answers a device token only through its own field', async () => {
    const list = await gql(stack.url, DevicesDocument, { first: 40, filter: IOTAAP });
    expect(list.data!.devices.edges).toHaveLength(40);
    const raw = JSON.stringify(list.data!.devices.edges.map((e) => e.node.raw));
    for (const secret of iotaapSeedSecrets(seed)) expect(raw).not.toContain(secret);

    const device = devicesOf(fullGroup._id)[0]!;
    const token = await gql(stack.url, DeviceTokenDocument, { id: deviceId(device._id) });
    expect(token.data!.device).toMatchObject({ id: deviceId(device._id), token: device.token });
  });
});

describe('IoTaaP group list read ahead', () => {
  const groupOf = (id: string) => {
    const group = seed.devices.find((d) => deviceId(d._id) === id)?.group;
    return group ? { id: groupId(group), name: seed.groups.find((g) => g._id === group)!.name } : null;
  };

  it('starts GET /groups beside GET /devices when the devices show their group: both reach IoTaaP before it answers either', async () => {
    const control = stack.simulators.controls.iotaap!;
    control.setFaults({ latencyMs: 2_000 });
    try {
      const answer = gql(stack.url, IotaapDevicesGroupIfDocument, { first: 40, withGroup: true });
      await waitFor('the group list read to reach IoTaaP', () => (calls()['GET /groups'] ?? 0) > 0);
      // The simulator counts a call when it arrives and its bytes when it answers (after the latency).
      expect(calls()).toEqual({ 'GET /devices': 1, 'GET /groups': 1 });
      expect(control.bytes()['GET /devices'] ?? 0).toBe(0);
      const { data, errors } = await answer;
      expect(errors).toBeUndefined();
      expect(data!.devices.edges).toHaveLength(40);
      for (const { node } of data!.devices.edges) expect('group' in node ? node.group : undefined).toEqual(groupOf(node.id));
    } finally {
      control.setFaults({ latencyMs: 0 });
    }
    expect(calls()).toEqual({ 'GET /devices': 1, 'GET /groups': 1 });
  });

  it('reads no group when the operation does not resolve `group` (@include false)', async () => {
    const { data, errors } = await gql(stack.url, IotaapDevicesGroupIfDocument, { first: 40, withGroup: false });
    expect(errors).toBeUndefined();
    expect(data!.devices.edges).toHaveLength(40);
    expect(calls()).toEqual({ 'GET /devices': 1 });
  });

  it('answers a page with a few groups from the list read ahead, not with a GET per group', async () => {
    const { data: listed } = await gql(stack.url, IotaapDevicesGroupIfDocument, { first: 40, withGroup: false });
    const ids = listed!.devices.edges.map((e) => e.node.id);
    // The shortest first page with a device in a group: one group, a GET /groups/{id} before.
    const first = ids.findIndex((id) => groupOf(id) !== null) + 1;
    expect(first).toBeGreaterThan(0);
    stack.resetCounts();

    const { data, errors } = await gql(stack.url, IotaapDevicesGroupIfDocument, { first, withGroup: true });
    expect(errors).toBeUndefined();
    for (const { node } of data!.devices.edges) expect('group' in node ? node.group : undefined).toEqual(groupOf(node.id));
    expect(calls()).toEqual({ 'GET /devices': 1, 'GET /groups': 1 });
  });

  it('leaves no read behind when IoTaaP is down: the list answers its error, and the server keeps serving', async () => {
    const control = stack.simulators.controls.iotaap!;
    control.setFaults({ down: true });
    try {
      // A page size no earlier test read: no stale copy of it to serve.
      const answer = await gql(stack.url, IotaapDevicesGroupIfDocument, { first: 7, withGroup: true });
      expect(errorCodes(answer)).toEqual(['VENDOR_UNAVAILABLE']);
    } finally {
      control.setFaults({ down: false });
    }
    const { data, errors } = await gql(stack.url, IotaapDevicesGroupIfDocument, { first: 5, withGroup: true });
    expect(errors).toBeUndefined();
    expect(data!.devices.edges).toHaveLength(5);
  });
});

describe('IoTaaP groups', () => {
  it("pages a group's devices (GET /groups/devices/{id}), the same records as its members", async () => {
    const expected = devicesOf(fullGroup._id);
    const answer = await gql(stack.url, GroupWithMembersDocument, { id: groupId(fullGroup._id), first: 2 });
    expect(answer.errors).toBeUndefined();
    const group = answer.data!.group!;
    if (!('devices' in group)) throw new Error('expected an IotaapGroup');
    expect(group.owner).toBe(demo._id);
    expect(group.devices!.totalCount).toBe(expected.length);
    expect(group.members!.totalCount).toBe(expected.length);
    expect(group.devices!.edges).toHaveLength(2);
    expect(group.devices!.edges.map((e) => e.node.id)).toEqual(group.members!.edges.map((e) => e.node.id));
    for (const { node } of group.devices!.edges) expect(node.group?.id).toBe(groupId(fullGroup._id));
  });
});
