import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { missingCapabilityError } from '../../src/context/missing-capability';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import type { NodeRecord } from '../../src/core/model';
import { IGTIMI_CAPABILITIES, type IgtimiApi } from '../../src/vendors/igtimi';
import { IOTAAP_CAPABILITIES } from '../../src/vendors/iotaap';
import { MAINFLUX_CAPABILITIES } from '../../src/vendors/mainflux';
import { THINGSEE_CAPABILITIES } from '../../src/vendors/thingsee';
import { TIMETONIC_CAPABILITIES } from '../../src/vendors/timetonic';
import {
  NO_RELATED,
  hasCapability,
  relatedSlice,
  type Capability,
  type CapabilityDeclaration,
  type RelationOf,
  type VendorApi,
  type VendorRelations,
} from '../../src/vendors/adapter';
import { createRegistry, type VendorRegistry } from '../../src/vendors/registry';

/**
 * The typed vendor contract (src/vendors/adapter.ts). The `@ts-expect-error` lines are checked
 * by `tsc --noEmit -p .` (CI's type check): each one fails the build the day the mistake it
 * shows would compile.
 */
const record: NodeRecord = { typename: 'IgtimiDevice', vendor: 'IGTIMI', nativeId: 'AA-AA-AAAA', raw: {} };

describe('relations', () => {
  it('are named after the kind they hang off', () => {
    const deviceRelations: Array<RelationOf<'Device'>> = ['Device.groups'];
    // @ts-expect-error: Group.members is not a relation of a Device
    const wrongKind: Array<RelationOf<'Device'>> = ['Group.members'];
    expect([...deviceRelations, ...wrongKind]).toEqual(['Device.groups', 'Group.members']);
  });

  it('must all be named by a vendor serving their kind: a missing or unknown one does not compile', () => {
    const complete: VendorRelations<'Device' | 'Session'> = { 'Device.groups': NO_RELATED, 'Session.devices': NO_RELATED };
    // @ts-expect-error: Session.devices is missing
    const missing: VendorRelations<'Device' | 'Session'> = { 'Device.groups': NO_RELATED };
    const unknown: VendorRelations<'Device'> = {
      'Device.groups': NO_RELATED,
      // @ts-expect-error: no such relation
      'Device.owners': NO_RELATED,
    };
    expect([complete, missing, unknown].map((r) => Object.keys(r).length)).toEqual([2, 1, 2]);
  });

  it('answer an empty page only where a vendor says so (NO_RELATED)', async () => {
    await expect(NO_RELATED(record, { offset: 0, limit: 10, search: null })).resolves.toEqual({ items: [], total: 0 });
  });

  it('slice a whole list into the asked page with its total', () => {
    expect(relatedSlice(['a', 'b', 'c', 'd'], { offset: 1, limit: 2, search: null })).toEqual({ items: ['b', 'c'], total: 4 });
    expect(relatedSlice(['a'], { offset: 3, limit: 2, search: null })).toEqual({ items: [], total: 1 });
  });
});

describe('capability declarations', () => {
  it('name every capability, for every vendor', () => {
    const declarations = [IGTIMI_CAPABILITIES, IOTAAP_CAPABILITIES, MAINFLUX_CAPABILITIES, THINGSEE_CAPABILITIES, TIMETONIC_CAPABILITIES];
    const names = Object.keys(IGTIMI_CAPABILITIES).sort();
    for (const declaration of declarations) expect(Object.keys(declaration).sort()).toEqual(names);
    expect(names).toEqual(['bookMessages', 'channelMessages', 'devices', 'groups', 'live', 'measurements']);
  });

  it('cannot disagree with the API class they describe', () => {
    // @ts-expect-error: IgtimiApi has no channelMessages
    const claimsTooMuch: CapabilityDeclaration<IgtimiApi> = { ...IGTIMI_CAPABILITIES, channelMessages: true };
    // @ts-expect-error: IgtimiApi has groups
    const hidesOne: CapabilityDeclaration<IgtimiApi> = { ...IGTIMI_CAPABILITIES, groups: false };
    expect([claimsTooMuch.channelMessages, hidesOne.groups]).toEqual([true, false]);
  });

  it('narrow an API to a capability it has, and to nothing it lacks', () => {
    const api: VendorApi = { vendor: 'IGTIMI', sources: [], relations: {}, devices: { update: () => Promise.reject(new Error('unused')) } };
    expect(hasCapability(api, 'devices')).toBe(true);
    expect(hasCapability(api, 'groups')).toBe(false);
    if (hasCapability(api, 'devices')) expect(typeof api.devices.update).toBe('function');
  });

  it.each<[Capability, string]>([
    ['groups', 'TIMETONIC groups cannot be written through Tributary'],
    ['devices', 'TIMETONIC devices cannot be updated through Tributary'],
    ['channelMessages', 'TIMETONIC keeps no channel messages'],
  ])('a vendor without %s is a BAD_USER_INPUT that says so', (capability, message) => {
    const error = missingCapabilityError('TIMETONIC', capability);
    expect(error.message).toBe(message);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the registry', () => {
  let registry: VendorRegistry;
  beforeAll(() => {
    const config = loadConfig({ NODE_ENV: 'test' });
    registry = createRegistry({ configs: config.vendors, gateway: config, metrics: createMetrics(), logger: createLogger('silent') });
  });
  afterAll(() => registry.close());

  it("gives each vendor's own adapter type: Mainflux's live status without a cast, and on no other vendor", () => {
    expect(registry.adapter('MAINFLUX').liveStatus()).toMatchObject({ transport: expect.any(String), connections: 0 });
    // @ts-expect-error: only the Mainflux adapter has a live status
    expect(registry.adapter('IGTIMI').liveStatus).toBeUndefined();
  });

  it('leaves no vendor API or adapter cast, and no duck-typed capability probe, in the schema and context layers', () => {
    const offending = ['src/schema', 'src/context'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /\bas [A-Z][a-z]+(Api|Adapter)\b|Partial<[A-Za-z]*Capabilit/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});

/** Every .ts file under `dir` (relative to the repository root). */
function sourceFiles(dir: string): string[] {
  const root = join(__dirname, '../..');
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, dir, name));
}
