/**
 * The seeded Igtimi world: a regatta on the Waitematā. Twelve boats of the demo fleet
 * (serials `GA-EN-xxxx`), three spares, a coach boat of another user, user groups, device
 * groups, sessions with XML logs, data access windows and resources of the race day (fixed
 * epoch, 15 June 2024) and of an older, archived regatta. Deterministic: same seed, same world.
 */
import type * as w from '../../vendors/igtimi/igtimi.wire';
import { createPrng } from '../prng';
import type { SeedOptions } from '../simulator.types';
import { device, deviceGroup, group, IGTIMI_BASE_EPOCH, IGTIMI_DEMO_USER_ID, resource, session, uniqueSerials, window } from './igtimi.seed-builders';

export { IGTIMI_BASE_EPOCH, IGTIMI_DEMO_USER_ID } from './igtimi.seed-builders';
import type { BoatProfile } from './igtimi.seed-track';

/** The older regatta (archived: more than six months old, not accessed for four). */
export const IGTIMI_ARCHIVE_EPOCH = Date.UTC(2023, 8, 2, 1, 0);

/** The demo OAuth application (client credentials), owned by the demo user. */
export const IGTIMI_DEMO_CLIENT = Object.freeze({
  client_id: 'tributary-demo-app',
  client_secret: 'igtimi-demo-client-secret-7Qm2x',
  redirect_uri: 'http://127.0.0.1:5173/callback',
});
/** A user token of the demo user (as a front-end would hold after the authorize step). */
export const IGTIMI_DEMO_USER_TOKEN = 'igtimi-demo-user-token-9Lk4Rv';
/** A user token of another sailor, who owns one device and sees little else. */
export const IGTIMI_OTHER_USER_TOKEN = 'igtimi-other-user-token-3Pz8Wd';

export interface SimUser extends w.IgtimiWireUser {
  blob_content: string | null;
}
export interface SimDevice extends w.IgtimiWireDevice {
  info: Record<string, unknown> | null;
  boat: BoatProfile | null;
}
export interface SimGroup extends w.IgtimiWireGroup {
  owner_id: number;
  members: Array<{ kind: 'user' | 'group'; id: number; modify: boolean }>;
  public: boolean;
}
export interface SimSession extends w.IgtimiWireSession {
  public: boolean;
  log: Array<{ time: number; xml: string }>;
}
export interface SimResource extends w.IgtimiWireResource {
  owner_id: number;
  blob_content: string | null;
  /** Set when a `restore_archives` request has asked for it; it is back after one more read. */
  restoring: boolean;
}
export interface SimWindow extends w.IgtimiWireDataAccessWindow {}
export interface SimDeviceGroup extends w.IgtimiWireDeviceGroup {
  parent_id: number | null;
}

export interface IgtimiSimState {
  users: SimUser[];
  devices: SimDevice[];
  groups: SimGroup[];
  deviceGroups: SimDeviceGroup[];
  sessions: SimSession[];
  resources: SimResource[];
  windows: SimWindow[];
  syncFiles: w.IgtimiWireSyncFiles['device_syncfiles'];
  /** Files stored by `POST /resources/data/upload`: into a resource, or an .IPB import. */
  uploads: Array<{ kind: 'resource' | 'import'; id: string; name: string; md5: string; bytes: Buffer }>;
  /** Fixed user tokens (application tokens are issued at runtime). */
  userTokens: Record<string, number>;
  /** The registered OAuth application (a test may rotate its secret). */
  client: { client_id: string; client_secret: string; redirect_uri: string };
}

const BOAT_NAMES = ['Kotuku', 'Tui', 'Kea', 'Ruru', 'Piwakawaka', 'Kaka', 'Titi', 'Kahu', 'Kereru', 'Toroa', 'Matuku', 'Weka'];

/** Devices the demo user owns in the default seed: 12 boats and 3 spares. */
export const IGTIMI_DEMO_DEVICE_COUNT = 15;

/**
 * The seeded world. `seed.devices` above 15 appends racing boats to the demo fleet (see
 * `appendFleet`); the default world is unchanged.
 */
export function createIgtimiSeed(seed: SeedOptions = {}): IgtimiSimState {
  const random = createPrng(0x16717);
  const users: SimUser[] = [
    { id: 2, first_name: 'Race', surname: 'Office', email: 'office@regatta.example', blob: true, blob_content: '{"role":"race office"}' },
    ...['Principal Race Officer', 'Coach', 'Assistant Coach', 'Media Boat', 'Umpire'].map((role, i) => ({
      id: 3 + i,
      first_name: role.split(' ')[0]!,
      surname: role.split(' ').slice(1).join(' ') || 'Team',
      email: `${role.toLowerCase().replace(/ /g, '.')}@regatta.example`,
      blob: false,
      blob_content: null,
    })),
  ];
  const serials = uniqueSerials(random, 'GA-EN', 12);
  const devices: SimDevice[] = serials.map((serial, i) =>
    device(i + 1, serial, `${BOAT_NAMES[i]}`, IGTIMI_DEMO_USER_ID, random, { index: i, speedKn: 5.5 + random.next() * 2, offsetS: i * 97 }),
  );
  uniqueSerials(random, 'GA-FR', 3).forEach((serial, i) => devices.push(device(20 + i, serial, `Spare ${i + 1}`, IGTIMI_DEMO_USER_ID, random, null)));
  devices.push(device(30, 'GB-CO-ACHB', 'Coach RIB', 6, random, null));

  const groups: SimGroup[] = [
    group(2, '_public', true, [], true),
    group(3, '_members', true, [{ kind: 'user', id: 2, modify: true }], false),
    group(4, 'Race committee', false, [{ kind: 'user', id: 2, modify: true }, { kind: 'user', id: 3, modify: false }], false),
    group(5, 'Coaches', false, [{ kind: 'user', id: 2, modify: true }, { kind: 'user', id: 4, modify: false }, { kind: 'user', id: 5, modify: false }, { kind: 'group', id: 4, modify: false }], false),
    group(6, 'Media', false, [{ kind: 'user', id: 2, modify: true }, { kind: 'user', id: 6, modify: false }], true),
    group(7, 'Fleet A skippers', false, [{ kind: 'user', id: 2, modify: true }, ...[3, 4, 5, 6, 7].map((id) => ({ kind: 'user' as const, id, modify: false }))], false),
  ];
  groups[3]!.blob = true;
  groups[3]!.blob_content = '{"channel":"VHF 72"}';

  const deviceGroups: SimDeviceGroup[] = [
    deviceGroup(1, 'GA-EN', random, null, null, { create_devices: true, create_tokens: true }),
    deviceGroup(2, 'GA-FR', random, null, null, { create_devices: true, create_tokens: false }),
    deviceGroup(3, 'AA-AD-', random, 1, Date.UTC(2024, 0, 16, 2, 49, 30) / 1000, { create_devices: true, create_tokens: false }),
  ];

  const racing = devices.filter((d) => d.boat);
  const sessions: SimSession[] = [
    session(1, 'Race 1', IGTIMI_BASE_EPOCH + 15 * 60_000, IGTIMI_BASE_EPOCH + 105 * 60_000, true, racing.map((d) => d.serial_number)),
    session(2, 'Race 2', IGTIMI_BASE_EPOCH + 135 * 60_000, IGTIMI_BASE_EPOCH + 225 * 60_000, true, racing.slice(0, 10).map((d) => d.serial_number)),
    session(3, 'Coaching debrief', IGTIMI_BASE_EPOCH + 240 * 60_000, null, false, racing.slice(0, 4).map((d) => d.serial_number)),
    session(4, 'Practice start', IGTIMI_BASE_EPOCH - 24 * 3600_000, IGTIMI_BASE_EPOCH - 23 * 3600_000, true, racing.slice(0, 6).map((d) => d.serial_number)),
    session(5, 'Spring series', IGTIMI_ARCHIVE_EPOCH, IGTIMI_ARCHIVE_EPOCH + 3600_000, true, racing.slice(0, 3).map((d) => d.serial_number)),
    session(6, 'Planned race 3', null, null, false, []),
  ];
  sessions[0]!.blob = true;
  sessions[0]!.blob_content = '<results><boat serial="' + racing[0]!.serial_number + '" place="1"/></results>';

  const resources: SimResource[] = [];
  racing.forEach((d, i) => {
    resources.push(resource(100 + i, d.serial_number, IGTIMI_BASE_EPOCH, IGTIMI_BASE_EPOCH + 255 * 60_000, false));
    resources.push(resource(200 + i, d.serial_number, IGTIMI_BASE_EPOCH - 24 * 3600_000 - 10 * 60_000, IGTIMI_BASE_EPOCH - 23 * 3600_000, false));
    if (i < 3) resources.push(resource(300 + i, d.serial_number, IGTIMI_ARCHIVE_EPOCH, IGTIMI_ARCHIVE_EPOCH + 3600_000, true));
  });
  resources[0]!.blob = true;
  resources[0]!.blob_content = 'calibrated 2024-06-14';
  appendFleet(devices, resources, (seed.devices ?? 0) - IGTIMI_DEMO_DEVICE_COUNT);

  const windows: SimWindow[] = racing.flatMap((d, i) => [
    window(17000 + i * 2, d.serial_number, IGTIMI_BASE_EPOCH - 30 * 24 * 3600_000, IGTIMI_BASE_EPOCH + 365 * 24 * 3600_000, { user: { id: IGTIMI_DEMO_USER_ID } }, true),
    window(17001 + i * 2, d.serial_number, IGTIMI_BASE_EPOCH, IGTIMI_BASE_EPOCH + 8 * 3600_000, { group: { id: 5 } }, false),
  ]);

  const at = (minutes: number) => IGTIMI_BASE_EPOCH + minutes * 60_000;
  const syncFiles: IgtimiSimState['syncFiles'] = {
    error_files: [{ file_name: '00000AAA.IPB', md5: '9f2e8d34d6ade38d96c9bc5a7cdfff24', uploaded_at: at(300), updated_at: at(301), msg: 'File contains errors' }],
    pending_files: [{ file_name: '00000ABA.IPB', md5: '1a2e8d34d6ade338d96c9bc5a7cdff24', uploaded_at: at(310), updated_at: at(310) }],
    processing_files: [],
    completed_files: [{ file_name: '0000032D.IPB', md5: '9ed58d34d6ade38d96c9bc5a7cdfff24', uploaded_at: at(280), updated_at: at(282), msg: 'File successfully processed' }],
  };

  return {
    users,
    devices,
    groups,
    deviceGroups,
    sessions,
    resources,
    windows,
    syncFiles,
    uploads: [],
    userTokens: { [IGTIMI_DEMO_USER_TOKEN]: IGTIMI_DEMO_USER_ID, [IGTIMI_OTHER_USER_TOKEN]: 6 },
    client: { ...IGTIMI_DEMO_CLIENT },
  };
}

/**
 * Extra demo boats for benchmarks at scale: each sails the course with its own profile and has
 * a race-day resource, so latest data and history answer for it as for the seeded boats. They
 * join no session or data access window (the benchmarks read devices and their data, and the
 * session logs stay as tests pin them). Their own PRNG, drawn after the default world, keeps
 * the default records unchanged; ids start at 1000 (devices) and 100000 (resources), clear of
 * the seeded ranges.
 */
function appendFleet(devices: SimDevice[], resources: SimResource[], count: number): void {
  const random = createPrng('igtimi-fleet');
  const serials = new Set(devices.map((d) => d.serial_number));
  for (let i = 0; i < count; i += 1) {
    let serial: string;
    do serial = `GA-EN-${random.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
    while (serials.has(serial));
    serials.add(serial);
    const index = BOAT_NAMES.length + i;
    devices.push(device(1000 + i, serial, `Boat ${index + 1}`, IGTIMI_DEMO_USER_ID, random, { index, speedKn: 5.5 + random.next() * 2, offsetS: index * 97 }));
    resources.push(resource(100000 + i, serial, IGTIMI_BASE_EPOCH, IGTIMI_BASE_EPOCH + 255 * 60_000, false));
  }
}

/** Every secret of the seed: client secret, user tokens, device group tokens, service tags. */
export function igtimiSeedSecrets(state: IgtimiSimState = createIgtimiSeed()): string[] {
  return [IGTIMI_DEMO_CLIENT.client_secret, ...Object.keys(state.userTokens), ...state.deviceGroups.map((g) => g.token)];
}
