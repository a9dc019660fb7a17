/**
 * Deterministic IoTaaP seed: a "pro" demo user with 6 groups and 40 devices, and a "free"
 * user with 1 group and 2 devices. Drawn from a seeded PRNG and fixed dates (never the
 * clock), so every run and every test sees the same ids. The doc's own examples
 * (cooling_system, heating_system, cooling_1, cooling_2) are kept verbatim.
 */
import type { IotaapWireDevice, IotaapWireGroup, IotaapWireUser } from '../../vendors/iotaap/iotaap.wire';
import { ALPHANUMERIC, createPrng, HEX, type Prng } from '../prng';
import type { SeedOptions } from '../simulator.types';

/** A seeded user: the wire user plus the password only the simulator knows. */
export interface IotaapSimUser extends IotaapWireUser {
  password: string;
}

/** The mutable state of one IoTaaP simulator. Plain data: safe to compare and clone. */
export interface IotaapSimState {
  users: IotaapSimUser[];
  groups: IotaapWireGroup[];
  devices: IotaapWireDevice[];
}

/** Login of the seeded "pro" demo user, who owns 6 groups and 40 devices. */
export const IOTAAP_DEMO_CREDENTIALS = Object.freeze({ email: 'demo@tributary.local', password: 'demo-password' });

/** Login of the seeded "free" user (1 group, 2 devices); cannot create groups. */
export const IOTAAP_FREE_CREDENTIALS = Object.freeze({ email: 'free@tributary.local', password: 'free-password' });

/** Quotas per billing plan; `groups: 0` means groups are not available in the plan at all. */
export const IOTAAP_PLANS: Readonly<Record<string, { groups: number; devices: number }>> = Object.freeze({
  pro: { groups: 25, devices: 120 },
  free: { groups: 0, devices: 3 },
});

/** Device types IoTaaP boards report. */
export const IOTAAP_DEVICE_TYPES = ['Magnolia', 'Orchid', 'Lotus'] as const;

/** Group tokens are 16 characters, device tokens 12 (VENDOR-NOTES, IoTaaP). */
export const GROUP_TOKEN_LENGTH = 16;
export const DEVICE_TOKEN_LENGTH = 12;

/** Devices the demo user owns in the default seed (34 grouped, 6 spares). */
export const IOTAAP_DEMO_DEVICE_COUNT = 40;

/**
 * Fresh seeded state; each simulator gets its own copy to mutate. `seed.devices` above 40
 * appends `fleet_<n>` devices to the demo user (see `appendFleet`); the default is unchanged.
 */
export function createIotaapSeed(seed: SeedOptions = {}): IotaapSimState {
  const random = createPrng(0x107aa9);
  const demo: IotaapSimUser = {
    _id: '5e10fc5e77ba18070312e171',
    email: IOTAAP_DEMO_CREDENTIALS.email,
    password: IOTAAP_DEMO_CREDENTIALS.password,
    username: 'demo',
    first_name: 'Demo',
    last_name: 'User',
    role: 'user',
    plan: 'pro',
    created_at: '2020-01-04T20:58:06.412Z',
  };
  const freeCreatedAt = '2023-03-14T09:26:53.589Z';
  const free: IotaapSimUser = {
    _id: objectId(Date.parse(freeCreatedAt), random),
    email: IOTAAP_FREE_CREDENTIALS.email,
    password: IOTAAP_FREE_CREDENTIALS.password,
    username: 'free_tier',
    role: 'user',
    plan: 'free',
    created_at: freeCreatedAt,
  };

  const state: IotaapSimState = { users: [demo, free], groups: [], devices: [] };
  for (const { name, devicePrefix, deviceCount } of DEMO_GROUPS) {
    const group = seedGroup(random, demo, name);
    state.groups.push(group);
    for (let n = 1; n <= deviceCount; n += 1) state.devices.push(seedDevice(random, demo, `${devicePrefix}_${n}`, group));
  }
  for (let n = 1; n <= 6; n += 1) state.devices.push(seedDevice(random, demo, `spare_${n}`));

  const garage = seedGroup(random, free, 'garage');
  state.groups.push(garage);
  state.devices.push(seedDevice(random, free, 'garage_door', garage), seedDevice(random, free, 'porch_light'));
  appendFleet(state, demo, (seed.devices ?? 0) - IOTAAP_DEMO_DEVICE_COUNT);
  return state;
}

/** Every secret in `state` (device and group tokens), so tests can check none reaches a log. */
export function iotaapSeedSecrets(state: IotaapSimState): string[] {
  return [...state.groups.map((group) => group.token), ...state.devices.map((device) => device.token)];
}

/** A MongoDB-style ObjectId: 8 hex digits of creation seconds, then 16 random hex digits. */
export function objectId(createdAtMs: number, random: Prng): string {
  const seconds = Math.floor(createdAtMs / 1000).toString(16).padStart(8, '0');
  return `${seconds}${random.chars(16, HEX)}`;
}

// Private:

/** 34 grouped devices: 8 + 7 + 6 + 5 + 4 + 4. */
const DEMO_GROUPS = [
  { name: 'cooling_system', devicePrefix: 'cooling', deviceCount: 8 },
  { name: 'heating_system', devicePrefix: 'heating', deviceCount: 7 },
  { name: 'greenhouse_north', devicePrefix: 'greenhouse_north', deviceCount: 6 },
  { name: 'greenhouse_south', devicePrefix: 'greenhouse_south', deviceCount: 5 },
  { name: 'irrigation_pumps', devicePrefix: 'pump', deviceCount: 4 },
  { name: 'cold_storage', devicePrefix: 'cold_storage', deviceCount: 4 },
];

/** The examples from iotaap-groups.txt, kept so mapper tests can use the documented payloads. */
const DOC_GROUPS: Partial<Record<string, Pick<IotaapWireGroup, '_id' | 'token' | 'created_at'>>> = {
  cooling_system: { _id: '5e1b76bc4315b70eb242567a', token: 'AATluvfLURijoH9d', created_at: '2020-01-12T19:42:52.504Z' },
  heating_system: { _id: '5e1bcd259e233933d7f0ec2c', token: 'JGGnkJ4gO9zfW4gR', created_at: '2020-01-13T01:51:33.651Z' },
};

const DOC_DEVICES: Partial<
  Record<string, Pick<IotaapWireDevice, '_id' | 'type' | 'token' | 'last_contact' | 'created_at'>>
> = {
  cooling_1: {
    _id: '5e1b5774afd4e404d68aebd6',
    type: 'Magnolia',
    token: 'iIP2C3D4B07O',
    last_contact: null,
    created_at: '2020-01-12T17:29:24.180Z',
  },
  cooling_2: {
    _id: '5e27048a8b48ba0a780f3124',
    type: 'Magnolia',
    token: 'nbyMJBdp8VR5',
    last_contact: null,
    created_at: '2020-01-21T14:02:50.500Z',
  },
};

const CREATED_FROM = Date.UTC(2020, 0, 1);
const CREATED_TO = Date.UTC(2024, 5, 30);
const CONTACT_FROM = Date.UTC(2024, 9, 1);
const CONTACT_TO = Date.UTC(2024, 10, 30);

/**
 * Extra demo devices for benchmarks at scale. Their own PRNG, drawn after the default seed,
 * so the default records never change and a scaled seed is the same on every run. Six of
 * every seven join the demo groups in turn (the default seed's mix of grouped and spare), so
 * any page of them references several groups. The plan quota (120) is not raised: creating
 * devices on a scaled seed answers "Device limit reached", as it would for a real full account.
 */
function appendFleet(state: IotaapSimState, demo: IotaapSimUser, count: number): void {
  const random = createPrng('iotaap-fleet');
  const groups = state.groups.filter((group) => group.owner === demo._id);
  const taken = new Set(state.devices.map((device) => device._id));
  for (let n = 1; n <= count; n += 1) {
    const group = n % 7 === 0 ? undefined : groups[(n - 1) % groups.length];
    let device: IotaapWireDevice;
    do device = seedDevice(random, demo, `fleet_${n}`, group);
    while (taken.has(device._id));
    taken.add(device._id);
    state.devices.push(device);
  }
}

function seedGroup(random: Prng, owner: IotaapSimUser, name: string): IotaapWireGroup {
  const createdAt = random.int(CREATED_FROM, CREATED_TO);
  return {
    _id: objectId(createdAt, random),
    name,
    token: random.chars(GROUP_TOKEN_LENGTH, ALPHANUMERIC),
    created_at: new Date(createdAt).toISOString(),
    owner: owner._id,
    __v: 0,
    ...DOC_GROUPS[name],
  };
}

function seedDevice(random: Prng, owner: IotaapSimUser, name: string, group?: IotaapWireGroup): IotaapWireDevice {
  const createdAt = random.int(CREATED_FROM, CREATED_TO);
  // About a third never reported; the rest last reported in autumn 2024 (fixed, not "now").
  const lastContact = random.next() < 0.3 ? null : new Date(random.int(CONTACT_FROM, CONTACT_TO)).toISOString();
  const device: IotaapWireDevice = {
    _id: objectId(createdAt, random),
    type: random.pick(IOTAAP_DEVICE_TYPES),
    name,
    token: random.chars(DEVICE_TOKEN_LENGTH, ALPHANUMERIC),
    last_contact: lastContact,
    created_at: new Date(createdAt).toISOString(),
    owner: owner._id,
    __v: 0,
    ...DOC_DEVICES[name],
  };
  if (group) device.group = group._id;
  return device;
}
