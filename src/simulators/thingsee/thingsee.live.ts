/**
 * Live generators (only with `start({ live: true })`): online sensors report every tick
 * (5 s by default), batteries drain, sensors drop offline and come back (with a
 * `heartbeat missed` alert while away) and other alerts are raised and cleared.
 */
import { startLiveGenerator, type LiveGenerator, type LivePace } from '../live-generator';
import { createPrng } from '../prng';
import { alertTypeOf } from './thingsee.seed';
import { reading, type SensorKind, type ThingseeSimThing } from './thingsee.store-state';
import type { ThingseeContext } from './thingsee.store';

/** Messages kept per thing; older ones are dropped. */
const KEEP_MESSAGES = 2000;

export interface ThingseeLiveOptions {
  /** Time between reporting rounds. @default 5000 */
  intervalMs?: number;
  /** @default 'timed' */
  pace?: LivePace;
}

/** Starts the generators of one organisation. */
export function startThingseeLive(context: ThingseeContext, options: ThingseeLiveOptions = {}): LiveGenerator {
  const random = createPrng('thingsee-live');
  let tick = 0;
  const round = () => {
    tick += 1;
    const now = Math.floor(context.now() / 1000);
    const sensors = context.state.things.filter((thing) => thing.kind !== 'gateway' && thing.timestamp !== null);
    for (const thing of sensors.filter((t) => t.online)) report(context, thing, now, tick, random);
    toggleOnline(context, sensors, now, random);
    toggleAlert(context, sensors, now, random);
  };
  return startLiveGenerator(round, { pace: options.pace ?? 'timed', intervalMs: options.intervalMs ?? 5_000 });
}

// Private:

type Random = ReturnType<typeof createPrng>;

function report(context: ThingseeContext, thing: ThingseeSimThing, now: number, tick: number, random: Random): void {
  const messages = context.state.messages.get(thing.tuid) ?? [];
  const header = { tsmEv: 10, tsmTs: now, tsmTuid: thing.tuid, tsmGw: thing.gateway_tuid ?? thing.tuid, deploymentGroupId: thing.group_id ?? 'unassigned' };
  for (const payload of reading(thing.kind as SensorKind, random)) messages.push({ ...header, ...payload });
  if (thing.battery_level !== null && tick % 6 === 0 && random.next() < 0.5) {
    thing.battery_level = Math.max(0, thing.battery_level - 1);
    messages.push({ ...header, tsmId: 1110, batl: thing.battery_level });
  }
  if (messages.length > KEEP_MESSAGES) messages.splice(0, messages.length - KEEP_MESSAGES);
  context.state.messages.set(thing.tuid, messages);
  thing.timestamp = now;
}

/** Now and then one sensor goes quiet (heartbeat alert) and one quiet sensor comes back. */
function toggleOnline(context: ThingseeContext, sensors: ThingseeSimThing[], now: number, random: Random): void {
  const { alerts } = context.state;
  const offline = sensors.filter((t) => !t.online);
  if (offline.length > 0 && random.next() < 0.3) {
    const back = random.pick(offline);
    back.online = true;
    for (const alert of alerts) if (alert.tuid === back.tuid && alert.alert_type === 'heartbeat missed' && alert.to === null) alert.to = now;
  } else if (random.next() < 0.1) {
    const gone = random.pick(sensors.filter((t) => t.online));
    gone.online = false;
    alerts.push({ tuid: gone.tuid, alert_type: 'heartbeat missed', from: now, to: null });
  }
}

/** Every tick either raises an alert on a sensor or clears one that is active. */
function toggleAlert(context: ThingseeContext, sensors: ThingseeSimThing[], now: number, random: Random): void {
  const { alerts } = context.state;
  const active = alerts.filter((a) => a.to === null && a.alert_type !== 'heartbeat missed');
  if (active.length > 0 && random.next() < 0.5) {
    random.pick(active).to = now;
    return;
  }
  const thing = random.pick(sensors);
  const type = alertTypeOf(thing, random);
  if (alerts.some((a) => a.tuid === thing.tuid && a.alert_type === type && a.to === null)) return;
  alerts.push({ tuid: thing.tuid, alert_type: type, from: now, to: null });
}
