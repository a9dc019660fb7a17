/**
 * The Mainflux seed: one office building. Six floors, each with a channel and six things
 * (three temperature sensors, two power meters, an air-quality sensor); a building energy
 * channel for the meters; groups, orgs, webhooks; and twelve hours of message history
 * before a fixed base time (no clock reads, so every run seeds the same state).
 */
import { createPrng, type Prng } from '../prng';
import { uuid4, type MainfluxSimChannel, type MainfluxSimMessage, type MainfluxSimState, type MainfluxSimThing, type MainfluxSimUser } from './mainflux.store';

/** The seeded admin: owns the building, may list every org and change policies. */
export const MAINFLUX_DEMO_CREDENTIALS = Object.freeze({ email: 'admin@tributary.local', password: 'demo-password-mf' });
/** A tenant without admin rights, owning a thing and a channel of its own. */
export const MAINFLUX_TENANT_CREDENTIALS = Object.freeze({ email: 'tenant@tributary.local', password: 'tenant-password' });

/** The end of the seeded history (messages before it, hourly): 2024-11-01T00:00:00Z in seconds. */
export const MAINFLUX_HISTORY_END = Date.UTC(2024, 10, 1) / 1000;
export const MAINFLUX_FLOORS = 6;
const HISTORY_HOURS = 12;

/** What each kind of thing measures: SenML name, unit, typical value and spread. */
export const MAINFLUX_SENSORS = {
  temp: [{ name: 'temperature', unit: 'Cel', base: 21.5, spread: 2 }],
  meter: [
    { name: 'voltage', unit: 'V', base: 230, spread: 4 },
    { name: 'current', unit: 'A', base: 6, spread: 3 },
  ],
  air: [
    { name: 'co2', unit: 'ppm', base: 650, spread: 250 },
    { name: 'humidity', unit: '%RH', base: 40, spread: 8 },
  ],
} as const;
export type MainfluxSensorKind = keyof typeof MAINFLUX_SENSORS;

export function createMainfluxSeed(): MainfluxSimState {
  const random = createPrng(0x3a1f1a);
  const user = (email: string, password: string, admin: boolean): MainfluxSimUser => ({ id: uuid4(random), email, password, admin });
  const admin = user(MAINFLUX_DEMO_CREDENTIALS.email, MAINFLUX_DEMO_CREDENTIALS.password, true);
  const tenant = user(MAINFLUX_TENANT_CREDENTIALS.email, MAINFLUX_TENANT_CREDENTIALS.password, false);
  const staff = ['facilities@tributary.local', 'security@tributary.local', 'energy@tributary.local'].map((email) => user(email, `${email.split('@')[0]}-password`, false));
  const state: MainfluxSimState = {
    users: [admin, tenant, ...staff],
    things: [],
    channels: [],
    connections: [],
    groups: [],
    orgs: [],
    orgMembers: [],
    orgGroups: [],
    policies: [],
    keys: [],
    webhooks: [],
    messages: [],
  };
  const channel = (name: string, owner = admin, metadata?: Record<string, unknown>): MainfluxSimChannel => {
    const created = { id: uuid4(random), name, owner: owner.id, ...(metadata ? { metadata } : {}) };
    state.channels.push(created);
    return created;
  };
  const thing = (name: string, kind: MainfluxSensorKind | 'display', metadata: Record<string, unknown>, owner = admin): MainfluxSimThing => {
    const created = { id: uuid4(random), name, key: uuid4(random), owner: owner.id, metadata: { kind, ...metadata } };
    state.things.push(created);
    return created;
  };
  const connect = (c: MainfluxSimChannel, t: MainfluxSimThing) => state.connections.push(`${c.id}/${t.id}`);

  const energy = channel('building-energy', admin, { purpose: 'energy metering' });
  const alarms = channel('air-quality-alarms', admin, { purpose: 'alarms' });
  for (let floor = 1; floor <= MAINFLUX_FLOORS; floor += 1) {
    const floorChannel = channel(`floor-${floor}`, admin, { floor });
    for (const suffix of ['a', 'b', 'c']) {
      const sensor = thing(`f${floor}-temp-${suffix}`, 'temp', { floor, room: `${floor}0${'abc'.indexOf(suffix) + 1}` });
      connect(floorChannel, sensor);
      history(state, random, sensor, floorChannel, 'temp');
    }
    for (const n of [1, 2]) {
      const meter = thing(`f${floor}-meter-${n}`, 'meter', { floor, circuit: `L${n}` });
      connect(floorChannel, meter);
      connect(energy, meter);
      history(state, random, meter, energy, 'meter');
    }
    const air = thing(`f${floor}-air`, 'air', { floor });
    connect(floorChannel, air);
    connect(alarms, air);
    history(state, random, air, floorChannel, 'air');
  }
  const main = thing('main-meter', 'meter', { location: 'basement' });
  connect(energy, main);
  history(state, random, main, energy, 'meter');
  const solar = thing('solar-inverter', 'meter', { location: 'roof' });
  connect(energy, solar);
  history(state, random, solar, energy, 'meter');
  thing('lobby-display', 'display', { location: 'lobby' });
  // A channel nobody is connected to yet: nobody may read or subscribe to it.
  channel('spare-channel');

  const tenantChannel = channel('tenant-office', tenant);
  const tenantSensor = thing('tenant-temp', 'temp', { floor: 3 }, tenant);
  connect(tenantChannel, tenantSensor);

  const byKind = (kind: string) => state.things.filter((t) => t.owner === admin.id && t.metadata?.kind === kind).map((t) => t.id);
  const at = new Date(MAINFLUX_HISTORY_END * 1000 - 90 * 24 * 3600 * 1000).toISOString();
  const group = (name: string, description: string, members: string[]) => {
    const created = { id: uuid4(random), name, owner_id: admin.id, description, metadata: {}, created_at: at, updated_at: at, members };
    state.groups.push(created);
    return created;
  };
  const temps = group('temperature-sensors', 'Every room temperature sensor', byKind('temp'));
  const meters = group('power-meters', 'Floor, main and solar meters', byKind('meter'));
  group('air-quality', 'CO2 and humidity sensors', byKind('air'));
  group('ground-floor', 'Things on floor 1', state.things.filter((t) => t.metadata?.floor === 1 && t.owner === admin.id).map((t) => t.id));

  const facilities = { id: uuid4(random), name: 'Harbour House Facilities', owner_id: admin.id, description: 'Building operations', metadata: { site: 'harbour-house' }, created_at: at, updated_at: at };
  const tenants = { id: uuid4(random), name: 'Tenants', owner_id: admin.id, description: 'Office tenants', metadata: {}, created_at: at, updated_at: at };
  state.orgs.push(facilities, tenants);
  state.orgMembers.push(
    { orgId: facilities.id, userId: admin.id, role: 'owner' },
    ...staff.map((s) => ({ orgId: facilities.id, userId: s.id, role: 'editor' })),
    { orgId: tenants.id, userId: admin.id, role: 'owner' },
    { orgId: tenants.id, userId: tenant.id, role: 'viewer' },
  );
  state.orgGroups.push({ orgId: facilities.id, groupId: temps.id }, { orgId: facilities.id, groupId: meters.id });
  state.webhooks.push(
    { thing_id: main.id, name: 'energy-dashboard', format: 'json', url: 'https://energy.example.com/hooks/main' },
    { thing_id: main.id, name: 'billing', format: 'senml', url: 'https://billing.example.com/ingest' },
    { thing_id: solar.id, name: 'energy-dashboard', format: 'json', url: 'https://energy.example.com/hooks/solar' },
  );
  return state;
}

/** Every secret in `state` (thing keys, passwords), so tests can check none reaches a response or log. */
export function mainfluxSeedSecrets(state: MainfluxSimState): string[] {
  return [...state.things.map((t) => t.key), ...state.users.map((u) => u.password)];
}

/** Hourly readings of a thing's sensors over the history window, oldest first. */
function history(state: MainfluxSimState, random: Prng, thing: MainfluxSimThing, channel: MainfluxSimChannel, kind: MainfluxSensorKind): void {
  for (let hour = HISTORY_HOURS; hour >= 1; hour -= 1) {
    const time = MAINFLUX_HISTORY_END - hour * 3600;
    for (const sensor of MAINFLUX_SENSORS[kind]) {
      const message: MainfluxSimMessage = {
        channel: channel.id,
        channel_name: channel.id,
        publisher: thing.id,
        protocol: 'mqtt',
        name: sensor.name,
        unit: sensor.unit,
        time,
        value: reading(random, sensor.base, sensor.spread),
      };
      state.messages.push(message);
    }
  }
}

/** A reading around `base`, rounded to one decimal. */
export function reading(random: Prng, base: number, spread: number): number {
  return Math.round((base + (random.next() * 2 - 1) * spread) * 10) / 10;
}
