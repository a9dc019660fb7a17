import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { KeysetMeasurementHistoryDocument, KeysetThingseeMessagesDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { repeated, walkPages, type PageRequest } from '../helpers/keyset-walk';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Thingsee `ThingseeThing.messagesConnection` and `Thing.measurementHistory` with keyset
 * cursors, over real HTTP against a simulator of the test's own, into which messages are added
 * between page requests (a sensor reports two messages at one second: ties on time).
 */
const simulator = createThingseeSimulator();
const sensor = simulator.state.things.find((t) => t.kind === 'co2' && (simulator.state.messages.get(t.tuid)?.length ?? 0) > 20)!;
const thingId = encodeId('THINGSEE', 'ThingseeThing', sensor.tuid);
const stored = () => simulator.state.messages.get(sensor.tuid)!;

let stack: Stack;
beforeAll(async () => {
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  stack = await startStack({
    vendors: ['iotaap'],
    env: { THINGSEE_BASE_URL: server.url, THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id, THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret },
  });
});
afterAll(disposeLeftovers);

let reported = 0;
/** The sensor reports: two messages with the same timestamp, a minute after its newest one. */
async function report(): Promise<void> {
  const messages = stored();
  const at = messages.at(-1)!.tsmTs + 60;
  reported += 1;
  const header = { tsmEv: 10, tsmTs: at, tsmTuid: sensor.tuid, tsmGw: sensor.gateway_tuid ?? sensor.tuid, deploymentGroupId: sensor.group_id ?? 'unassigned' };
  messages.push({ ...header, tsmId: 24100, carbonDioxide: 5000 + reported }, { ...header, tsmId: 24101, tvoc: 5000 + reported });
}

type Message = { messageId: number; time: string; raw: Record<string, unknown> };
/** A message's fields in a fixed order (the gateway and the simulator order them differently). */
const canonical = (fields: Record<string, unknown>) => JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
const keyOf = (m: Message) => canonical(m.raw);
/** What the simulator holds now, newest first (by time; ties in any order). */
const storedKeys = () => stored().map((m) => ({ key: canonical(m), time: m.tsmTs }));

async function messagesPage(request: PageRequest & { from?: string; to?: string }) {
  const answer = await gql(stack.url, KeysetThingseeMessagesDocument, { id: thingId, ...request });
  expect(answer.errors).toBeUndefined();
  const node = answer.data!.node!;
  if (!('messagesConnection' in node) || !node.messagesConnection) throw new Error('no messagesConnection');
  return node.messagesConnection;
}

function expectSameMessages(walked: Message[], expected: Array<{ key: string }>): void {
  expect(repeated(walked.map(keyOf))).toEqual([]);
  expect(walked.map(keyOf).sort()).toEqual(expected.map((e) => e.key).sort());
  const times = walked.map((m) => Date.parse(m.time));
  expect(times).toEqual([...times].sort((a, b) => b - a));
}

describe('ThingseeThing.messagesConnection keyset paging', () => {
  it('walks forward while the sensor reports: every message of the start once', async () => {
    const start = storedKeys();
    const { nodes, pages } = await walkPages('forward', 5, messagesPage, () => report());
    expect(pages).toBeGreaterThan(4);
    expectSameMessages(nodes, start);
    expect((await messagesPage({ first: 1 })).totalCount).toBeNull();
  });

  it('walks backward while the sensor reports: the start and every report once', async () => {
    const { nodes, pages } = await walkPages('backward', 5, messagesPage, () => report());
    expect(pages).toBeGreaterThan(4);
    expectSameMessages(nodes, storedKeys());
  });

  it('bounds both walks with from/to (whole seconds, ends included)', async () => {
    const times = stored().map((m) => m.tsmTs);
    const fromS = times[10]!;
    const toS = times[30]!;
    const inWindow = storedKeys().filter((m) => m.time >= fromS && m.time <= toS);
    const window = { from: new Date(fromS * 1000).toISOString(), to: new Date(toS * 1000).toISOString() };
    const forward = await walkPages('forward', 4, (request) => messagesPage({ ...request, ...window }), () => report());
    const backward = await walkPages('backward', 4, (request) => messagesPage({ ...request, ...window }), () => report());
    expectSameMessages(forward.nodes, inWindow);
    expect(backward.nodes.map(keyOf)).toEqual(forward.nodes.map(keyOf));
  });

  it('refuses a cursor of another list', async () => {
    const channelCursor = Buffer.from(JSON.stringify({ v: 1, l: 'Channel.messages', t: 1, i: 'x' })).toString('base64url');
    const answer = await gql(stack.url, KeysetThingseeMessagesDocument, { id: thingId, first: 2, after: channelCursor });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.message).toMatch(/not of ThingseeThing\.messagesConnection/);
  });
});

describe('Thing.measurementHistory on Thingsee', () => {
  type Point = { name: string; value?: number | null; time: string };
  const pointKey = (p: Point) => `${p.name}|${p.value}|${p.time}`;
  const read = async (request: PageRequest) => {
    const answer = await gql(stack.url, KeysetMeasurementHistoryDocument, { id: thingId, names: ['co2'], ...request });
    expect(answer.errors).toBeUndefined();
    const node = answer.data!.node!;
    if (!('measurementHistory' in node) || !node.measurementHistory) throw new Error('no measurementHistory');
    return node.measurementHistory;
  };
  const expected = () =>
    stored()
      .filter((m) => m.tsmId === 24100)
      .map((m) => pointKey({ name: 'co2', value: m.carbonDioxide as number, time: new Date(m.tsmTs * 1000).toISOString() }))
      .reverse();

  it('walks the points of one name both ways while the sensor reports, each once', async () => {
    const start = expected();
    const forward = await walkPages('forward', 6, read, () => report());
    expect(forward.pages).toBeGreaterThan(3);
    expect(repeated(forward.nodes.map(pointKey))).toEqual([]);
    expect(forward.nodes.map(pointKey)).toEqual(start);

    const backward = await walkPages('backward', 6, read, () => report());
    expect(repeated(backward.nodes.map(pointKey))).toEqual([]);
    expect(backward.nodes.map(pointKey)).toEqual(expected());
  });
});
