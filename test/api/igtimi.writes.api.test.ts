import { encodeId } from '../../src/core/ids';
import { IGTIMI_ARCHIVE_EPOCH, IGTIMI_BASE_EPOCH, IGTIMI_DEMO_CLIENT } from '../../src/simulators/igtimi/igtimi.seed';
import {
  IgtimiAddGroupMemberDocument,
  IgtimiAppendSessionLogDocument,
  IgtimiBlobByKindDocument,
  IgtimiBlobDocument,
  IgtimiCreateDataAccessWindowDocument,
  IgtimiCreateDeviceDocument,
  IgtimiCreateDeviceGroupDocument,
  IgtimiCreateGroupDocument,
  IgtimiCreateSessionDocument,
  IgtimiDataAccessWindowsDocument,
  IgtimiDataDocument,
  IgtimiDeleteGroupDocument,
  IgtimiDeleteSessionDocument,
  IgtimiDeviceDetailsDocument,
  IgtimiDeviceGroupSecretsDocument,
  IgtimiDeviceMeasurementsDocument,
  IgtimiGroupsDocument,
  IgtimiReferenceDocument,
  IgtimiRegisterDeviceDocument,
  IgtimiRemoveGroupMemberDocument,
  IgtimiRenameDeviceDocument,
  IgtimiSaveBlobDocument,
  IgtimiSessionWithLogDocument,
  IgtimiSetGroupModifyDocument,
  IgtimiSetGroupPublicDocument,
  IgtimiUnregisterDeviceDocument,
  IgtimiUserDocument,
  IgtimiUsersWithIdsDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/** Igtimi writes, auth and the archive flow over real sockets, with exact upstream counts. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

const counts = () => stack.simulators.controls.igtimi!.counts();
const groupId = (id: number | string) => encodeId('IGTIMI', 'IgtimiGroup', String(id));
const userId = (id: number) => encodeId('IGTIMI', 'IgtimiUser', String(id));
const at = (ms: number) => new Date(ms).toISOString();

describe('Igtimi credentials', () => {
  it('runs the client-credentials grant again once when the token is revoked, then succeeds', async () => {
    await gql(stack.url, IgtimiReferenceDocument, {});
    const token = await fetch(`${stack.simulators.urls.igtimi}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...IGTIMI_DEMO_CLIENT }).toString(),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    // Client-credentials tokens are reused per application, so this is the gateway's token too.
    await fetch(`${stack.simulators.urls.igtimi}/oauth/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token.access_token}` });
    stack.resetCounts();
    const answer = await gql(stack.url, IgtimiBlobDocument, { recordId: userId(2) });
    expect(answer.data!.igtimiBlob).toBe('{"role":"race office"}');
    expect(counts()).toEqual({ 'GET /api/v1/users/:id/blob': 2, 'POST /oauth/token': 1 });
  });

  it('answers a revoked caller token with UNAUTHENTICATED from IGTIMI after one call (a caller token cannot be refreshed)', async () => {
    const answer = await gql(stack.url, IgtimiBlobDocument, { recordId: userId(2) }, { 'x-igtimi-token': 'revoked-token-of-a-former-user' });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IGTIMI' });
    expect(counts()).toEqual({ 'GET /api/v1/users/:id/blob': 1 });
    expect(stack.logs.text).not.toContain('revoked-token-of-a-former-user');
  });

  it('gives front-ends the authorize URL of the configured application', async () => {
    const answer = await gql(stack.url, IgtimiReferenceDocument, {});
    const url = new URL(answer.data!.igtimiAuthorizeUrl);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: IGTIMI_DEMO_CLIENT.client_id, redirect_uri: IGTIMI_DEMO_CLIENT.redirect_uri });
    expect(answer.data!.igtimiDataTypes.find((t) => t.id === 1)!.measurementNames).toEqual(['longitude', 'latitude']);
    expect(answer.data!.igtimiWebSocketServers).toHaveLength(2);
  });
});

describe('Igtimi data ranges and archives', () => {
  it('splits a long range into one-week calls, each carrying every serial', async () => {
    const from = IGTIMI_BASE_EPOCH - 10 * 24 * 3600_000;
    const answer = await gql(stack.url, IgtimiDataDocument, { serialNumbers: ['GA-EN-AAEJ', 'GA-EN-SYLT'], from: at(from), to: at(from + 15 * 24 * 3600_000), names: ['sog'] });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.igtimiData).toMatchObject({ calls: 3, complete: true });
    expect(answer.data!.igtimiData.measurements.length).toBeGreaterThan(1000);
    expect(counts()).toEqual({ 'GET /api/v1/resources/data': 3 });
  });

  it('reports archived resources being restored instead of silently returning less, then returns them', async () => {
    const variables = { serialNumbers: ['GA-EN-AAEJ'], from: at(IGTIMI_ARCHIVE_EPOCH), to: at(IGTIMI_ARCHIVE_EPOCH + 60_000), names: ['latitude'] };
    const first = await gql(stack.url, IgtimiDataDocument, variables);
    expect(first.data!.igtimiData).toMatchObject({ complete: false, archivedResourceIds: [300], measurements: [] });
    const second = await gql(stack.url, IgtimiDataDocument, variables);
    expect(second.data!.igtimiData).toMatchObject({ complete: true, archivedResourceIds: [] });
    expect(second.data!.igtimiData.measurements).toHaveLength(61);
  });

  it('fails a device measurements field with the archived resource ids while they are restored', async () => {
    const id = encodeId('IGTIMI', 'IgtimiDevice', 'GA-EN-SYLT');
    const answer = await gql(stack.url, IgtimiDeviceMeasurementsDocument, { id, from: at(IGTIMI_ARCHIVE_EPOCH), to: at(IGTIMI_ARCHIVE_EPOCH + 5000) });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'IGTIMI', archivedResources: [301] });
  });
});

describe('Igtimi sessions and logs', () => {
  it('creates a session, names it through its log, and deletes it', async () => {
    const created = await gql(stack.url, IgtimiCreateSessionDocument, {});
    const session = created.data!.igtimiCreateSession;
    expect(session.name).toBeNull();
    const xml = `<session_log><entry time="${IGTIMI_BASE_EPOCH}"><name>Race 3</name><start_time>${IGTIMI_BASE_EPOCH}</start_time><device serial_number="GA-EN-AAEJ"/></entry></session_log>`;
    const appended = await gql(stack.url, IgtimiAppendSessionLogDocument, { id: session.id, xml });
    expect(appended.data!.igtimiAppendSessionLog).toBe(true);
    const read = await gql(stack.url, IgtimiSessionWithLogDocument, { id: session.id });
    expect(read.data!.session).toMatchObject({ name: 'Race 3', startTime: at(IGTIMI_BASE_EPOCH), devices: [{ serialNumber: 'GA-EN-AAEJ' }] });
    expect((await gql(stack.url, IgtimiDeleteSessionDocument, { id: session.id })).data!.igtimiDeleteSession).toBe(true);
  });

  it('turns well-formed XML that Igtimi refuses (403) into BAD_USER_INPUT, never a 500', async () => {
    const answer = await gql(stack.url, IgtimiAppendSessionLogDocument, { id: encodeId('IGTIMI', 'IgtimiSession', '1'), xml: '<race><entry time="1"/></race>' });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.message).toContain('session_log');
    expect(counts()).toEqual({ 'POST /api/v1/sessions/:id/logs': 1 });
  });
});

describe('Igtimi groups', () => {
  it('creates and deletes a user group through the unified mutations', async () => {
    const created = await gql(stack.url, IgtimiCreateGroupDocument, { name: 'Jury' });
    expect(created.data!.createGroup).toMatchObject({ __typename: 'IgtimiGroup', name: 'Jury' });
    const described = await gql(stack.url, IgtimiCreateGroupDocument, { name: 'Jury', description: 'x' });
    expect(errorCodes(described)).toEqual(['BAD_USER_INPUT']);
    expect((await gql(stack.url, IgtimiDeleteGroupDocument, { id: created.data!.createGroup.id })).data!.deleteGroup).toBe(true);
  });

  it('lists user groups with their members and device groups with their devices', async () => {
    const answer = await gql(stack.url, IgtimiGroupsDocument, {});
    expect(answer.errors).toBeUndefined();
    const groups = answer.data!.groups.edges.map((e) => e.node);
    const coaches = groups.find((g) => g.name === 'Coaches')!;
    expect(coaches.members!.edges.map((e) => e.node.__typename).sort()).toEqual(['IgtimiGroup', 'IgtimiUser', 'IgtimiUser', 'IgtimiUser']);
    expect(groups.find((g) => g.name === 'Media')).toMatchObject({ public: true });
    expect(groups.find((g) => g.name === 'GA-EN')!.members!.totalCount).toBe(12);
  });

  it('adds and removes members named by the `id` a read answered, grants modify and makes a group public', async () => {
    const users = await gql(stack.url, IgtimiUsersWithIdsDocument, {});
    const user = users.data!.igtimiUsers.find((u) => u.userId === 7)!;
    expect((await gql(stack.url, IgtimiUserDocument, { id: user.id })).data!.igtimiUser).toEqual(user);
    const groups = await gql(stack.url, IgtimiGroupsDocument, {});
    const media = groups.data!.groups.edges.find((e) => e.node.name === 'Media')!.node.id;
    const memberIds = async () =>
      (await gql(stack.url, IgtimiGroupsDocument, {})).data!.groups.edges.find((e) => e.node.id === media)!.node.members!.edges.map((e) => e.node.id);
    expect(await memberIds()).not.toContain(user.id);
    stack.resetCounts();
    expect((await gql(stack.url, IgtimiAddGroupMemberDocument, { groupId: media, member: { id: user.id } })).data!.igtimiAddGroupMember).toBe(true);
    expect(counts()).toEqual({ 'POST /api/v1/groups/:id/members': 1 });
    expect(await memberIds()).toContain(user.id);
    // A membership answers the same kind of id the member argument takes.
    const memberships = (await gql(stack.url, IgtimiGroupsDocument, {})).data!.groups.edges.find((e) => e.node.id === media)!.node;
    expect(memberships.__typename === 'IgtimiGroup' && memberships.memberships?.map((m) => m.memberId)).toContain(user.id);
    stack.resetCounts();
    expect((await gql(stack.url, IgtimiSetGroupModifyDocument, { groupId: media, member: { id: user.id }, grant: true })).data!.igtimiSetGroupModify).toBe(true);
    expect((await gql(stack.url, IgtimiSetGroupPublicDocument, { groupId: media, public: false })).data!.igtimiSetGroupPublic).toBe(true);
    // The deprecated Int `userId` still works for one release.
    expect((await gql(stack.url, IgtimiRemoveGroupMemberDocument, { groupId: media, member: { userId: 7 } })).data!.igtimiRemoveGroupMember).toBe(true);
    expect(counts()).toEqual({
      'POST /api/v1/groups/:id/grant_modify': 1,
      'POST /api/v1/groups/:id/make_private': 1,
      'DELETE /api/v1/groups/:id/members': 1,
    });
  });
});

describe('Igtimi devices, device groups and blobs', () => {
  it('creates a device in a device group, renames, unregisters and registers it again', async () => {
    const created = await gql(stack.url, IgtimiCreateDeviceDocument, { input: { prefix: 'GA-EN', uid: 'uid-42', deviceGroupId: encodeId('IGTIMI', 'IgtimiDeviceGroup', '1') } });
    expect(created.errors).toBeUndefined();
    const device = created.data!.igtimiCreateDevice;
    expect(device.serialNumber).toMatch(/^GA-EN-[A-Z]{4}$/);
    const renamed = await gql(stack.url, IgtimiRenameDeviceDocument, { id: device.id, name: 'Kotare' });
    expect(renamed.data!.updateDevice).toMatchObject({ name: 'Kotare' });
    expect((await gql(stack.url, IgtimiUnregisterDeviceDocument, { serial: device.serialNumber! })).data!.igtimiUnregisterDevice).toBe(true);
    const registered = await gql(stack.url, IgtimiRegisterDeviceDocument, { serial: device.serialNumber!, serviceTag: device.serviceTag! });
    expect(registered.data!.igtimiRegisterDevice.ownerId).toBe(2);
    const dated = await gql(stack.url, IgtimiCreateDeviceDocument, { input: { prefix: 'GA', date: 'FR', imei: '351234567890123' } });
    expect(dated.data!.igtimiCreateDevice.serialNumber).toMatch(/^GA-FR-[A-Z]{4}$/);
    const bad = await gql(stack.url, IgtimiCreateDeviceDocument, { input: { prefix: 'ga-en' } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'prefix' });
  });

  it('shares a data window and creates a sub device group', async () => {
    const window = await gql(stack.url, IgtimiCreateDataAccessWindowDocument, {
      input: { serialNumber: 'GA-EN-AAEJ', from: at(IGTIMI_BASE_EPOCH), to: at(IGTIMI_BASE_EPOCH + 3600_000), read: true, modify: false, granteeId: groupId(6) },
    });
    expect(window.data!.igtimiCreateDataAccessWindow).toBe(true);
    const windows = await gql(stack.url, IgtimiDataAccessWindowsDocument, { serialNumbers: ['GA-EN-AAEJ'] });
    expect(windows.data!.igtimiDataAccessWindows).toContainEqual(expect.objectContaining({ recipientKind: 'GROUP', recipientId: 6, granteeId: groupId(6) }));
    const sub = await gql(stack.url, IgtimiCreateDeviceGroupDocument, {
      input: { prefix: 'GA-EX', createDevices: true, createTokens: false, parentDeviceGroupId: encodeId('IGTIMI', 'IgtimiDeviceGroup', '1'), defaultOwner: userId(2) },
    });
    expect(sub.data!.igtimiCreateDeviceGroup).toMatchObject({ prefix: 'GA-EX', createDevices: true, defaultOwnerId: 2 });
  });

  it('shows device group tokens only on their explicit fields', async () => {
    const answer = await gql(stack.url, IgtimiDeviceGroupSecretsDocument, {});
    expect(answer.data!.igtimiDeviceGroups.every((g) => /^[0-9a-f]{32}$/.test(g.token))).toBe(true);
    expect(answer.data!.igtimiDeviceGroupTokens.find((t) => t.parentId === 1)!.expiry).toBe('2024-01-16T02:49:30.000Z');
    const groups = await gql(stack.url, IgtimiGroupsDocument, {});
    for (const group of answer.data!.igtimiDeviceGroups) expect(JSON.stringify(groups)).not.toContain(group.token);
  });

  it('saves and reads blobs exactly as saved', async () => {
    const content = '{"sail":"NZL 7","note":"<b>&</b>"}';
    // The device as a read answers it: its `id` names the blob's owner.
    const device = (await gql(stack.url, IgtimiDeviceDetailsDocument, { serial: 'GA-EN-SYLT' })).data!.igtimiDevice;
    expect((await gql(stack.url, IgtimiSaveBlobDocument, { recordId: device.id, content })).data!.igtimiSaveBlob).toBe(true);
    expect((await gql(stack.url, IgtimiBlobDocument, { recordId: device.id })).data!.igtimiBlob).toBe(content);
    // The deprecated `kind` + raw `id` still reads the same blob for one release.
    expect((await gql(stack.url, IgtimiBlobByKindDocument, { kind: 'DEVICE', id: 'GA-EN-SYLT' })).data!.igtimiBlob).toBe(content);
    stack.resetCounts();
    const wrong = await Promise.all([
      gql(stack.url, IgtimiBlobByKindDocument, { kind: 'SESSION', id: 'GA-EN-SYLT' }),
      gql(stack.url, IgtimiBlobDocument, { recordId: 'GA-EN-SYLT' }),
      gql(stack.url, IgtimiBlobDocument, { recordId: encodeId('IGTIMI', 'IgtimiDeviceGroup', '1') }),
      gql(stack.url, IgtimiBlobDocument, { recordId: encodeId('MAINFLUX', 'MainfluxThing', '6b7a0c4e-1f2d-4c3b-9a8e-7d6c5b4a3f21') }),
      gql(stack.url, IgtimiBlobDocument, { recordId: device.id, resourceId: 1 }),
      gql(stack.url, IgtimiBlobDocument, {}),
    ]);
    for (const answer of wrong) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('igtimi')).toBe(0);
    const missing = await gql(stack.url, IgtimiBlobDocument, { recordId: groupId(999) });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
