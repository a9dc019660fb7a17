import { encodeId } from '../../src/core/ids';
import { IGTIMI_BASE_EPOCH } from '../../src/simulators/igtimi/igtimi.seed';
import { KeysetMeasurementHistoryDocument } from '../generated/graphql';
import { gql, postRaw } from '../helpers/gql';
import { repeated, walkPages, type PageRequest } from '../helpers/keyset-walk';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * `Device.measurementHistory` on Igtimi over real HTTP: the keyset walk over Igtimi's
 * windowed data reads gives, both ways, exactly the points `Device.measurements` answers
 * for the same window (Igtimi data is recorded history: nothing arrives between pages).
 */
const device = encodeId('IGTIMI', 'IgtimiDevice', 'GA-EN-AAEJ');
const raceDay = (minutes: number) => new Date(IGTIMI_BASE_EPOCH + minutes * 60_000).toISOString();
const window = { from: raceDay(30), to: raceDay(33) };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi'] });
});
afterAll(disposeLeftovers);

type Point = { name: string; value?: number | null; time: string };
const keyOf = (p: Point) => `${p.name}|${p.value}|${p.time}`;

async function read(request: PageRequest) {
  const answer = await gql(stack.url, KeysetMeasurementHistoryDocument, { id: device, names: ['sog', 'heading'], ...window, ...request });
  expect(answer.errors).toBeUndefined();
  const node = answer.data!.node!;
  if (!('measurementHistory' in node) || !node.measurementHistory) throw new Error('no measurementHistory');
  return node.measurementHistory;
}

it('walks an Igtimi device’s history both ways, giving exactly the points of its window', async () => {
  const query = `query { device(id: "${device}") { measurements(names: ["sog", "heading"], from: "${window.from}", to: "${window.to}") { name value time } } }`;
  const all = await postRaw<{ device: { measurements: Point[] } }>(stack.url, JSON.stringify({ query }));
  expect(all.errors).toBeUndefined();
  const expected = all.data!.device.measurements.map(keyOf).sort();
  expect(expected.length).toBeGreaterThan(100);

  const forward = await walkPages('forward', 40, read);
  const backward = await walkPages('backward', 40, read);
  expect(forward.pages).toBeGreaterThan(2);
  expect(repeated(forward.nodes.map(keyOf))).toEqual([]);
  expect(forward.nodes.map(keyOf).sort()).toEqual(expected);
  expect(backward.nodes.map(keyOf)).toEqual(forward.nodes.map(keyOf));
  const times = forward.nodes.map((p) => Date.parse(p.time));
  expect(times).toEqual([...times].sort((a, b) => b - a));
});
