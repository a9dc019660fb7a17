import { loadConfig, withSimulators } from '../../src/config';
import { keysetPage } from '../../src/core/keyset-page';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { DeviceRecord, EntityKind, GroupRecord, NodeRecord } from '../../src/core/model';
import { RequestMemo } from '../../src/core/request-memo';
import { RequestScope } from '../../src/core/request-scope';
import { VendorError } from '../../src/core/errors';
import { startSimulators, type RunningSimulators } from '../../src/simulators';
import {
  NO_RELATED,
  hasCapability,
  type CapableApi,
  type Capability,
  type EntitySource,
  type LiveFeeds,
  type RecordLoader,
  type Relation,
  type VendorAdapter,
  type VendorApi,
} from '../../src/vendors/adapter';
import { createRegistry, type VendorApis, type VendorRegistry } from '../../src/vendors/registry';
import type { Vendor } from '../../src/core/vendor';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { ioTurn } from '../helpers/step-live';
import { CONTRACT_FIXTURES } from './fixtures';
import type { LiveScenario, VendorContractFixture } from './fixtures/fixture';

/**
 * One suite, every vendor: each adapter against its own simulator over real HTTP. A new
 * vendor exists when its fixture passes here. Every list read must answer records (an empty
 * list fails), and every capability the vendor declares is exercised: writes are read back,
 * relations answer records, live feeds deliver an event.
 */
describe.each(CONTRACT_FIXTURES.map((f) => [f.vendor, f] as const))('%s adapter contract', (_name, fixture) => {
  let simulators: RunningSimulators;
  let registry: VendorRegistry;
  let adapter: VendorAdapter;
  let api: VendorApi;

  beforeAll(async () => {
    simulators = await startSimulators({ vendors: [fixture.simulator], live: false });
    leaveOver(() => simulators.stop());
    // Every list goes upstream (no shared Igtimi device list), so the outage below is seen.
    const config = withSimulators(loadConfig({ NODE_ENV: 'test', VENDOR_RETRIES: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0' }), simulators);
    registry = createRegistry({ configs: config.vendors, gateway: config, metrics: createMetrics(), logger: createLogger('silent') });
    leaveOver(() => registry.close());
    adapter = registry.adapter(fixture.vendor);
  });
  // Each test is a request of its own: no read is shared from one test to the next.
  beforeEach(() => {
    api = connect(adapter);
  });
  afterAll(disposeLeftovers);

  it('is configured and declares the types it serves', () => {
    expect(adapter.configured).toBe(true);
    expect(adapter.health.status.state).toBe('OK');
    expect(adapter.types.map((t) => t.typename).sort()).toEqual(Object.keys(fixture.ids).sort());
    expect(api.sources.map((s) => s.typename).sort()).toEqual(Object.keys(fixture.ids).sort());
  });

  it('declares exactly the capabilities its API has, and the fixture exercises each one', () => {
    const capabilities = Object.keys(adapter.capabilities) as Capability[];
    expect(capabilities.filter((c) => api[c] !== undefined).sort()).toEqual(capabilities.filter((c) => adapter.capabilities[c]).sort());
    expect(Object.keys(fixture.capabilities).sort()).toEqual(capabilities.filter((c) => adapter.capabilities[c]).sort());
  });

  it('checks native id formats before any call', () => {
    for (const type of adapter.types) {
      const ids = fixture.ids[type.typename]!;
      expect(type.isValidNativeId(ids.known)).toBe(true);
      expect(type.isValidNativeId(ids.missing)).toBe(true);
      expect(type.isValidNativeId(ids.malformed)).toBe(false);
    }
  });

  it('lists every source in pages that do not overlap, records of its own type, none empty', async () => {
    for (const source of api.sources) {
      const first = await source.list({ offset: 0, limit: 2, search: null });
      const second = await source.list({ offset: 2, limit: 2, search: null });
      expect({ typename: source.typename, listed: first.items.length > 0 }).toEqual({ typename: source.typename, listed: true });
      expect(first.items.length).toBeLessThanOrEqual(2);
      expect(first.total).toBeGreaterThanOrEqual(first.items.length + second.items.length);
      const ids = [...first.items, ...second.items].map((r) => r.nativeId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const record of first.items) expectWellFormed(record, source.typename);
    }
  });

  it('batch-loads by id in order, with an error value for a missing id', async () => {
    for (const source of api.sources) {
      const { known, missing } = fixture.ids[source.typename]!;
      const results = await source.loadMany([known, missing]);
      expect(results).toHaveLength(2);
      expect((results[0] as NodeRecord).nativeId).toBe(known);
      expect(results[1]).toBeInstanceOf(Error);
      expect((results[1] as VendorError).extensions.code).toBe('NOT_FOUND');
    }
  });

  it('never puts a seeded secret into raw', async () => {
    const secrets = fixture.seedSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    for (const source of api.sources) {
      const page = await source.list({ offset: 0, limit: 50, search: null });
      expect(page.items.length).toBeGreaterThan(0);
      const raw = JSON.stringify(page.items.map((r) => r.raw));
      for (const secret of secrets) expect(raw).not.toContain(secret);
    }
  });

  it('names a relation reader for every relation of the kinds it serves, and each one it has answers records', async () => {
    const kinds = new Set(adapter.types.map((t) => t.kind));
    const declared = Object.keys(api.relations) as Relation[];
    expect(declared.length).toBeGreaterThan(0);
    const empty: string[] = [];
    for (const relation of declared) {
      const kind = relation.split('.')[0] as EntityKind;
      expect({ relation, servedKind: kinds.has(kind) }).toEqual({ relation, servedKind: true });
      const read = api.relations[relation]!;
      if (read === NO_RELATED) continue;
      const found = await firstNonEmpty(api.sources.filter((s) => s.kind === kind), (record) => read(record, { offset: 0, limit: 5, search: null }).then((p) => p.items));
      if (!found) empty.push(relation);
      for (const item of found?.items ?? []) expect(item.vendor).toBe(fixture.vendor);
    }
    expect(empty).toEqual([]);
  });

  const scenarios = fixture.capabilities;

  if (scenarios.measurements) {
    const { typename } = scenarios.measurements;
    it(`reads data points and measurement names of a ${typename} (measurements)`, async () => {
      const reader = capable(api, 'measurements').measurements;
      const found = await firstNonEmpty([sourceOf(api, typename)], (record) => reader.forSource(record, { names: null, from: null, to: null, last: 1 }));
      expect(found).not.toBeNull();
      for (const point of found!.items) expect(point.vendor).toBe(fixture.vendor);
      expect((await reader.offered(found!.record)).length).toBeGreaterThan(0);
    });
  }

  if (scenarios.channelMessages) {
    const { typename } = scenarios.channelMessages;
    it(`pages the stored messages of a ${typename} (channelMessages)`, async () => {
      const channels = capable(api, 'channelMessages');
      const found = await firstNonEmpty([sourceOf(api, typename)], async (channel) =>
        (await keysetPage(channels.channelMessages(channel, { name: null, publisher: null }), { first: 5 }, PAGE_LIMITS)).edges.map((e) => e.node),
      );
      expect(found).not.toBeNull();
    });
  }

  if (scenarios.bookMessages) {
    const { typename } = scenarios.bookMessages;
    it(`pages the messages of a ${typename} (bookMessages)`, async () => {
      const books = capable(api, 'bookMessages');
      const found = await firstNonEmpty([sourceOf(api, typename)], async (book) =>
        (await keysetPage(books.bookMessages(book, null), { first: 5 }, PAGE_LIMITS)).edges.map((e) => e.node),
      );
      expect(found).not.toBeNull();
    });
  }

  if (scenarios.groups) {
    const { name, rename, memberType } = scenarios.groups;
    it('creates, renames, fills and deletes a group, each write read back (groups)', async () => {
      const created = await capable(connect(adapter), 'groups').groups.create({ name, description: null });
      expect(created.name).toBe(name);
      let group: GroupRecord = await readBack(created);
      expect(group.name).toBe(name);
      if (rename) {
        const renamed = await capable(connect(adapter), 'groups').groups.update(group.typename, group.nativeId, { name: rename });
        group = await readBack(renamed);
        expect(group.name).toBe(rename);
      }
      if (memberType) {
        const [member] = (await sourceOf(connect(adapter), memberType).list({ offset: 0, limit: 1, search: null })).items;
        const ref = { typename: memberType, nativeId: member!.nativeId };
        await capable(connect(adapter), 'groups').groups.addMembers(group, [ref]);
        expect(await memberIds(group)).toContain(ref.nativeId);
        await capable(connect(adapter), 'groups').groups.removeMembers(group, [ref]);
        expect(await memberIds(group)).not.toContain(ref.nativeId);
      }
      await capable(connect(adapter), 'groups').groups.delete(group.typename, group.nativeId);
      const [gone] = await sourceOf(connect(adapter), group.typename).loadMany([group.nativeId]);
      expect((gone as VendorError).extensions?.code).toBe('NOT_FOUND');
    });
  }

  if (scenarios.devices) {
    const { typename } = scenarios.devices;
    it(`renames a ${typename}, read back (devices)`, async () => {
      const { known } = fixture.ids[typename]!;
      const before = await readBack<DeviceRecord>({ typename, nativeId: known });
      const name = `contract-${Date.now() % 100_000}`;
      const updated = await capable(connect(adapter), 'devices').devices.update(typename, known, { name });
      expect(updated.name).toBe(name);
      expect((await readBack<DeviceRecord>(updated)).name).toBe(name);
      await capable(connect(adapter), 'devices').devices.update(typename, known, { name: before.name });
    });
  }

  if (scenarios.live) {
    const feeds = Object.entries(scenarios.live) as Array<[keyof LiveFeeds, LiveScenario<typeof fixture.vendor>]>;
    it.each(feeds.map(([feed, scenario]) => [feed, scenario] as const))('delivers an event on its live %s feed (live)', async (feed, scenario) => {
      const { api: liveApi, stepLive, clock } = await connectLive(fixture);
      const open = capable(liveApi, 'live').live[feed];
      expect(open).toBeDefined();
      const sources = scenario.sources ? await Promise.all(scenario.sources.map((s) => readBack(s, liveApi))) : null;
      const iterator = openFeed(capable(liveApi, 'live'), feed, sources, scenario.names)[Symbol.asyncIterator]();
      try {
        const trigger = scenario.trigger;
        // Without a write to make one, an event comes from a round of the simulator's generator.
        const event = await nextWhileTriggering(iterator, trigger ? () => trigger(liveApi) : async () => stepLive(), clock);
        expect(event.done).toBe(false);
        expect(event.value).toBeTruthy();
      } finally {
        await iterator.return?.();
      }
    }, 30_000);
  }

  function expectWellFormed(record: NodeRecord, typename: string): void {
    expect(record.typename).toBe(typename);
    expect(record.vendor).toBe(fixture.vendor);
    expect(adapter.types.find((t) => t.typename === typename)!.isValidNativeId(record.nativeId)).toBe(true);
    expect(typeof record.raw).toBe('object');
  }

  /** The record as a new request reads it (no list or memo of an earlier request). */
  async function readBack<T extends NodeRecord>(record: Pick<T, 'typename' | 'nativeId'>, through: VendorApi = connect(adapter)): Promise<T> {
    const [read] = await sourceOf(through, record.typename).loadMany([record.nativeId]);
    if (read instanceof Error) throw read;
    return read as unknown as T;
  }

  async function memberIds(group: GroupRecord): Promise<string[]> {
    const page = await connect(adapter).relations['Group.members']!(group, { offset: 0, limit: 100, search: null });
    return page.items.map((m) => m.nativeId);
  }

  /**
   * A second registry over simulators whose live generators run a round only when stepped
   * (deterministic: no generator clock), the gateway's polls and watchdogs on a stepped clock.
   */
  let liveApi: Promise<LiveRegistry> | null = null;
  function connectLive(f: VendorContractFixture): Promise<LiveRegistry> {
    return (liveApi ??= (async () => {
      const running = await startSimulators({ vendors: [f.simulator], live: 'stepped' });
      leaveOver(() => running.stop());
      const config = withSimulators(loadConfig({ NODE_ENV: 'test', VENDOR_RETRIES: '0', ...FAST_POLLS }), running);
      const clock = new ManualClock();
      const live = createRegistry({ configs: config.vendors, gateway: config, metrics: createMetrics(), logger: createLogger('silent'), clock });
      leaveOver(() => live.close());
      return { api: connectVendor(live, f.vendor), stepLive: () => running.stepLive(f.simulator), clock };
    })());
  }
});

const PAGE_LIMITS = { defaultSize: 10, maxSize: 100 };
/** Records looked at per source when the suite looks for one with data. */
const RECORDS_TRIED = 20;
/** One clock step per triggered round: past every poll interval below, well inside Igtimi's silence limit. */
const POLL_STEP_MS = 1_000;
const FAST_POLLS = { THINGSEE_POLL_INTERVAL_MS: '100', THINGSEE_ALERT_POLL_INTERVAL_MS: '100', MAINFLUX_POLL_INTERVAL_MS: '100', TIMETONIC_POLL_INTERVAL_MS: '100' };

/** The vendor API for a new request, with a loader that reads through its own sources. */
function connect<A extends VendorApi>(adapter: VendorAdapter<A>): A {
  const api: A = adapter.connect(null, directLoader(() => api));
  return api;
}

/** The vendor's own API type (`VendorApis`) for a new request. */
function connectVendor<V extends Vendor>(registry: VendorRegistry, vendor: V): VendorApis[V] {
  return connect(registry.adapter(vendor));
}

function capable<C extends Capability>(api: VendorApi, capability: C): CapableApi<C> {
  if (!hasCapability(api, capability)) throw new Error(`${api.vendor} has no ${capability}`);
  return api;
}

function sourceOf(api: VendorApi, typename: string): EntitySource {
  const source = api.sources.find((s) => s.typename === typename);
  if (!source) throw new Error(`${api.vendor} serves no ${typename}`);
  return source;
}

/** The first of the sources' first records for which `read` answers something, with its answer. */
async function firstNonEmpty<T>(sources: readonly EntitySource[], read: (record: NodeRecord) => Promise<T[]>): Promise<{ record: NodeRecord; items: T[] } | null> {
  for (const source of sources) {
    for (const record of (await source.list({ offset: 0, limit: RECORDS_TRIED, search: null })).items) {
      const items = await read(record);
      if (items.length > 0) return { record, items };
    }
  }
  return null;
}

function openFeed(api: CapableApi<'live'>, feed: keyof LiveFeeds, sources: NodeRecord[] | null, names: string[] | null): AsyncIterable<unknown> {
  const { live } = api;
  if (feed === 'alertEvents') return live.alertEvents!(sources);
  if (feed === 'deviceStatus') return live.deviceStatus!(sources ?? []);
  if (feed === 'bookMessages') return live.bookMessages!(sources![0]!);
  return live.measurements!(sources ?? [], names);
}

/**
 * The feed's next event. A trigger (a write the feed then sees, or a generator round) runs
 * again until the event comes: the feed may start following only after the first one.
 */
async function nextWhileTriggering(iterator: AsyncIterator<unknown>, trigger: () => Promise<void>, clock: ManualClock): Promise<IteratorResult<unknown>> {
  const next = iterator.next();
  let arrived = false;
  void next.finally(() => (arrived = true)).catch(() => undefined);
  while (!arrived) {
    await trigger();
    // Runs the polls now due; pushed events (and a poll's answer) come within an I/O turn or the next round.
    clock.advance(POLL_STEP_MS);
    await Promise.race([next.catch(() => undefined), ioTurn()]);
  }
  return next;
}

/** The live registry of a fixture: its vendor API, its simulator's generator step and the gateway's clock. */
interface LiveRegistry {
  api: VendorApis[Vendor];
  stepLive: () => void;
  clock: ManualClock;
}

/** A loader without record caching (and a fresh request memo), enough for one test's own lookups. */
function directLoader(api: () => VendorApi): RecordLoader {
  return {
    async load<T extends NodeRecord>(typename: string, nativeId: string): Promise<T> {
      const [result] = await api().sources.find((s) => s.typename === typename)!.loadMany([nativeId]);
      if (result instanceof Error) throw result;
      return result as unknown as T;
    },
    prime() {},
    memo: new RequestMemo(),
    scope: new RequestScope(),
  };
}
