import { encodeId } from '../../src/core/ids';
import { createMainfluxSeed, MAINFLUX_TENANT_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import {
  DeleteGroupDocument,
  MainfluxAccessDocument,
  MainfluxAddGroupMembersDocument,
  MainfluxChannelMessagesDocument,
  MainfluxConnectDocument,
  MainfluxCreateChannelsDocument,
  MainfluxCreateGroupDocument,
  MainfluxCreateThingsDocument,
  MainfluxDeleteChannelDocument,
  MainfluxDeleteThingDocument,
  MainfluxDisconnectDocument,
  MainfluxIdentifyDocument,
  MainfluxNodesDocument,
  MainfluxSendMessagesDocument,
  MainfluxThingsWithChannelsDocument,
  MainfluxUpdateChannelDocument,
  MainfluxUpdateThingDocument,
  RemoveGroupMembersDocument,
  UpdateGroupDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

const seed = createMainfluxSeed();
const thingNamed = (name: string) => seed.things.find((t) => t.name === name)!;
const channelNamed = (name: string) => seed.channels.find((c) => c.name === name)!;
const thingId = (id: string) => encodeId('MAINFLUX', 'MainfluxThing', id);
const channelId = (id: string) => encodeId('MAINFLUX', 'MainfluxChannel', id);
/** The SenML pack of the doc's "Send Messages" example. */
const DOC_PACK = [
  { bn: 'some-base-name:', bt: 1.276020076001e9, bu: 'A', bver: 5, n: 'voltage', u: 'V', v: 120.1 },
  { n: 'current', t: -5, v: 1.2 },
  { n: 'current', t: -4, v: 1.3 },
];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

function calls(): Record<string, number> {
  return stack.callsWithout('mainflux', 'POST /tokens');
}

function expectRefusedBeforeAnyCall(answer: { errors?: Array<{ extensions?: Record<string, unknown> }> }, code = 'BAD_USER_INPUT'): void {
  expect(errorCodes(answer)).toEqual([code]);
  expect(answer.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX' });
  expect(stack.upstream('mainflux')).toBe(0);
}

describe('Mainflux things and channels lifecycle', () => {
  it('creates things in one bulk call (external UUIDv4 ids kept), connects them, sends and reads SenML', async () => {
    const externalId = '3f1c2a4e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';
    const created = await gql(stack.url, MainfluxCreateThingsDocument, {
      things: [{ id: externalId, name: 'lab-meter', metadata: { lab: true } }, { name: 'lab-sensor' }],
    });
    expect(created.errors).toBeUndefined();
    const [meter, sensor] = created.data!.mainfluxCreateThings;
    expect(meter).toMatchObject({ nativeId: externalId, name: 'lab-meter', metadata: { lab: true }, raw: { key: '[REDACTED]' } });
    const channels = await gql(stack.url, MainfluxCreateChannelsDocument, { channels: [{ name: 'lab' }] });
    const lab = channels.data!.mainfluxCreateChannels[0]!;
    expect(lab.name).toBe('lab');
    expect(calls()).toEqual({ 'POST /things': 1, 'POST /channels': 1 });

    stack.resetCounts();
    const connect = await gql(stack.url, MainfluxConnectDocument, { input: { channelIds: [lab.id], thingIds: [meter!.id, sensor!.id] } });
    expect(connect.data!.mainfluxConnect).toBe(true);
    expect(calls()).toEqual({ 'POST /connect': 1 });

    stack.resetCounts();
    const sent = await gql(stack.url, MainfluxSendMessagesDocument, { channelId: lab.id, thingId: meter!.id, senml: DOC_PACK });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.mainfluxSendMessages).toBe(3);
    // The key is read by the gateway (one GET), then one POST to the HTTP adapter.
    expect(calls()).toEqual({ 'GET /things/:id': 1, 'POST /http/channels/:id/messages': 1 });

    const read = await gql(stack.url, MainfluxChannelMessagesDocument, { id: lab.id, first: 10 });
    const points = read.data!.channel!.messages!.edges.map((e) => e.node);
    // Base name, time and unit resolved as in the doc's read example.
    expect(points.map(({ name, unit, value, time }) => ({ name, unit, value, time }))).toEqual([
      { name: 'some-base-name:voltage', unit: 'V', value: 120.1, time: new Date(1276020076001).toISOString() },
      { name: 'some-base-name:current', unit: 'A', value: 1.3, time: new Date(1276020072001).toISOString() },
      { name: 'some-base-name:current', unit: 'A', value: 1.2, time: new Date(1276020071001).toISOString() },
    ]);
    expect(points[0]!.source.id).toBe(meter!.id);
  });

  it('updates, disconnects and deletes', async () => {
    const created = await gql(stack.url, MainfluxCreateThingsDocument, { things: [{ name: 'temp-probe', metadata: { a: 1 } }] });
    const probe = created.data!.mainfluxCreateThings[0]!;
    const floor6 = channelId(channelNamed('floor-6').id);
    await gql(stack.url, MainfluxConnectDocument, { input: { channelIds: [floor6], thingIds: [probe.id] } });
    stack.resetCounts();
    const renamed = await gql(stack.url, MainfluxUpdateThingDocument, { id: probe.id, input: { name: 'temp-probe-2' } });
    expect(renamed.data!.mainfluxUpdateThing).toEqual({ id: probe.id, name: 'temp-probe-2', metadata: { a: 1 } });
    // PUT takes the whole state: the current record is read once, then written once.
    expect(calls()).toEqual({ 'GET /things/:id': 1, 'PUT /things/:id': 1 });
    const channel = await gql(stack.url, MainfluxUpdateChannelDocument, { id: floor6, input: { metadata: { floor: 6, wing: 'east' } } });
    expect(channel.data!.mainfluxUpdateChannel).toMatchObject({ name: 'floor-6', metadata: { floor: 6, wing: 'east' } });

    const disconnect = await gql(stack.url, MainfluxDisconnectDocument, { input: { channelIds: [floor6], thingIds: [probe.id] } });
    expect(disconnect.data!.mainfluxDisconnect).toBe(true);
    const forbidden = await gql(stack.url, MainfluxSendMessagesDocument, { channelId: floor6, thingId: probe.id, senml: [{ n: 'temperature', u: 'Cel', v: 20 }] });
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(forbidden.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX' });

    const deleted = await gql(stack.url, MainfluxDeleteThingDocument, { id: probe.id });
    expect(deleted.data!.mainfluxDeleteThing).toBe(true);
    const gone = await gql(stack.url, MainfluxNodesDocument, { ids: [probe.id] });
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
    const spare = await gql(stack.url, MainfluxCreateChannelsDocument, { channels: [{ name: 'x' }, { name: 'y' }] });
    expect(spare.data!.mainfluxCreateChannels.map((c) => c.name)).toEqual(['x', 'y']);
    expect((await gql(stack.url, MainfluxDeleteChannelDocument, { id: spare.data!.mainfluxCreateChannels[0]!.id })).data!.mainfluxDeleteChannel).toBe(true);
  });

  it('identifies keys and checks channel access', async () => {
    const sensor = thingNamed('f3-air');
    const identified = await gql(stack.url, MainfluxIdentifyDocument, { key: sensor.key });
    expect(identified.data!.mainfluxIdentify).toEqual({ id: thingId(sensor.id), name: 'f3-air' });
    const floor3 = channelId(channelNamed('floor-3').id);
    const floor4 = channelId(channelNamed('floor-4').id);
    expect((await gql(stack.url, MainfluxAccessDocument, { channelId: floor3, key: sensor.key, thingId: thingId(sensor.id) })).data).toEqual({ byKey: true, byId: true });
    expect((await gql(stack.url, MainfluxAccessDocument, { channelId: floor4, key: sensor.key, thingId: thingId(sensor.id) })).data).toEqual({ byKey: false, byId: false });
    expect(stack.logs.text).not.toContain(sensor.key);
  });

  it('adds things to a new group', async () => {
    const created = await gql(stack.url, MainfluxCreateGroupDocument, { input: { vendor: 'MAINFLUX', name: 'lab-group', description: 'Lab things' } });
    expect(created.errors).toBeUndefined();
    const group = created.data!.createGroup;
    expect(group).toMatchObject({ name: 'lab-group', description: 'Lab things', ownerId: encodeId('MAINFLUX', 'MainfluxUser', seed.users[0]!.id) });
    stack.resetCounts();
    const members = [thingNamed('f5-temp-a'), thingNamed('f5-temp-b')].map((t) => thingId(t.id));
    const added = await gql(stack.url, MainfluxAddGroupMembersDocument, { id: group.id, memberIds: members });
    expect(added.data!.addGroupMembers.members!.totalCount).toBe(2);
    expect(calls()).toEqual({ 'GET /groups/:id': 1, 'POST /groups/:id/members': 1, 'GET /groups/:id/members': 1 });

    stack.resetCounts();
    const renamed = await gql(stack.url, UpdateGroupDocument, { id: group.id, input: { name: 'lab-group-2' } });
    expect(renamed.data!.updateGroup).toEqual({ id: group.id, name: 'lab-group-2' });
    // PUT takes the whole state: one read (name, description, metadata), one write.
    expect(calls()).toEqual({ 'GET /groups/:id': 1, 'PUT /groups/:id': 1 });
    const removed = await gql(stack.url, RemoveGroupMembersDocument, { id: group.id, memberIds: members.slice(0, 1) });
    expect(removed.data!.removeGroupMembers.members!.totalCount).toBe(1);
    expect((await gql(stack.url, DeleteGroupDocument, { id: group.id })).data!.deleteGroup).toBe(true);
    expect(errorCodes(await gql(stack.url, MainfluxNodesDocument, { ids: [group.id] }))).toEqual(['NOT_FOUND']);
  });
});

describe('Mainflux bad input', () => {
  it('refuses non-UUIDv4 external ids, duplicates and blank names before any call', async () => {
    for (const things of [[{ id: '3f1c2a4e-8b7d-1c6e-9a5b-1d2e3f4a5b6c', name: 'v1-uuid' }], [{ id: '../x', name: 'a' }], [{ name: ' ' }], []]) {
      stack.resetCounts();
      expectRefusedBeforeAnyCall(await gql(stack.url, MainfluxCreateThingsDocument, { things }));
    }
    const id = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    stack.resetCounts();
    expectRefusedBeforeAnyCall(await gql(stack.url, MainfluxCreateChannelsDocument, { channels: [{ id, name: 'a' }, { id, name: 'b' }] }));
  });

  it('creates nothing when the vendor refuses one element of a bulk create', async () => {
    const fresh = 'c0ffee00-1234-4abc-8def-0123456789ab';
    const taken = thingNamed('f1-temp-a').id;
    const answer = await gql(stack.url, MainfluxCreateThingsDocument, { things: [{ id: fresh, name: 'new' }, { id: taken, name: 'dup' }] });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]).toMatchObject({ message: 'MAINFLUX: entity already exists', extensions: { vendor: 'MAINFLUX', status: 409 } });
    const lookup = await gql(stack.url, MainfluxNodesDocument, { ids: [thingId(fresh)] });
    expect(errorCodes(lookup)).toEqual(['NOT_FOUND']);
  });

  it('refuses invalid SenML before any call, and names unknown channels NOT_FOUND', async () => {
    const meter = thingId(thingNamed('f1-meter-1').id);
    const floor1 = channelId(channelNamed('floor-1').id);
    const packs = [[{ n: 'x' }], [{ v: 1 }], [{ n: 'x', v: 1, vs: 'two values' }], [{ n: 'x', v: 1, colour: 'red' }], []];
    for (const senml of packs) {
      stack.resetCounts();
      expectRefusedBeforeAnyCall(await gql(stack.url, MainfluxSendMessagesDocument, { channelId: floor1, thingId: meter, senml }));
    }
    const unknown = await gql(stack.url, MainfluxSendMessagesDocument, { channelId: channelId('0a0a0a0a-0000-4000-8000-000000000000'), thingId: meter, senml: [{ n: 'x', v: 1 }] });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX' });
  });

  it("uses the caller's x-mainflux-token instead of the gateway's credential", async () => {
    const login = await fetch(`${stack.simulators.urls.mainflux}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MAINFLUX_TENANT_CREDENTIALS),
    });
    const { token } = (await login.json()) as { token: string };
    const answer = await gql(stack.url, MainfluxThingsWithChannelsDocument, { first: 10 }, { 'x-mainflux-token': token });
    expect(answer.data!.things.edges.map((e) => e.node.name)).toEqual(['tenant-temp']);
    expect(stack.logs.text).not.toContain(token);
  });
});
