/**
 * The Mainflux simulator's live things: every 2 s each publishes a SenML pack (voltage and
 * current for meters, temperature for sensors, CO2 and humidity for air sensors) to its
 * channel, stored for the readers and forwarded to MQTT like an MQTT adapter would.
 */
import { startLiveGenerator, type LiveGenerator, type LivePace } from '../live-generator';
import { createPrng } from '../prng';
import { MAINFLUX_SENSORS, reading, type MainfluxSensorKind } from './mainflux.seed';
import type { MainfluxContext } from './mainflux.store';

export const MAINFLUX_LIVE_INTERVAL_MS = 2000;
/** Stored messages kept; older live ones are dropped so a long demo does not grow without bound. */
const MAX_STORED = 20_000;

/** Starts the generator. Live things: the first floor and the main meter. */
export function startLiveThings(context: MainfluxContext, pace: LivePace = 'timed', intervalMs = MAINFLUX_LIVE_INTERVAL_MS): LiveGenerator {
  const random = createPrng('mainflux-live');
  const { state } = context;
  const tick = () => {
    const live = state.things.filter((t) => t.metadata?.floor === 1 || t.name === 'main-meter');
    const nowSeconds = context.now().getTime() / 1000;
    for (const thing of live) {
      const kind = thing.metadata?.kind as MainfluxSensorKind | undefined;
      const sensors = kind ? MAINFLUX_SENSORS[kind] : undefined;
      const channel = state.channels.find((c) => state.connections.includes(`${c.id}/${thing.id}`));
      if (!sensors || !channel) continue;
      // One pack per thing, base time and unit as in the doc's send example.
      const pack = sensors.map((sensor, i) => ({
        ...(i === 0 ? { bt: nowSeconds } : {}),
        n: sensor.name,
        u: sensor.unit,
        v: reading(random, sensor.base, sensor.spread),
      }));
      for (const record of pack) {
        state.messages.push({ channel: channel.id, channel_name: channel.id, publisher: thing.id, protocol: 'mqtt', name: record.n, unit: record.u, time: nowSeconds, value: record.v });
      }
      context.publish(channel.id, thing.id, pack);
    }
    if (state.messages.length > MAX_STORED) state.messages.splice(0, state.messages.length - MAX_STORED);
  };
  return startLiveGenerator(tick, { pace, intervalMs });
}
