import { encodeId } from '../../src/core/ids';
import { createMainfluxSeed, mainfluxSeedSecrets, MAINFLUX_HISTORY_END } from '../../src/simulators/mainflux/mainflux.seed';
import {
  MainfluxChannelMessagesDocument,
  MainfluxChannelsDocument,
  MainfluxGroupsDocument,
  MainfluxNodesDocument,
  MainfluxThingDocument,
  MainfluxThingKeyDocument,
  MainfluxThingsTwiceDocument,
  MainfluxThingsWithChannelsDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

const seed = createMainfluxSeed();
const admin = seed.users[0]!;
const byName = (name: string) => seed.things.find((t) => t.name === name)!;
const channelNamed = (name: string) => seed.channels.find((c) => c.name === name)!;
const thingId = (id: string) => encodeId('MAINFLUX', 'MainfluxThing', id);
const channelId = (id: string) => encodeId('MAINFLUX', 'MainfluxChannel', id);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

/** Upstream calls per route, without the login (shared by the process, may happen in any test). */
function calls(): Record<string, number> {
  return stack.callsWithout('mainflux', 'POST /tokens');
}

describe('Mainflux reads over HTTP, batched', () => {
  it('answers things { channels { things } } with one list call and one relation call per distinct record', async () => {
    const answer = await gql(stack.url, MainfluxThingsWithChannelsDocument, { first: 5 });
    expect(answer.errors).toBeUndefined();
    const things = answer.data!.things;
    expect(things.totalCount).toBe(seed.things.filter((t) => t.owner === admin.id).length);
    expect(things.edges.map((e) => e.node.name)).toEqual(['f1-temp-a', 'f1-temp-b', 'f1-temp-c', 'f1-meter-1', 'f1-meter-2']);
    const meter = things.edges[3]!.node;
    expect(meter.channels!.map((c) => c.name).sort()).toEqual(['building-energy', 'floor-1']);
    // Five things, two distinct channels (floor-1, building-energy): each relation fetched once.
    expect(calls()).toEqual({ 'GET /things': 1, 'GET /things/:id/channels': 5, 'GET /channels/:id/things': 2 });
  });

  it('costs one call for the same list asked twice in one document', async () => {
    const answer = await gql(stack.url, MainfluxThingsTwiceDocument);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.a.edges).toHaveLength(10);
    expect(calls()).toEqual({ 'GET /things': 1 });
  });

  it('batch-loads many things by walking one full page, a few by one GET each', async () => {
    const ids = seed.things.slice(0, 6).map((t) => thingId(t.id));
    const many = await gql(stack.url, MainfluxNodesDocument, { ids });
    expect(many.data!.nodes.map((n) => n?.id)).toEqual(ids);
    expect(calls()).toEqual({ 'GET /things': 1 });
    stack.resetCounts();
    const few = await gql(stack.url, MainfluxNodesDocument, { ids: ids.slice(0, 2) });
    expect(few.data!.nodes).toHaveLength(2);
    expect(calls()).toEqual({ 'GET /things/:id': 2 });
  });

  it('lists channels with their things and no secret in raw', async () => {
    const answer = await gql(stack.url, MainfluxChannelsDocument, { first: 20 });
    expect(answer.errors).toBeUndefined();
    const floor1 = answer.data!.channels.edges.find((e) => e.node.name === 'floor-1')!.node;
    expect(floor1.things).toHaveLength(6);
    expect(floor1.metadata).toEqual({ floor: 1 });
    const channelCount = answer.data!.channels.edges.length;
    expect(calls()).toEqual({ 'GET /channels': 1, 'GET /channels/:id/things': channelCount });
  });

  it('shows the key only on its explicit field, never in raw or the logs', async () => {
    const sensor = byName('f2-temp-a');
    const list = await gql(stack.url, MainfluxThingsWithChannelsDocument, { first: 40 });
    const raw = JSON.stringify(list.data!.things.edges.map((e) => e.node.raw));
    expect(raw).toContain('[REDACTED]');
    const key = await gql(stack.url, MainfluxThingKeyDocument, { id: thingId(sensor.id) });
    expect(key.data!.thing).toEqual({ id: thingId(sensor.id), key: sensor.key });
    for (const secret of mainfluxSeedSecrets(seed)) {
      expect(raw).not.toContain(secret);
      expect(stack.logs.text).not.toContain(secret);
    }
  });
});

describe('Mainflux messages through the readers', () => {
  const floor1 = channelNamed('floor-1');

  it('pages a channel newest first without repeats, reading with a connected thing key', async () => {
    const first = await gql(stack.url, MainfluxChannelMessagesDocument, { id: channelId(floor1.id), first: 25 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.channel!.messages!;
    // Floor 1 history: 3 temperature sensors + 1 air sensor (2 names), 12 hours.
    expect(page1.totalCount).toBe(60);
    const times = page1.edges.map((e) => Date.parse(e.node.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(calls()).toEqual({ 'GET /channels/:id': 1, 'GET /channels/:id/things': 1, 'GET /channels/:id/messages': 1 });
    const second = await gql(stack.url, MainfluxChannelMessagesDocument, { id: channelId(floor1.id), first: 25, after: page1.pageInfo.endCursor });
    const seen = new Set(page1.edges.map((e) => `${e.node.source.id}${e.node.name}${e.node.time}`));
    for (const edge of second.data!.channel!.messages!.edges) expect(seen.has(`${edge.node.source.id}${edge.node.name}${edge.node.time}`)).toBe(false);
  });

  it('filters by name, publisher and time window, and maps SenML to Measurements', async () => {
    const sensor = byName('f1-temp-b');
    const from = new Date((MAINFLUX_HISTORY_END - 3 * 3600) * 1000).toISOString();
    const answer = await gql(stack.url, MainfluxChannelMessagesDocument, {
      id: channelId(floor1.id),
      first: 50,
      names: ['temperature'],
      publisher: thingId(sensor.id),
      from,
    });
    expect(answer.errors).toBeUndefined();
    const edges = answer.data!.channel!.messages!.edges;
    expect(edges).toHaveLength(3);
    for (const { node } of edges) {
      expect(node).toMatchObject({ vendor: 'MAINFLUX', name: 'temperature', unit: 'Cel', stringValue: null, source: { id: thingId(sensor.id) } });
      expect(node.value).toEqual(expect.any(Number));
      expect(Date.parse(node.time)).toBeGreaterThanOrEqual(Date.parse(from));
    }
  });

  it("reads a thing's measurements from every channel it is connected to, per name", async () => {
    const meter = byName('main-meter');
    const answer = await gql(stack.url, MainfluxThingDocument, { id: thingId(meter.id), names: ['voltage', 'current'], last: 3 });
    expect(answer.errors).toBeUndefined();
    const points = answer.data!.thing!.measurements;
    expect(points!.filter((p) => p.name === 'voltage')).toHaveLength(3);
    expect(points!.filter((p) => p.name === 'current').every((p) => p.unit === 'A')).toBe(true);
    const webhooks = answer.data!.thing!.__typename === 'MainfluxThing' ? answer.data!.thing!.webhooks : [];
    expect(webhooks!.map((w) => w.name).sort()).toEqual(['billing', 'energy-dashboard']);
    // One channel (building-energy) × two names; the thing, its channels, groups and webhooks once each.
    expect(calls()).toEqual({
      'GET /things/:id': 1,
      'GET /things/:id/channels': 1,
      'GET /things/:id/groups': 1,
      'GET /webhooks/:thingId': 1,
      'GET /channels/:id/messages': 2,
    });
  });

  it('refuses bad windows, several names and foreign publishers before reading any message', async () => {
    const id = channelId(floor1.id);
    const cases = [
      { id, from: '2024-11-02T00:00:00Z', to: '2024-11-01T00:00:00Z' },
      { id, names: ['temperature', 'co2'] },
      { id, publisher: channelId(floor1.id) },
    ];
    for (const variables of cases) {
      stack.resetCounts();
      const answer = await gql(stack.url, MainfluxChannelMessagesDocument, variables);
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX' });
      // The parent `channel(id:)` resolves first (one GET); the readers are never asked.
      expect(calls()).toEqual({ 'GET /channels/:id': 1 });
    }
    stack.resetCounts();
    const malformed = await gql(stack.url, MainfluxChannelMessagesDocument, { id: channelId('not-a-uuid') });
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('mainflux')).toBe(0);
  });
});

describe('Mainflux groups', () => {
  it('lists groups with paged thing members', async () => {
    const answer = await gql(stack.url, MainfluxGroupsDocument);
    expect(answer.errors).toBeUndefined();
    const groups = answer.data!.groups.edges.map((e) => e.node);
    const temps = groups.find((g) => g.name === 'temperature-sensors')!;
    expect(temps).toMatchObject({ __typename: 'MainfluxGroup', description: 'Every room temperature sensor', ownerId: encodeId('MAINFLUX', 'MainfluxUser', admin.id) });
    expect(temps.members!.totalCount).toBe(18);
    expect(temps.members!.edges).toHaveLength(5);
    expect(calls()).toEqual({ 'GET /groups': 1, 'GET /groups/:id/members': groups.length });
  });
});
