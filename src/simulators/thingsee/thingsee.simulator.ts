/**
 * The Haltian Thingsee simulator. The real base URL is per deployment
 * (`https://<api-id>.execute-api.<region>.amazonaws.com/prod/v1/`); the simulator serves
 * `/prod/v1`. Every route but `POST /auth/client-token` needs `Authorization: Bearer <token>`.
 */
import { createRouter, type Router } from '../router';
import type { VendorSimulator, VendorSimulatorInstance } from '../simulator.types';
import { createThingseeAuth, type ThingseeAuth } from './thingsee.auth';
import { registerGroupRoutes } from './thingsee.groups';
import { startThingseeLive } from './thingsee.live';
import { createThingseeSeed, THINGSEE_DEMO_CREDENTIALS } from './thingsee.seed';
import type { ThingseeSimState } from './thingsee.state';
import { bodyField, fail, ok, type ThingseeContext, type ThingseeRoute } from './thingsee.store';
import { registerThingRoutes } from './thingsee.things';

export const THINGSEE_BASE_PATH = '/prod/v1';

export interface ThingseeSimulatorOptions {
  /** @default a fresh `createThingseeSeed()` */
  state?: ThingseeSimState;
  /** Token life in seconds; tests shorten it. @default 900 */
  tokenTtlSeconds?: number;
  /** Live reporting round. @default 5000 */
  liveIntervalMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** One simulator: its routes, its state and its token issuer (tests revoke tokens with it). */
export interface ThingseeSimulatorInstance extends VendorSimulatorInstance {
  state: ThingseeSimState;
  auth: ThingseeAuth;
}

export function createThingseeSimulator(options: ThingseeSimulatorOptions = {}): ThingseeSimulatorInstance {
  const context: ThingseeContext = { state: options.state ?? createThingseeSeed(), now: options.now ?? Date.now };
  const auth = createThingseeAuth({ ttlSeconds: options.tokenTtlSeconds, now: context.now });
  const router = createThingseeRouter(context, auth);
  let stopLive: (() => void) | null = null;
  return {
    router,
    state: context.state,
    auth,
    credentials: { thingsee: { ...THINGSEE_DEMO_CREDENTIALS } },
    start({ live }) {
      if (live) stopLive = startThingseeLive(context, { intervalMs: options.liveIntervalMs });
    },
    stop() {
      stopLive?.();
      stopLive = null;
    },
  };
}

function createThingseeRouter(context: ThingseeContext, auth: ThingseeAuth): Router {
  const router = createRouter();
  router.add('POST', '/auth/client-token', (request) => {
    const clientId = bodyField(request.body, 'client_id');
    const secret = bodyField(request.body, 'client_secret');
    if (typeof clientId !== 'string' || typeof secret !== 'string') return fail(400, 'client_id and client_secret are required');
    const client = context.state.clients.find((c) => c.client_id === clientId);
    // Same answer for an unknown client and a wrong secret.
    if (!client || client.client_secret !== secret) return fail(401, 'Invalid client credentials');
    return ok({ token: auth.issue(client.client_id) });
  });

  const route: ThingseeRoute = (method, pattern, handler) => {
    router.add(method, pattern, (request) => {
      const clientId = auth.verify(request.headers.authorization);
      const client = context.state.clients.find((c) => c.client_id === clientId);
      if (!client) return fail(401, 'Invalid or expired token');
      if (method !== 'GET' && client.readOnly) return fail(403, 'This client may only read');
      return handler(request, client);
    });
  };
  registerThingRoutes(route, context);
  registerGroupRoutes(route, context);
  return router;
}

/** The Thingsee entry of the simulator list. */
export const thingseeSimulator: VendorSimulator = {
  vendor: 'thingsee',
  basePath: THINGSEE_BASE_PATH,
  create: (seed) => createThingseeSimulator({ state: createThingseeSeed(seed) }),
};
