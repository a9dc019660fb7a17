/**
 * The Igtimi simulator: `https://www.igtimi.com` as documented (OAuth at `/oauth`, the API at
 * `/api/v1`, the server lister at `/server_listers`), plus the live WebSocket at `/live`.
 * Every API route takes the token as `access_token` or `Authorization: Bearer`.
 */
import type { PollTimer } from '../../core/poll-pacing';
import { createRouter, type Router } from '../router';
import type { VendorSimulator, VendorSimulatorInstance } from '../simulator.types';
import { registerAccountRoutes } from './igtimi.routes-account';
import { authenticated, registerOAuthRoutes } from './igtimi.auth';
import { registerDeviceRoutes } from './igtimi.routes-devices';
import { registerGroupRoutes } from './igtimi.routes-groups';
import { LIVE_PATH, RETIRED_LIVE_PATH, startLiveServer, type IgtimiLiveServer, type LiveStats } from './igtimi.live';
import { registerResourceRoutes } from './igtimi.routes-resources';
import { createIgtimiSeed, IGTIMI_DEMO_CLIENT, type IgtimiSimState } from './igtimi.seed';
import { registerSessionRoutes } from './igtimi.routes-sessions';
import { createContext } from './igtimi.store';

export interface IgtimiSimulatorOptions {
  /** State to serve and mutate. @default a fresh `createIgtimiSeed()` */
  state?: IgtimiSimState;
  /** Clock in ms epoch. @default Date.now */
  now?: () => number;
  /** Heartbeat interval of the live socket. @default 15000 */
  heartbeatMs?: number;
  /** Where the live socket's heartbeats are scheduled (tests step it). @default real timers */
  heartbeatTimer?: PollTimer;
  /** Life of authorization-code (user) tokens in seconds; tests shorten it. @default 7200 */
  userTokenTtlSeconds?: number;
}

/** One simulator run, with its state and live statistics for tests. */
export interface IgtimiSimulatorInstance extends VendorSimulatorInstance {
  router: Router;
  state: IgtimiSimState;
  live(): LiveStats | null;
  /** Brings a live boat ashore: it stops reporting (tests of `deviceStatusChanged`). */
  retire(serial: string): void;
}

export function createIgtimiSimulator(options: IgtimiSimulatorOptions = {}): IgtimiSimulatorInstance {
  const context = createContext(options.state ?? createIgtimiSeed(), options.now ?? Date.now, options.userTokenTtlSeconds);
  let wsOrigin: string | null = null;
  let liveServer: IgtimiLiveServer | null = null;
  const router = createRouter();
  registerOAuthRoutes(router, context);
  const route = authenticated(router, context);
  // The retired server is listed first, as stale lists are in the field: clients must fail over.
  registerAccountRoutes(route, context, () => (wsOrigin ? [`${wsOrigin}${RETIRED_LIVE_PATH}`, `${wsOrigin}${LIVE_PATH}`] : []));
  registerDeviceRoutes(route, context);
  registerGroupRoutes(route, context);
  registerSessionRoutes(route, context);
  registerResourceRoutes(route, context);
  return {
    router,
    state: context.state,
    credentials: { igtimi: { client_id: IGTIMI_DEMO_CLIENT.client_id, client_secret: IGTIMI_DEMO_CLIENT.client_secret } },
    live: () => liveServer?.stats ?? null,
    retire: (serial) => context.liveSince.delete(serial),
    start({ server, origin, live, livePace }) {
      wsOrigin = origin.replace(/^http/, 'ws');
      liveServer = startLiveServer(server, context, live, { heartbeatMs: options.heartbeatMs, heartbeatTimer: options.heartbeatTimer, pace: livePace });
      return { ws: `${wsOrigin}${LIVE_PATH}` };
    },
    async stop() {
      await liveServer?.stop();
      liveServer = null;
    },
    stepLive: (rounds) => liveServer?.step(rounds),
  };
}

/** The Igtimi entry of the simulator list. */
export const igtimiSimulator: VendorSimulator = {
  vendor: 'igtimi',
  basePath: '',
  create: (seed) => createIgtimiSimulator({ state: createIgtimiSeed(seed) }),
};
