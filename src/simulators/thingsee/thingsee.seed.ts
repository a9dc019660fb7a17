/**
 * Deterministic Thingsee seed: an office deployment of 3 gateways and 50 sensors
 * (environment, presence, CO₂, leak) across 4 deployment groups, 3 unassigned spares,
 * 12 hours of message history, installation histories, command history and alerts.
 * Drawn from a seeded PRNG around a fixed base epoch (never the clock).
 */
import type { ThingseeWireCommandRecord, ThingseeWireInstallation, ThingseeWireMessage } from '../../vendors/thingsee/thingsee.wire';
import { createPrng, type Prng } from '../prng';
import type { SeedOptions } from '../simulator.types';
import { SENSOR_KINDS, reading, type SensorKind, type ThingseeSimAlert, type ThingseeSimState, type ThingseeSimThing } from './thingsee.store-state';

/** "Now" of the seed: 2024-11-04T08:00:00Z, in unix seconds. History runs up to it. */
export const THINGSEE_BASE_EPOCH = Date.UTC(2024, 10, 4, 8, 0, 0) / 1000;

/** The demo API client (`POST /auth/client-token`). */
export const THINGSEE_DEMO_CREDENTIALS = Object.freeze({ client_id: 'tributary-demo', client_secret: 'thingsee-demo-secret-7Hq2Lx9Vw4' });
/** A client allowed to read only: its writes answer 403. */
export const THINGSEE_READONLY_CREDENTIALS = Object.freeze({ client_id: 'tributary-readonly', client_secret: 'thingsee-readonly-secret-3Kp8Zr1Yt6' });
/** The API client of a second organisation (a harbour warehouse), which sees only its own things. */
export const THINGSEE_WAREHOUSE_CREDENTIALS = Object.freeze({ client_id: 'harbour-warehouse', client_secret: 'thingsee-warehouse-secret-5Nd3Qa8Rb2' });

const GROUPS = [
  { group_id: 'office-floor1', group_description: 'First floor open office' },
  { group_id: 'office-floor2', group_description: 'Second floor open office' },
  { group_id: 'meeting-rooms', group_description: 'Meeting rooms on both floors' },
  { group_id: 'facilities', group_description: 'Kitchens, restrooms and technical spaces' },
];

/** Sensors per group and kind: 50 in all. */
const LAYOUT: Array<{ group: string; kind: SensorKind; count: number }> = [
  { group: 'office-floor1', kind: 'environment', count: 10 },
  { group: 'office-floor1', kind: 'co2', count: 5 },
  { group: 'office-floor2', kind: 'environment', count: 10 },
  { group: 'office-floor2', kind: 'co2', count: 5 },
  { group: 'meeting-rooms', kind: 'presence', count: 12 },
  { group: 'facilities', kind: 'leak', count: 8 },
];

const HISTORY_HOURS = 12;
const REPORT_EVERY_S = 15 * 60;
const RESPONSIBLE = 'installer@office.example';

/** Things in the default seed: 3 gateways, 50 sensors, 3 spares. */
export const THINGSEE_DEMO_THING_COUNT = 56;

/**
 * Fresh seeded state. `seed.devices` above 56 appends sensors (see `appendSensors`); the
 * default seed is unchanged.
 */
export function createThingseeSeed(seed: SeedOptions = {}): ThingseeSimState {
  const random = createPrng(0x7515ee);
  const state: ThingseeSimState = {
    clients: [{ ...THINGSEE_DEMO_CREDENTIALS, readOnly: false }, { ...THINGSEE_READONLY_CREDENTIALS, readOnly: true }],
    groups: GROUPS.map((g) => ({ ...g })),
    things: [],
    messages: new Map(),
    alerts: [],
    installations: new Map(),
    commands: new Map(),
  };
  const gateways = [1, 2, 3].map((n) => seedThing(random, state, 'gateway', n === 3 ? 'facilities' : `office-floor${n}`, null));
  let n = 0;
  for (const { group, kind, count } of LAYOUT) {
    for (let i = 0; i < count; i += 1) {
      const gateway = gateways[n % gateways.length];
      n += 1;
      const thing = seedThing(random, state, kind, group, gateway.tuid);
      state.messages.set(thing.tuid, seedHistory(random, thing));
      if (i % 4 === 0) state.commands.set(thing.tuid, seedCommands(random, thing));
    }
  }
  for (let i = 0; i < 3; i += 1) seedThing(random, state, 'environment', null, null, true);
  seedAlerts(random, state);
  appendSensors(state, gateways, (seed.devices ?? 0) - THINGSEE_DEMO_THING_COUNT);
  return state;
}

/**
 * The second organisation's state: a harbour warehouse of 1 gateway and 7 sensors in 2 groups,
 * with its own API client, messages and alerts; nothing in it is shared with the office.
 */
export function createThingseeWarehouseSeed(): ThingseeSimState {
  const random = createPrng(0x3a2e40);
  const state: ThingseeSimState = {
    clients: [{ ...THINGSEE_WAREHOUSE_CREDENTIALS, readOnly: false }],
    groups: [
      { group_id: 'cold-store', group_description: 'Refrigerated store rooms' },
      { group_id: 'loading-dock', group_description: 'Loading dock and ramps' },
    ],
    things: [],
    messages: new Map(),
    alerts: [],
    installations: new Map(),
    commands: new Map(),
  };
  const gateway = seedThing(random, state, 'gateway', 'loading-dock', null);
  for (const [group, kind, count] of [['cold-store', 'environment', 4], ['loading-dock', 'leak', 3]] as const) {
    for (let i = 0; i < count; i += 1) {
      const thing = seedThing(random, state, kind, group, gateway.tuid);
      state.messages.set(thing.tuid, seedHistory(random, thing));
    }
  }
  const leak = state.things.find((thing) => thing.kind === 'leak')!;
  state.alerts = [{ tuid: leak.tuid, alert_type: 'leak detected', from: THINGSEE_BASE_EPOCH - 3600, to: null }];
  return state;
}

/** Every secret in the seeds (both organisations' client secrets), so tests can check none reaches a log or `raw`. */
export function thingseeSeedSecrets(state: ThingseeSimState): string[] {
  return [...state.clients.map((client) => client.client_secret), THINGSEE_WAREHOUSE_CREDENTIALS.client_secret];
}

// Private:

function seedThing(random: Prng, state: ThingseeSimState, kind: SensorKind | 'gateway', group: string | null, gatewayTuid: string | null, spare = false): ThingseeSimThing {
  const prefix = kind === 'gateway' ? 'TSGW01' : SENSOR_KINDS[kind].prefix;
  const tuid = `${prefix}${random.chars(3, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${random.chars(8, '0123456789')}`;
  const thing: ThingseeSimThing = {
    tuid,
    kind,
    group_id: group,
    online: !spare,
    battery_level: kind === 'gateway' ? null : random.int(35, 100),
    timestamp: spare ? null : THINGSEE_BASE_EPOCH - random.int(0, 600),
    location: { lat: round(65.0121 + random.next() * 0.002, 5), lon: round(25.4651 + random.next() * 0.004, 5) },
    gateway_tuid: gatewayTuid,
    version: kind === 'gateway' ? '2024.09.30.1_gw_lte' : random.pick(['2024.06.12.3_ts_pod3wp34', '2024.09.02.1_ts_pod3wp35']),
  };
  state.things.push(thing);
  const created = THINGSEE_BASE_EPOCH - random.int(200, 400) * 86_400;
  const history: ThingseeWireInstallation[] = [{ tuid, installation_status: 'new', timestamp: created, responsible: 'factory' }];
  if (!spare) {
    history.push({ tuid, installation_status: 'installed', timestamp: created + random.int(5, 30) * 86_400, responsible: RESPONSIBLE });
    if (random.next() < 0.15) {
      const at = THINGSEE_BASE_EPOCH - random.int(20, 90) * 86_400;
      history.push({ tuid, installation_status: 'quarantine', timestamp: at, responsible: RESPONSIBLE });
      history.push({ tuid, installation_status: 'installed', timestamp: at + 3 * 86_400, responsible: RESPONSIBLE });
    }
  }
  state.installations.set(tuid, history);
  return thing;
}

/**
 * Extra sensors for benchmarks at scale, spread over the groups and kinds of the layout and
 * the three gateways. No message history, commands or alerts: the benchmarks read things and
 * their details, and 12 hours of history for a thousand sensors would make the seed tens of
 * megabytes for nothing. Their own PRNG, drawn after the default seed, keeps it unchanged.
 */
function appendSensors(state: ThingseeSimState, gateways: ThingseeSimThing[], count: number): void {
  const random = createPrng('thingsee-fleet');
  for (let i = 0; i < count; i += 1) {
    const { group, kind } = LAYOUT[i % LAYOUT.length];
    seedThing(random, state, kind, group, gateways[i % gateways.length].tuid);
  }
}

function seedHistory(random: Prng, thing: ThingseeSimThing): ThingseeWireMessage[] {
  const messages: ThingseeWireMessage[] = [];
  const start = THINGSEE_BASE_EPOCH - HISTORY_HOURS * 3600;
  for (let t = start; t <= THINGSEE_BASE_EPOCH - 600; t += REPORT_EVERY_S) {
    const at = t + random.int(0, 59);
    for (const payload of reading(thing.kind as SensorKind, random)) messages.push(header(thing, at, payload));
    if ((t - start) % 3600 === 0) messages.push(header(thing, at + 1, { tsmId: 1110, batl: thing.battery_level }));
  }
  return messages;
}

function header(thing: ThingseeSimThing, at: number, payload: Record<string, unknown> & { tsmId: number }): ThingseeWireMessage {
  return { tsmEv: 10, tsmTs: at, tsmTuid: thing.tuid, tsmGw: thing.gateway_tuid ?? thing.tuid, deploymentGroupId: thing.group_id ?? 'unassigned', ...payload };
}

function seedCommands(random: Prng, thing: ThingseeSimThing): ThingseeWireCommandRecord[] {
  return [1500, 12200].map((tsmId, i) => {
    const at = THINGSEE_BASE_EPOCH - (i + 1) * random.int(2, 9) * 86_400;
    return {
      tuid: thing.tuid,
      timestamp: at,
      responsible: RESPONSIBLE,
      command: { tsmId, tsmEv: 30, tsmTs: at, tsmDstTuid: thing.tuid, profileId: 0, transactionId: random.int(10_000, 99_999), measurementInterval: 300 },
    };
  });
}

/** About 30 ended alerts and 6 active ones, over the last two weeks. */
function seedAlerts(random: Prng, state: ThingseeSimState): void {
  const sensors = state.things.filter((t) => t.kind !== 'gateway' && t.online);
  const alerts: ThingseeSimAlert[] = [];
  for (let i = 0; i < 30; i += 1) {
    const thing = random.pick(sensors);
    const from = THINGSEE_BASE_EPOCH - random.int(1, 14 * 24) * 3600;
    alerts.push({ tuid: thing.tuid, alert_type: alertTypeOf(thing, random), from, to: from + random.int(5, 240) * 60 });
  }
  for (let i = 0; i < 6; i += 1) {
    const thing = sensors[(i * 7) % sensors.length];
    alerts.push({ tuid: thing.tuid, alert_type: alertTypeOf(thing, random), from: THINGSEE_BASE_EPOCH - random.int(1, 120) * 60, to: null });
  }
  state.alerts = alerts.sort((a, b) => a.from - b.from);
}

export function alertTypeOf(thing: ThingseeSimThing, random: Prng): string {
  if (thing.kind === 'leak') return random.pick(['leak detected', 'heartbeat missed']);
  if (thing.kind === 'co2') return random.pick(['co2 high', 'heartbeat missed']);
  return random.pick(['heartbeat missed', 'gateway connection lost', 'battery low']);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
