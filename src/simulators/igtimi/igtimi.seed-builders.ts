/** Builders of the seeded Igtimi entities (see igtimi.seed.ts). */
import type * as w from '../../vendors/igtimi/igtimi.wire';
import type { Prng } from '../prng';
import type { SimDevice, SimDeviceGroup, SimGroup, SimResource, SimSession, SimWindow } from './igtimi.seed';
import type { BoatProfile } from './igtimi.seed-track';

/** Race day, 09:45 UTC: the tracking resources of every boat start here. */
export const IGTIMI_BASE_EPOCH = Date.UTC(2024, 5, 15, 9, 45);
export const IGTIMI_DEMO_USER_ID = 2;


export function uniqueSerials(random: Prng, prefix: string, count: number): string[] {
  const serials = new Set<string>();
  // `GA-EN-AAEJ` is the notes' example; keep it as the first boat.
  if (prefix === 'GA-EN') serials.add('GA-EN-AAEJ');
  while (serials.size < count) serials.add(`${prefix}-${random.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`);
  return [...serials];
}

export function device(id: number, serial: string, name: string, owner: number, random: Prng, boat: BoatProfile | null): SimDevice {
  return {
    id,
    name,
    serial_number: serial,
    uid: null,
    imei: `35${random.chars(13, '0123456789')}`,
    service_tag: random.chars(4, 'ABCDEFGHJKLMNPQRSTUVWXYZ'),
    owner_id: owner,
    device_user_group_id: 100 + id,
    admin_device_user_group_id: 200 + id,
    permissions: { read: true, modify: true },
    blob: id === 1,
    blob_content: id === 1 ? '{"sail_number":"NZL 1"}' : null,
    info: boat ? { stage: 'production', target: 'YachtBot', build: '504', build_date: '2017-12-11T03:40Z', cell_module: 'H910 (fw: 12.00.004)' } : null,
    boat,
  };
}

export function group(id: number, name: string, hidden: boolean, members: SimGroup['members'], isPublic: boolean): SimGroup {
  return { id, name, hidden, owner_id: IGTIMI_DEMO_USER_ID, members, public: isPublic, blob: false, blob_content: null };
}

export function deviceGroup(id: number, prefix: string, random: Prng, parent: number | null, expiry: number | null, permissions: w.IgtimiWireDeviceGroup['permissions']): SimDeviceGroup {
  return {
    id,
    token: random.chars(32, 'abcdef0123456789'),
    prefix,
    permissions,
    default_owner_id: IGTIMI_DEMO_USER_ID,
    default_admin_id: null,
    default_user_id: null,
    expiry,
    parent_id: parent,
  };
}

export function session(id: number, name: string | null, start: number | null, end: number | null, isPublic: boolean, serials: string[]): SimSession {
  const log: SimSession['log'] = [];
  const stamp = start ?? IGTIMI_BASE_EPOCH;
  if (name) log.push({ time: stamp, xml: `<name>${name}</name>` });
  if (start !== null) log.push({ time: stamp, xml: `<start_time>${start}</start_time>` });
  for (const serial of serials) log.push({ time: stamp, xml: `<device serial_number="${serial}"/>` });
  if (end !== null) log.push({ time: end, xml: `<end_time>${end}</end_time>` });
  return {
    id,
    name,
    start_time: start === null ? null : start + 0.454,
    end_time: end === null ? null : end + 0.23,
    owner_id: IGTIMI_DEMO_USER_ID,
    session_group_id: 4,
    admin_session_group_id: 5,
    permissions: { read: true, modify: true },
    blob: false,
    blob_content: null,
    public: isPublic,
    log,
  };
}

export function resource(id: number, serial: string, start: number, end: number, archived: boolean): SimResource {
  return {
    id,
    start_time: start,
    end_time: end,
    device_serial_number: serial,
    data_types: [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15],
    permissions: { read: true, modify: true },
    blob: false,
    is_archived: archived,
    owner_id: IGTIMI_DEMO_USER_ID,
    blob_content: null,
    restoring: false,
  };
}

export function window(id: number, serial: string, start: number, end: number, recipient: SimWindow['recipient'], modify: boolean): SimWindow {
  return { id, start_time: start + 0.4912, end_time: end + 0.67, device_serial_number: serial, recipient, permissions: { read: true, modify } };
}
