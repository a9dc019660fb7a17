import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  DevicesWithGroupDocument,
  GroupWithMembersDocument,
  GroupsDocument,
  RemoveGroupMembersDocument,
  UpdateDeviceDocument,
  UpdateGroupDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { IOTAAP_FREE_CREDENTIALS } from '../../src/simulators/iotaap/iotaap.seed';

/** Other vendors join these lists; these tests are about IoTaaP. */
const IOTAAP = { vendors: ['IOTAAP' as const] };

let stack: Stack;
beforeAll(async () => {
  // IoTaaP alone: the other vendors are NOT_CONFIGURED here, which one test relies on.
  stack = await startStack({ vendors: ['iotaap'] });
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

async function firstGroup() {
  const groups = await gql(stack.url, GroupsDocument, { first: 10, filter: IOTAAP });
  return groups.data!.groups.edges.map((e) => e.node);
}

describe('IoTaaP groups through the unified contract', () => {
  it('lists groups with totals, redacted raw and search', async () => {
    const answer = await gql(stack.url, GroupsDocument, { first: 100, filter: IOTAAP });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.groups.totalCount).toBe(6);
    for (const { node } of answer.data!.groups.edges) {
      expect(node.__typename).toBe('IotaapGroup');
      expect(node.raw.token).toBe('[REDACTED]');
    }
    const search = await gql(stack.url, GroupsDocument, { filter: { ...IOTAAP, search: 'cooling' } });
    expect(search.data!.groups.edges.map((e) => e.node.name)).toEqual(['cooling_system']);
    const other = await gql(stack.url, GroupsDocument, { filter: { vendors: ['MAINFLUX'] } });
    expect(other.data!.groups.totalCount).toBe(0);
  });

  it('pages a group’s members and devices from GET /groups/devices/{id}', async () => {
    const [group] = await firstGroup();
    stack.resetCounts();
    const answer = await gql(stack.url, GroupWithMembersDocument, { id: group!.id, first: 2 });
    expect(answer.errors).toBeUndefined();
    const loaded = answer.data!.group!;
    if (!('devices' in loaded)) throw new Error('expected an IotaapGroup');
    expect(loaded.members!.totalCount).toBeGreaterThan(2);
    expect(loaded.members!.edges).toHaveLength(2);
    expect(loaded.devices!.edges.every((e) => e.node.group?.id === group!.id)).toBe(true);
    // group by id (1) + members page (1) + devices page (1); the devices' `group` comes from the loader.
    const { 'POST /auth/login': _login, ...calls } = stack.simulators.controls.iotaap!.counts();
    expect(calls).toEqual({ 'GET /groups/:id': 1, 'GET /groups/devices/:id': 2 });
  });

  it('creates, renames, fills, empties and deletes a group', async () => {
    const created = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'IOTAAP', name: 'regatta_fleet' } });
    expect(created.errors).toBeUndefined();
    const group = created.data!.createGroup;
    expect(group).toMatchObject({ __typename: 'IotaapGroup', name: 'regatta_fleet', vendor: 'IOTAAP', description: null });

    const renamed = await gql(stack.url, UpdateGroupDocument, { id: group.id, input: { name: 'regatta_fleet_2' } });
    expect(renamed.data!.updateGroup.name).toBe('regatta_fleet_2');

    const devices = await gql(stack.url, DevicesWithGroupDocument, { first: 3, filter: IOTAAP });
    const memberIds = devices.data!.devices.edges.map((e) => e.node.id);
    const added = await gql(stack.url, AddGroupMembersDocument, { id: group.id, memberIds });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addGroupMembers.members!.totalCount).toBe(3);

    const removed = await gql(stack.url, RemoveGroupMembersDocument, { id: group.id, memberIds: memberIds.slice(0, 1) });
    expect(removed.data!.removeGroupMembers.members!.totalCount).toBe(2);

    const deleted = await gql(stack.url, DeleteGroupDocument, { id: group.id });
    expect(deleted.data!.deleteGroup).toBe(true);
    const gone = await gql(stack.url, GroupWithMembersDocument, { id: group.id });
    expect(gone.data!.group).toBeNull();
    expect(gone.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'IOTAAP' });
  });

  it('moves a device between groups and out of them with updateDevice', async () => {
    const [a, b] = await firstGroup();
    const devices = await gql(stack.url, DevicesWithGroupDocument, { first: 1, filter: IOTAAP });
    const device = devices.data!.devices.edges[0]!.node;
    const moved = await gql(stack.url, UpdateDeviceDocument, { id: device.id, input: { groupId: b!.id, name: 'renamed_device' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateDevice).toMatchObject({ name: 'renamed_device', group: { id: b!.id } });
    const out = await gql(stack.url, UpdateDeviceDocument, { id: device.id, input: { groupId: null } });
    expect(out.data!.updateDevice).toMatchObject({ name: 'renamed_device', group: null });
    expect(a).toBeDefined();
  });

  it('refuses what IoTaaP cannot hold before calling it', async () => {
    const [group] = await firstGroup();
    stack.resetCounts();
    const described = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'IOTAAP', name: 'x', description: 'nope' } });
    expect(errorCodes(described)).toEqual(['BAD_USER_INPUT']);
    const blank = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'IOTAAP', name: '   ' } });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    const notConfigured = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'MAINFLUX', name: 'x' } });
    expect(errorCodes(notConfigured)).toEqual(['VENDOR_NOT_CONFIGURED']);
    const selfMember = await gql(stack.url, AddGroupMembersDocument, { id: group!.id, memberIds: [group!.id] });
    expect(errorCodes(selfMember)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('iotaap')).toBe(0);
  });

  it('uses the caller’s own IoTaaP token from x-iotaap-token, and passes the plan limit on as FORBIDDEN', async () => {
    const login = await fetch(`${stack.simulators.urls.iotaap}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(IOTAAP_FREE_CREDENTIALS),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { 'x-iotaap-token': token };
    const groups = await gql(stack.url, GroupsDocument, { filter: IOTAAP }, headers);
    expect(groups.data!.groups.totalCount).toBe(1);
    const refused = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'IOTAAP', name: 'more' } }, headers);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', vendor: 'IOTAAP' });
    expect(refused.errors![0]!.message).toContain('free model');
    expect(JSON.stringify(refused)).not.toContain(token);
    const bad = await gql(stack.url, GroupsDocument, { filter: IOTAAP }, { 'x-iotaap-token': 'forged' });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IOTAAP' });
  });
});
