/**
 * The embedded vendor simulators: `startSimulators()` starts one HTTP server per vendor on
 * loopback with fresh seeded state and returns their URLs, controls and demo credentials.
 */
import { faultsFor, parseFaults } from './faults';
import { igtimiSimulator } from './igtimi/igtimi.simulator';
import { iotaapSimulator } from './iotaap/iotaap.simulator';
import { mainfluxSimulator } from './mainflux/mainflux.simulator';
import { thingseeSimulator } from './thingsee/thingsee.simulator';
import { timetonicSimulator } from './timetonic/timetonic.simulator';
import { startSimulatorServer } from './simulator-server';
import { SIMULATOR_VENDORS, type RunningSimulators, type SimulatorVendor, type VendorSimulator } from './simulator.types';

export type {
  Faults,
  RunningSimulators,
  SeedOptions,
  SimulatorControl,
  SimulatorCredentials,
  SimulatorVendor,
  VendorSimulator,
} from './simulator.types';
export { SIMULATOR_VENDORS } from './simulator.types';
export { parseFaults } from './faults';
export { IOTAAP_DEMO_CREDENTIALS } from './iotaap/iotaap.seed';

/** Every vendor simulator there is; a new vendor joins by adding its module here. */
export const VENDOR_SIMULATORS: readonly VendorSimulator[] = [igtimiSimulator, iotaapSimulator, mainfluxSimulator, thingseeSimulator, timetonicSimulator];

export interface StartSimulatorsOptions {
  /**
   * First port; vendor i of `SIMULATOR_VENDORS` listens on `port + i` (iotaap on `port + 1`),
   * so a vendor keeps its port whichever others run. 0 picks free ports.
   * @default 0
   */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Faults in `SIM_FAULTS` syntax, e.g. `iotaap=latency:200,*=error-rate:0.1`. @default no faults */
  faults?: string;
  /**
   * Lower-case vendor keys to start. Vendors without a simulator yet are skipped.
   * @default every vendor with a simulator
   */
  vendors?: string[];
  /** MQTT broker for simulators that publish over MQTT. @default null (those feeds stay off) */
  mqttUrl?: string | null;
  /**
   * Live generators on (moving boats, sensor messages, alerts); `'stepped'` runs their rounds
   * only when `stepLive` is called (tests). @default true
   */
  live?: boolean | 'stepped';
  /**
   * Devices the demo account of IoTaaP, Igtimi and Thingsee owns at least (see
   * `SeedOptions.devices`): benchmarks seed 1000 to measure cost growth. A positive integer.
   * @default the default seeds (40 IoTaaP devices, 15 Igtimi devices, 56 Thingsee things)
   */
  seedDevices?: number;
}

/**
 * Starts the vendor simulators. Bad options (an unknown vendor, a bad fault string) throw
 * before anything listens; if one server fails to listen, the others are stopped again.
 */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const plan = parseFaults(options.faults);
  const wanted = new Set(options.vendors ?? SIMULATOR_VENDORS);
  const unknown = [...wanted].filter((vendor) => !(SIMULATOR_VENDORS as readonly string[]).includes(vendor));
  if (unknown.length > 0) {
    throw new Error(`startSimulators vendors must be among ${SIMULATOR_VENDORS.join(', ')}, but got: ${unknown.join(', ')}`);
  }
  const seedDevices = options.seedDevices;
  if (seedDevices !== undefined && (!Number.isInteger(seedDevices) || seedDevices < 1)) {
    throw new Error(`startSimulators seedDevices must be a positive integer, but got: ${seedDevices}`);
  }
  const basePort = options.port ?? 0;
  const selected = VENDOR_SIMULATORS.filter((simulator) => wanted.has(simulator.vendor));

  const started = await Promise.allSettled(
    selected.map(async (simulator) => {
      const instance = simulator.create(seedDevices === undefined ? undefined : { devices: seedDevices });
      const server = await startSimulatorServer({
        name: simulator.vendor,
        basePath: simulator.basePath,
        router: instance.router,
        faults: faultsFor(plan, simulator.vendor),
        host: options.host,
        port: basePort === 0 ? 0 : basePort + SIMULATOR_VENDORS.indexOf(simulator.vendor),
      });
      const stopAll = async () => {
        await instance.stop?.();
        await server.stop();
      };
      try {
        const endpoints = await instance.start?.({
          server: server.server,
          origin: server.origin,
          url: server.url,
          mqttUrl: options.mqttUrl ?? null,
          live: (options.live ?? true) !== false,
          livePace: options.live === 'stepped' ? 'stepped' : 'timed',
        });
        return { vendor: simulator.vendor, server, stop: stopAll, endpoints: endpoints ?? {}, credentials: instance.credentials, instance };
      } catch (error) {
        await stopAll();
        throw error;
      }
    }),
  );

  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(running.map((entry) => entry.stop()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }

  const stepLive = (vendor: SimulatorVendor, rounds?: number): void => {
    running.find((entry) => entry.vendor === vendor)?.instance.stepLive?.(rounds);
  };
  const simulators: RunningSimulators = { urls: {}, controls: {}, credentials: {}, endpoints: {}, stop, stepLive };
  for (const { vendor, server, credentials, endpoints } of running) {
    simulators.urls[vendor] = server.url;
    simulators.endpoints[vendor] = endpoints;
    simulators.controls[vendor] = server.control;
    Object.assign(simulators.credentials, credentials);
  }
  return simulators;
}
