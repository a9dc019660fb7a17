import { encodeId } from '../../src/core/ids';
import { createThingseeSeed } from '../../src/simulators/thingsee/thingsee.seed';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  RemoveGroupMembersDocument,
  ThingseeSendCommandsDocument,
  ThingseeSetDeploymentGroupDocument,
  ThingseeSetInstallationStatusDocument,
  ThingseeThingMeasurementsDocument,
  ThingseeThingMessagesDocument,
  UpdateGroupDocument,
} from '../generated/graphql';
import { errorCodes, gql, postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/** Thingsee writes, messages and measurements, and input refused before any vendor call. */
const seed = createThingseeSeed();
const spare = seed.things.find((t) => t.group_id === null)!;
const co2 = seed.things.find((t) => t.kind === 'co2')!;
const presence = seed.things.find((t) => t.kind === 'presence')!;
const thingId = (tuid: string) => encodeId('THINGSEE', 'ThingseeThing', tuid);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

function calls(): Record<string, number> {
  return stack.callsWithout('thingsee', 'POST /auth/client-token');
}

describe('Thingsee writes', () => {
  it('sends allowed commands and lists them afterwards', async () => {
    const sent = await gql(stack.url, ThingseeSendCommandsDocument, {
      thingId: thingId(co2.tuid),
      commands: [{ tsmId: 12200, tsmEv: 30, fields: { measurementInterval: 120 } }],
    });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.thingseeSendCommands).toMatchObject({
      responsible: 'tributary-demo',
      commands: [{ messageId: 12200, eventId: 30, destinationTuid: co2.tuid, raw: { measurementInterval: 120 } }],
    });
    expect(calls()).toEqual({ 'POST /things/:tuid/commands': 1 });

    const listed = await gql(stack.url, ThingseeThingMessagesDocument, { id: thingId(co2.tuid), first: 5 });
    const thing = listed.data!.thing!;
    const commands = 'commands' in thing ? thing.commands : [];
    expect(commands!.at(-1)).toMatchObject({ messageId: 12200, responsible: 'tributary-demo' });
  });

  it('sets the installation status and answers the thing with its new status', async () => {
    const answer = await gql(stack.url, ThingseeSetInstallationStatusDocument, { thingId: thingId(spare.tuid), status: 'INSTALLED' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.thingseeSetInstallationStatus).toMatchObject({
      installationStatus: 'INSTALLED',
      installations: [{ status: 'INSTALLED', responsible: 'tributary-demo' }],
    });
    expect(calls()).toEqual({ 'POST /things/:tuid/installations': 1, 'GET /things/:tuid': 1, 'GET /things/:tuid/installations': 1 });
  });

  it('creates, renames, fills, empties and deletes a deployment group', async () => {
    const created = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'THINGSEE', name: 'lab-2', description: 'Test lab' } });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createGroup).toMatchObject({ __typename: 'ThingseeDeploymentGroup', name: 'lab-2', description: 'Test lab' });
    expect(calls()).toEqual({ 'POST /groups': 1 });

    const renamed = await gql(stack.url, UpdateGroupDocument, { id: created.data!.createGroup.id, input: { name: 'lab-3' } });
    expect(renamed.errors).toBeUndefined();
    const groupId = renamed.data!.updateGroup.id;
    expect(renamed.data!.updateGroup.name).toBe('lab-3');

    const added = await gql(stack.url, AddGroupMembersDocument, { id: groupId, memberIds: [thingId(spare.tuid)] });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addGroupMembers.members!.totalCount).toBe(1);

    const moved = await gql(stack.url, ThingseeSetDeploymentGroupDocument, { thingId: thingId(spare.tuid), groupId: null });
    expect(moved.data!.thingseeSetDeploymentGroup.deploymentGroup).toBeNull();
    const back = await gql(stack.url, ThingseeSetDeploymentGroupDocument, { thingId: thingId(spare.tuid), groupId });
    expect(back.data!.thingseeSetDeploymentGroup.deploymentGroup?.name).toBe('lab-3');
    // `groupId` left out means no group, as null does (it used to fail as INTERNAL_SERVER_ERROR).
    const omitted = await gql(stack.url, ThingseeSetDeploymentGroupDocument, { thingId: thingId(spare.tuid) });
    expect(omitted.errors).toBeUndefined();
    expect(omitted.data!.thingseeSetDeploymentGroup.deploymentGroup).toBeNull();
    const again = await gql(stack.url, ThingseeSetDeploymentGroupDocument, { thingId: thingId(spare.tuid), groupId });
    expect(again.data!.thingseeSetDeploymentGroup.deploymentGroup?.name).toBe('lab-3');

    const removed = await gql(stack.url, RemoveGroupMembersDocument, { id: groupId, memberIds: [thingId(spare.tuid)] });
    expect(removed.data!.removeGroupMembers.members!.totalCount).toBe(0);

    const deleted = await gql(stack.url, DeleteGroupDocument, { id: groupId });
    expect(deleted.data!.deleteGroup).toBe(true);
  });
});

describe('Thingsee messages and measurements', () => {
  it('reads messages in a window with their decoded measurements', async () => {
    const from = '2024-11-04T02:00:00.000Z';
    const to = '2024-11-04T04:00:00.000Z';
    const answer = await gql(stack.url, ThingseeThingMessagesDocument, { id: thingId(co2.tuid), from, to, messageIds: [24100], first: 50 });
    expect(answer.errors).toBeUndefined();
    const thing = answer.data!.thing!;
    const messages = 'messages' in thing ? thing.messages : [];
    const expected = seed.messages.get(co2.tuid)!.filter((m) => m.tsmId === 24100 && m.tsmTs >= Date.parse(from) / 1000 && m.tsmTs <= Date.parse(to) / 1000);
    expect(messages).toHaveLength(expected.length);
    expect(messages![0]!.measurements).toEqual([{ name: 'co2', unit: 'ppm', value: expected.at(-1)!.carbonDioxide, boolValue: null }]);
    expect(calls()['GET /things/:tuid/messages']).toBe(1);
  });

  it('decodes measurements through the catalogue, latest per name, with one messages call', async () => {
    const answer = await gql(stack.url, ThingseeThingMeasurementsDocument, { id: thingId(presence.tuid), names: ['occupancy', 'presenceCount'], last: 3 });
    expect(answer.errors).toBeUndefined();
    const points = answer.data!.thing!.measurements!;
    expect(points.filter((p) => p.name === 'occupancy')).toHaveLength(3);
    expect(points.filter((p) => p.name === 'presenceCount')).toHaveLength(3);
    for (const p of points.filter((q) => q.name === 'occupancy')) expect(typeof p.boolValue).toBe('boolean');
    expect(calls()).toEqual({ 'GET /things/:tuid': 1, 'GET /things/:tuid/messages': 1 });
  });
});

describe('Thingsee bad input, refused before any vendor call', () => {
  it('refuses a disallowed command id, naming the field', async () => {
    const answer = await gql(stack.url, ThingseeSendCommandsDocument, { thingId: thingId(co2.tuid), commands: [{ tsmId: 17110, tsmEv: 30 }] });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.extensions).toMatchObject({ argument: 'commands[0].tsmId' });
    expect(stack.upstream('thingsee')).toBe(0);
  });

  it('refuses malformed and foreign thing ids', async () => {
    for (const id of ['nonsense', encodeId('THINGSEE', 'ThingseeThing', 'bad tuid!'), encodeId('IOTAAP', 'IotaapDevice', 'ffffffffffffffffffffffff')]) {
      const answer = await gql(stack.url, ThingseeSetInstallationStatusDocument, { thingId: id, status: 'RETIRED' });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.extensions).toMatchObject({ argument: 'thingId' });
    }
    expect(stack.upstream('thingsee')).toBe(0);
  });

  it('refuses an installation status the doc does not list', async () => {
    const query = `mutation { thingseeSetInstallationStatus(thingId: "${thingId(co2.tuid)}", status: BROKEN) { id } }`;
    const answer = await postRaw(stack.url, JSON.stringify({ query }));
    expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.errors![0]!.message).toContain('ThingseeInstallationStatus');
    expect(stack.upstream('thingsee')).toBe(0);
  });

  it('refuses group ids with whitespace or named unassigned', async () => {
    for (const name of ['office floor 3', 'unassigned', 'UNASSIGNED']) {
      const answer = await gql(stack.url, CreateGroupDocument, { input: { vendor: 'THINGSEE', name } });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.extensions).toMatchObject({ argument: 'name' });
    }
    expect(stack.upstream('thingsee')).toBe(0);
  });

  it('refuses a backwards time window, and notes unknown measurement names, before reading messages', async () => {
    const backwards = await gql(stack.url, ThingseeThingMessagesDocument, { id: thingId(co2.tuid), from: '2024-11-04T04:00:00Z', to: '2024-11-04T02:00:00Z' });
    expect(errorCodes(backwards)).toContain('BAD_USER_INPUT');
    // A name Thingsee does not offer is a note beside an empty list, as at every vendor.
    const unknown = await gql(stack.url, ThingseeThingMeasurementsDocument, { id: thingId(co2.tuid), names: ['windSpeed'] });
    expect(errorCodes(unknown)).toEqual(['MEASUREMENT_NOT_OFFERED']);
    expect(unknown.errors![0]!.extensions).toMatchObject({ vendor: 'THINGSEE', names: ['windSpeed'] });
    // The things themselves were read (and the commands field, which has no window), but no messages.
    expect(calls()['GET /things/:tuid/messages']).toBeUndefined();
  });
});
