import { loadConfig } from '../../src/config';
import type { RequestContext } from '../../src/context/context';
import { measurementFeed } from '../../src/context/live-feeds';
import { encodeId } from '../../src/core/ids';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import type { MeasurementRecord, NodeRecord } from '../../src/core/model';
import { pushFeed } from '../../src/core/push-feed';
import { TopicHub } from '../../src/live/topic-hub';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

const BOAT: NodeRecord = { typename: 'IgtimiDevice', vendor: 'IGTIMI', nativeId: 'AA-1', raw: {} };
const NAMES = ['sog', 'cog', 'hdg', 'awa'];

/**
 * Just what `measurementFeed` asks of a request context: one Igtimi device whose live feed the
 * test drives, the shared TopicHub and the configured overflow mode.
 */
function liveContext(overflow: string) {
  const metrics = createMetrics();
  const hub = new TopicHub({ metrics, logger: createLogger('silent') });
  leaveOver(() => hub.close());
  const upstream = { started: false, push: (_point: MeasurementRecord) => undefined as void };
  const feed = () =>
    pushFeed<MeasurementRecord>((push) => {
      upstream.push = push;
      upstream.started = true;
      return () => undefined;
    }, 10_000);
  const ctx = {
    services: { config: loadConfig({ LIVE_OVERFLOW: overflow }), live: hub, metrics, registry: { type: () => ({ vendor: 'IGTIMI', isValidNativeId: () => true }) } },
    pageLimits: { defaultSize: 20, maxSize: 100 },
    loaders: { load: async () => BOAT },
    credentialKey: () => 'gateway',
    api: () => ({ live: { measurements: feed } }),
  };
  return { ctx: ctx as unknown as RequestContext, metrics, upstream };
}

function point(name: string, value: number): MeasurementRecord {
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, value));
  return { vendor: 'IGTIMI', sourceTypename: BOAT.typename, sourceNativeId: BOAT.nativeId, name, unit: null, time, value, vendorValue: value, vendorUnit: null, stringValue: null, boolValue: null, raw: {} };
}

async function dropped(metrics: Metrics): Promise<Record<string, number>> {
  return Object.fromEntries((await metrics.liveEventsDropped.get()).values.map((v) => [String(v.labels.reason), v.value]));
}

/** 100 rounds of four names arrive while the subscriber reads nothing (its buffer holds 256). */
async function slowSubscriber(overflow: string) {
  const { ctx, metrics, upstream } = liveContext(overflow);
  const feed = (await measurementFeed(ctx, [encodeId('IGTIMI', BOAT.typename, BOAT.nativeId)], null))[Symbol.asyncIterator]();
  const first = feed.next();
  await waitFor('the upstream to start', () => upstream.started);
  upstream.push(point('sog', 0));
  await first;
  for (let value = 1; value <= 100; value++) for (const name of NAMES) upstream.push(point(name, value));
  await waitFor('every point to reach the buffer', async () => Object.values(await dropped(metrics)).reduce((a, b) => a + b, 0) === 400 - 256);
  const delivered: string[] = [];
  for (let i = 0; i < 256; i++) {
    const { value } = (await feed.next()) as IteratorYieldResult<MeasurementRecord>;
    delivered.push(`${value.name}${value.value}`);
  }
  await feed.return!();
  return { delivered, drops: await dropped(metrics) };
}

describe('measurementFeed for a subscriber that falls behind', () => {
  it('conflates to the latest point per source and name by default', async () => {
    const { delivered, drops } = await slowSubscriber('conflate');
    expect(drops).toEqual({ conflated: 144 });
    // The first 63 rounds as they came, then round 64's slots hold each name's last value.
    expect(delivered.slice(0, 4)).toEqual(['sog1', 'cog1', 'hdg1', 'awa1']);
    expect(delivered.slice(-5)).toEqual(['awa63', 'sog100', 'cog100', 'hdg100', 'awa100']);
  });

  it('drops the oldest points with LIVE_OVERFLOW=drop-oldest', async () => {
    const { delivered, drops } = await slowSubscriber('drop-oldest');
    expect(drops).toEqual({ overflow: 144 });
    expect(delivered.slice(0, 4)).toEqual(['sog37', 'cog37', 'hdg37', 'awa37']);
    expect(delivered.slice(-4)).toEqual(['sog100', 'cog100', 'hdg100', 'awa100']);
  });
});
