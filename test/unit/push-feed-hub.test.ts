import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { pushFeed } from '../../src/core/push-feed';
import { TopicHub, type LiveTopic } from '../../src/live/topic-hub';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

interface Point {
  name: string;
  value: number;
}

/** A topic fed by the test; with `conflate`, points conflate per name. */
function pointTopic(key: string, conflate: boolean) {
  const state = { started: false, emit: (_point: Point) => undefined as void };
  const topic: LiveTopic<Point> = {
    key,
    vendor: 'IGTIMI',
    start: () =>
      pushFeed<Point>((push) => {
        state.emit = push;
        state.started = true;
        return () => undefined;
      }),
    ...(conflate ? { conflateKey: (point: Point) => point.name } : {}),
  };
  return { topic, state };
}

async function dropped(metrics: Metrics): Promise<Record<string, number>> {
  const values = (await metrics.liveEventsDropped.get()).values;
  return Object.fromEntries(values.map((v) => [`${v.labels.vendor}/${v.labels.reason}`, v.value]));
}

describe('TopicHub subscriber buffers', () => {
  it('conflate a slow subscriber to the latest point per name, counted as conflated', async () => {
    const metrics = createMetrics();
    const hub = new TopicHub({ metrics, logger: createLogger('silent'), bufferSize: 3 });
    leaveOver(() => hub.close());
    const { topic, state } = pointTopic('IGTIMI:measurements:gateway:IgtimiDevice:1', true);
    const slow = hub.subscribe(topic);
    const first = slow.next();
    await waitFor('the upstream to start', () => state.started);
    state.emit({ name: 'sog', value: 0 });
    expect((await first).value).toEqual({ name: 'sog', value: 0 });

    // The subscriber reads nothing while 30 points of three names arrive.
    for (let value = 1; value <= 10; value++) for (const name of ['sog', 'cog', 'hdg']) state.emit({ name, value });
    await waitFor('every point to reach the buffer', async () => (await dropped(metrics))['IGTIMI/conflated'] === 27);
    const rest: Point[] = [];
    for (let i = 0; i < 3; i++) rest.push((await slow.next()).value as Point);
    expect(rest).toEqual([
      { name: 'sog', value: 10 },
      { name: 'cog', value: 10 },
      { name: 'hdg', value: 10 },
    ]);
    expect(await dropped(metrics)).toEqual({ 'IGTIMI/conflated': 27 });
    await slow.return!();
  });

  it('drop the oldest events of a topic without a conflation key, counted as overflow', async () => {
    const metrics = createMetrics();
    const hub = new TopicHub({ metrics, logger: createLogger('silent'), bufferSize: 3 });
    leaveOver(() => hub.close());
    const { topic, state } = pointTopic('IGTIMI:status:gateway:IgtimiDevice:1', false);
    const slow = hub.subscribe(topic);
    const first = slow.next();
    await waitFor('the upstream to start', () => state.started);
    state.emit({ name: 'sog', value: 0 });
    await first;

    for (let value = 1; value <= 10; value++) state.emit({ name: 'sog', value });
    await waitFor('every event to reach the buffer', async () => (await dropped(metrics))['IGTIMI/overflow'] === 7);
    const rest: number[] = [];
    for (let i = 0; i < 3; i++) rest.push(((await slow.next()).value as Point).value);
    expect(rest).toEqual([8, 9, 10]);
    expect(await dropped(metrics)).toEqual({ 'IGTIMI/overflow': 7 });
    await slow.return!();
  });
});
