/**
 * The public shapes of the simulator harness, kept in one place so `index.ts` can export
 * them with intention and every vendor simulator module is written against the same contract.
 */
import type { LivePace } from './live-generator';
import type { Router } from './router';

/**
 * Lower-case vendor keys, in the stable order used for `SIM_FAULTS`, for port offsets
 * (`port + index`) and for the order simulators start in.
 */
export const SIMULATOR_VENDORS = ['igtimi', 'iotaap', 'mainflux', 'timetonic', 'thingsee'] as const;

/** One of the five simulated vendors, lower-case (`'iotaap'`). */
export type SimulatorVendor = (typeof SIMULATOR_VENDORS)[number];

/** Faults injected in front of a simulator's routes. */
export interface Faults {
  /** Every request under the base path answers 503 `{message:"Service Unavailable"}`. @default false */
  down: boolean;
  /** Every answer under the base path is delayed by this many milliseconds. @default 0 */
  latencyMs: number;
  /** Share (0..1) of reads (GET, after `_method` override) that answer 503. @default 0 */
  errorRate: number;
}

/** Test and benchmark handle on one running simulator (also reachable over HTTP at `/__sim/*`). */
export interface SimulatorControl {
  /** Requests per route key, e.g. `{ "GET /groups/:id": 3, "GET <unmatched>": 1 }`; faulted requests count too. */
  counts(): Record<string, number>;
  /** Sum of `counts()`. */
  total(): number;
  /** Response body bytes per route key, as `counts()` (what each read cost beside its call). */
  bytes(): Record<string, number>;
  /** Forgets every count and byte count. */
  resetCounts(): void;
  /** Merges `faults` into the current faults; throws a TypeError on out-of-range values. */
  setFaults(faults: Partial<Faults>): void;
  /** Back to no faults. */
  clearFaults(): void;
}

/** Credentials a client needs to talk to the seeded simulators, per vendor. */
export interface SimulatorCredentials {
  /** The Igtimi demo OAuth application (client credentials at `POST /oauth/token`). */
  igtimi: { client_id: string; client_secret: string };
  /** The IoTaaP demo user (`POST /v1/auth/login`). */
  iotaap: { email: string; password: string };
  /** The Mainflux demo admin (`POST /tokens`). */
  mainflux: { email: string; password: string };
  /** The Thingsee demo API client (`POST /prod/v1/auth/client-token`). */
  thingsee: { client_id: string; client_secret: string };
  /** The TimeTonic demo account for the key chain (`createAppkey` → `createOauthkey` → `createSesskey`). */
  timetonic: { appname: string; login: string; password: string };
}

/** What a vendor simulator module builds for one run: its routes over fresh seeded state. */
export interface VendorSimulatorInstance {
  router: Router;
  /** Credentials for the seeded demo account, merged into `RunningSimulators.credentials`. */
  credentials?: Partial<SimulatorCredentials>;
  /**
   * Called once the HTTP server listens: attach WebSocket upgrade handlers to `server`,
   * connect to the MQTT broker, start live generators. May return extra endpoints
   * (e.g. `{ ws: 'ws://…' }`), merged into `RunningSimulators.endpoints[vendor]`.
   */
  start?(context: SimulatorStartContext): Promise<Record<string, string> | void> | Record<string, string> | void;
  /** Stops what `start` started; called before the HTTP server closes. */
  stop?(): Promise<void> | void;
  /** Runs `rounds` rounds of the live generators now (simulators with live data, once started live). */
  stepLive?(rounds?: number): void;
}

/** What a simulator's `start` hook gets. */
export interface SimulatorStartContext {
  server: import('node:http').Server;
  /** e.g. `http://127.0.0.1:PORT` */
  origin: string;
  /** Base URL including the base path. */
  url: string;
  /** A real MQTT broker for vendors that publish over MQTT (Mainflux), when one is configured. */
  mqttUrl: string | null;
  /** False turns live generators off (tests that want a quiet, fixed state). */
  live: boolean;
  /** How live generators advance: on timers, or only by `stepLive` (tests). @default 'timed' */
  livePace?: LivePace;
}

/**
 * How big a simulator's seed is. Benchmarks grow it to measure cost at 1000 devices; without
 * options every simulator serves its default seed, which tests pin exactly.
 */
export interface SeedOptions {
  /**
   * Devices (things, at Thingsee) the demo account owns at least. Simulators that can scale
   * (IoTaaP, Igtimi, Thingsee) append extra devices after the default seed, drawn from a PRNG
   * of their own, so the default records stay exactly what they are. Others ignore it.
   * @default the default seed, no extra devices
   */
  devices?: number;
}

/** One entry of the simulator list in `index.ts`; a new vendor joins by adding one. */
export interface VendorSimulator {
  vendor: SimulatorVendor;
  /** Path prefix the vendor's documented routes live under, e.g. `/v1`. */
  basePath: string;
  /** Builds a router over fresh state; called once per `startSimulators`. */
  create(seed?: SeedOptions): VendorSimulatorInstance;
}

/** The simulators started by `startSimulators`. */
export interface RunningSimulators {
  /** Base URL per started vendor, including its base path (`http://127.0.0.1:PORT/v1`). */
  urls: Partial<Record<SimulatorVendor, string>>;
  /** Control handle per started vendor. */
  controls: Partial<Record<SimulatorVendor, SimulatorControl>>;
  /** Seeded demo credentials per started vendor that needs them. */
  credentials: Partial<SimulatorCredentials>;
  /** Extra endpoints per vendor returned by its `start` hook (WebSocket URLs, …). */
  endpoints: Partial<Record<SimulatorVendor, Record<string, string>>>;
  /** Stops every simulator and closes its open connections. */
  stop(): Promise<void>;
  /** Runs `rounds` rounds of a simulator's live generators now (a no-op for one without live data). */
  stepLive(vendor: SimulatorVendor, rounds?: number): void;
}
