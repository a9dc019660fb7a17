import 'reflect-metadata';
import { loadConfig, withSimulators, type Config } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { demoOutagesFrom } from '../../src/server/demo-outages';
import type { LoopDelaySignal } from '../../src/server/event-loop-delay';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { startSimulators } from '../../src/simulators';
import type { LiveClock } from '../../src/vendors/adapter';
import type { RunningSimulators, SimulatorVendor } from '../../src/simulators';
import { leaveOver } from './leftovers';
import { LogCapture } from './log-capture';

export interface Stack {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  config: Config;
  server: RunningServer;
  simulators: RunningSimulators;
  /** The server's metrics (e.g. `vendorResponseBytes`), read without scraping `/metrics`. */
  metrics: Metrics;
  logs: LogCapture;
  /** Upstream requests a simulator has answered since the last `resetCounts`. */
  upstream(vendor: SimulatorVendor): number;
  /**
   * Requests per route since the last `resetCounts`, without the credential flow's route
   * (`route`): the flow runs once per process, in whichever test comes first.
   */
  callsWithout(vendor: SimulatorVendor, route: string): Record<string, number>;
  resetCounts(): void;
}

/**
 * The whole gateway over real sockets: simulators and server on port 0, demo credentials,
 * logs captured at debug level. Registered for disposal.
 */
export interface StackOptions {
  env?: Record<string, string>;
  faults?: string;
  /** Live generators in the simulators (`'stepped'`: only on `simulators.stepLive`). @default false: a quiet, fixed state */
  live?: boolean | 'stepped';
  /** MQTT broker for simulators and gateway (see requireService('mqtt')). */
  mqttUrl?: string;
  /** Only these simulators (the other vendors are then NOT_CONFIGURED). @default all */
  vendors?: SimulatorVendor[];
  /** The accounts store opened at start, in this PostgreSQL schema if given (test/helpers/postgres.ts). */
  accounts?: { schema?: string };
  /** The event-loop delay the load shedder reads, driven by the test (with SHED_EVENT_LOOP_DELAY_MS set). */
  loopDelay?: LoopDelaySignal;
  /** The gateway's live clock (poll timers, Igtimi's watchdog), stepped by the test (test/helpers/manual-clock.ts). @default real timers */
  clock?: LiveClock;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const simulators = await startSimulators({
    port: 0,
    faults: options.faults,
    live: options.live ?? false,
    mqttUrl: options.mqttUrl ?? null,
    vendors: options.vendors,
  });
  leaveOver(() => simulators.stop());
  const base = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'debug',
    VENDOR_RETRIES: '0',
    // Live upstreams stop soon after a test's subscribers leave.
    LIVE_GRACE_MS: '100',
    // Tests count upstream calls per query and change simulator state between queries: the
    // answer cache is off unless a test turns it on (test/api/answer-cache.api.test.ts).
    RESPONSE_CACHE_MAX_AGE: '0',
    // No load balancer to tell: stop without the drain grace (test/api/drain.api.test.ts sets one).
    DRAIN_GRACE_MS: '0',
    // Same for the shared unpaged-list caches (test/api/igtimi.read-plan.api.test.ts and
    // test/api/thingsee.list-cache.api.test.ts turn them on).
    IGTIMI_LIST_CACHE_MS: '0',
    // A loaded CI machine runs late at random: no shedding on event-loop delay unless a test asks
    // (test/api/loop-delay-shedding.api.test.ts).
    SHED_EVENT_LOOP_DELAY_MS: '0',
    THINGSEE_LIST_CACHE_MS: '0',
    ...(options.mqttUrl ? { MQTT_URL: options.mqttUrl } : {}),
    ...options.env,
  });
  const config = withSimulators(base, simulators);
  const logs = new LogCapture();
  const metrics = createMetrics();
  const server = await startServer(config, {
    logger: createLogger(config.logLevel, logs),
    metrics,
    drainTimeoutMs: 1000,
    demoOutages: demoOutagesFrom(config, simulators),
    ...(options.loopDelay ? { loopDelay: options.loopDelay } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.accounts ? { accounts: { schema: options.accounts.schema ?? null, eager: true } } : {}),
  });
  leaveOver(() => server.stop());
  const origin = server.url.replace(/\/graphql$/, '');
  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    origin,
    config,
    server,
    simulators,
    metrics,
    logs,
    upstream: (vendor) => simulators.controls[vendor]?.total() ?? 0,
    callsWithout: (vendor, route) => {
      const { [route]: _flow, ...rest } = simulators.controls[vendor]?.counts() ?? {};
      return rest;
    },
    resetCounts: () => Object.values(simulators.controls).forEach((c) => c?.resetCounts()),
  };
}
