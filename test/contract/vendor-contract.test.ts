import { loadConfig, withSimulators } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { NodeRecord } from '../../src/core/model';
import { RequestMemo } from '../../src/core/request-memo';
import { VendorError } from '../../src/core/errors';
import { startSimulators, type RunningSimulators } from '../../src/simulators';
import type { RecordLoader, VendorAdapter, VendorApi } from '../../src/vendors/adapter';
import { createRegistry, type VendorRegistry } from '../../src/vendors/registry';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { CONTRACT_FIXTURES } from './fixtures';

/**
 * One suite, every vendor: each adapter against its own simulator over real HTTP. A new
 * vendor exists when its fixture passes here.
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
    api = adapter.connect(null, directLoader(() => api));
  });
  afterAll(disposeLeftovers);

  it('is configured and declares the types it serves', () => {
    expect(adapter.configured).toBe(true);
    expect(adapter.health.status.state).toBe('OK');
    expect(adapter.types.map((t) => t.typename).sort()).toEqual(Object.keys(fixture.ids).sort());
    expect(api.sources.map((s) => s.typename).sort()).toEqual(Object.keys(fixture.ids).sort());
  });

  it('checks native id formats before any call', () => {
    for (const type of adapter.types) {
      const ids = fixture.ids[type.typename]!;
      expect(type.isValidNativeId(ids.known)).toBe(true);
      expect(type.isValidNativeId(ids.missing)).toBe(true);
      expect(type.isValidNativeId(ids.malformed)).toBe(false);
    }
  });

  it('lists every source in pages that do not overlap, records of its own type', async () => {
    for (const source of api.sources) {
      const first = await source.list({ offset: 0, limit: 2, search: null });
      const second = await source.list({ offset: 2, limit: 2, search: null });
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
      const raw = JSON.stringify(page.items.map((r) => r.raw));
      for (const secret of secrets) expect(raw).not.toContain(secret);
    }
  });

  it('turns an outage into VENDOR_UNAVAILABLE and reports its health', async () => {
    const control = simulators.controls[fixture.simulator]!;
    control.setFaults({ down: true });
    try {
      const source = api.sources[0]!;
      const failure = await source.list({ offset: 0, limit: 1, search: null }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(VendorError);
      expect((failure as VendorError).code).toBe('VENDOR_UNAVAILABLE');
      expect(['DEGRADED', 'DOWN']).toContain(adapter.health.status.state);
    } finally {
      control.clearFaults();
    }
    await api.sources[0]!.list({ offset: 0, limit: 1, search: null });
    expect(adapter.health.status.state).toBe('OK');
  });

  function expectWellFormed(record: NodeRecord, typename: string): void {
    expect(record.typename).toBe(typename);
    expect(record.vendor).toBe(fixture.vendor);
    expect(adapter.types.find((t) => t.typename === typename)!.isValidNativeId(record.nativeId)).toBe(true);
    expect(typeof record.raw).toBe('object');
  }
});

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
  };
}
