/**
 * The Haltian Thingsee simulator. The real base URL is per deployment
 * (`https://<api-id>.execute-api.<region>.amazonaws.com/prod/v1/`); the simulator serves
 * `/prod/v1`. Every route but `POST /auth/client-token` needs `Authorization: Bearer <token>`.
 * It hosts two organisations, each with its own API clients and data: a token's client picks
 * the organisation its requests see (the office demo, or the harbour warehouse).
 */
import { createRouter, type Router } from '../router';
import type { VendorSimulator, VendorSimulatorInstance } from '../simulator.types';
import { createThingseeAuth, type ThingseeAuth } from './thingsee.auth';
import { registerGroupRoutes } from './thingsee.routes-groups';
import { stepAll, type LiveGenerator } from '../live-generator';
import { startThingseeLive } from './thingsee.live';
import { createThingseeSeed, createThingseeWarehouseSeed, THINGSEE_DEMO_CREDENTIALS } from './thingsee.seed';
import type { ThingseeSimClient, ThingseeSimState } from './thingsee.store-state';
import { bodyField, fail, ok, type ThingseeContext, type ThingseeHandler, type ThingseeRoute } from './thingsee.store';
import { registerThingRoutes } from './thingsee.routes-things';

export const THINGSEE_BASE_PATH = '/prod/v1';

export interface ThingseeSimulatorOptions {
  /** The first (demo) organisation. @default a fresh `createThingseeSeed()` */
  state?: ThingseeSimState;
  /** The other organisations. @default a fresh `createThingseeWarehouseSeed()` */
  otherOrganisations?: ThingseeSimState[];
  /** Token life in seconds; tests shorten it. @default 900 */
  tokenTtlSeconds?: number;
  /** Live reporting round. @default 5000 */
  liveIntervalMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** One simulator: its routes, its state and its token issuer (tests revoke tokens with it). */
export interface ThingseeSimulatorInstance extends VendorSimulatorInstance {
  /** The demo organisation's state. */
  state: ThingseeSimState;
  /** Every organisation's state, the demo one first. */
  organisations: ThingseeSimState[];
  auth: ThingseeAuth;
}

export function createThingseeSimulator(options: ThingseeSimulatorOptions = {}): ThingseeSimulatorInstance {
  const now = options.now ?? Date.now;
  const states = [options.state ?? createThingseeSeed(), ...(options.otherOrganisations ?? [createThingseeWarehouseSeed()])];
  const organisations: ThingseeContext[] = states.map((state) => ({ state, now }));
  const auth = createThingseeAuth({ ttlSeconds: options.tokenTtlSeconds, now });
  const router = createThingseeRouter(organisations, auth);
  let generators: LiveGenerator[] = [];
  return {
    router,
    state: states[0]!,
    organisations: states,
    auth,
    credentials: { thingsee: { ...THINGSEE_DEMO_CREDENTIALS } },
    start({ live, livePace }) {
      if (live) generators = organisations.map((context) => startThingseeLive(context, { intervalMs: options.liveIntervalMs, pace: livePace }));
    },
    stop() {
      for (const generator of generators) generator.stop();
      generators = [];
    },
    stepLive: (rounds) => stepAll(generators, rounds),
  };
}

/** The organisation an API client belongs to, with the client; undefined for an unknown client. */
function clientOf(organisations: readonly ThingseeContext[], clientId: string | undefined): { organisation: ThingseeContext; client: ThingseeSimClient } | undefined {
  for (const organisation of organisations) {
    const client = organisation.state.clients.find((c) => c.client_id === clientId);
    if (client) return { organisation, client };
  }
  return undefined;
}

function createThingseeRouter(organisations: readonly ThingseeContext[], auth: ThingseeAuth): Router {
  const router = createRouter();
  router.add('POST', '/auth/client-token', (request) => {
    const clientId = bodyField(request.body, 'client_id');
    const secret = bodyField(request.body, 'client_secret');
    if (typeof clientId !== 'string' || typeof secret !== 'string') return fail(400, 'client_id and client_secret are required');
    const client = clientOf(organisations, clientId)?.client;
    // Same answer for an unknown client and a wrong secret.
    if (!client || client.client_secret !== secret) return fail(401, 'Invalid client credentials');
    return ok({ token: auth.issue(client.client_id) });
  });

  // Every organisation registers the same routes over its own state; one route per pattern
  // dispatches to the organisation of the token's client (route keys, and counts, stay one).
  const routes = new Map<string, { method: string; pattern: string; handlers: Map<ThingseeContext, ThingseeHandler> }>();
  for (const organisation of organisations) {
    const collect: ThingseeRoute = (method, pattern, handler) => {
      const key = `${method} ${pattern}`;
      const entry = routes.get(key) ?? { method, pattern, handlers: new Map() };
      entry.handlers.set(organisation, handler);
      routes.set(key, entry);
    };
    registerThingRoutes(collect, organisation);
    registerGroupRoutes(collect, organisation);
  }
  for (const { method, pattern, handlers } of routes.values()) {
    router.add(method, pattern, (request) => {
      const found = clientOf(organisations, auth.verify(request.headers.authorization));
      if (!found) return fail(401, 'Invalid or expired token');
      if (method !== 'GET' && found.client.readOnly) return fail(403, 'This client may only read');
      return handlers.get(found.organisation)!(request, found.client);
    });
  }
  return router;
}

/** The Thingsee entry of the simulator list. */
export const thingseeSimulator: VendorSimulator = {
  vendor: 'thingsee',
  basePath: THINGSEE_BASE_PATH,
  create: (seed) => createThingseeSimulator({ state: createThingseeSeed(seed) }),
};
