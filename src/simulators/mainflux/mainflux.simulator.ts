/**
 * The Mainflux simulator: one base URL as behind Mainflux's reverse proxy (users, things,
 * http adapter, readers, auth, orgs, webhooks), routes as documented in mainflux.txt, over
 * fresh seeded state. User routes need `Authorization: Bearer <token>` (a login token or an
 * API key); the HTTP adapter and readers need `Authorization: Thing <key>`.
 */
import { createPrng } from '../prng';
import { createRouter, type Router } from '../router';
import type { VendorSimulator, VendorSimulatorInstance } from '../simulator.types';
import { keyIsLive, registerAdminRoutes } from './mainflux.routes-admin';
import { createMainfluxAuth } from './mainflux.auth';
import { startSimulatorBroker, type SimulatorBroker } from './mainflux.live-broker';
import { registerChannelRoutes } from './mainflux.routes-channels';
import { registerGroupRoutes } from './mainflux.routes-groups';
import { startLiveThings } from './mainflux.live';
import type { LiveGenerator } from '../live-generator';
import { registerMessageRoutes } from './mainflux.routes-messages';
import { registerOrgRoutes } from './mainflux.routes-orgs';
import { createMainfluxSeed, MAINFLUX_DEMO_CREDENTIALS } from './mainflux.seed';
import { UNAUTHORIZED, type MainfluxContext, type MainfluxSimState, type UserRoute } from './mainflux.store';
import { registerThingRoutes } from './mainflux.routes-things';
import { registerUserRoutes } from './mainflux.routes-users';

export interface MainfluxSimulatorOptions {
  /** State to serve and mutate. @default a fresh `createMainfluxSeed()` */
  state?: MainfluxSimState;
  /** Clock for token expiry and new entities; injectable so tests can expire tokens. @default real time */
  now?: () => Date;
  /** Where accepted messages go besides the store (MQTT). @default nowhere */
  publish?: MainfluxContext['publish'];
}

/** Builds the Mainflux routes and the context they share. */
export function createMainfluxRouter(options: MainfluxSimulatorOptions = {}): { router: Router; context: MainfluxContext } {
  const context: MainfluxContext = {
    state: options.state ?? createMainfluxSeed(),
    now: options.now ?? (() => new Date()),
    random: createPrng('mainflux-runtime'),
    publish: options.publish ?? (() => {}),
  };
  const auth = createMainfluxAuth(() => context.now().getTime());
  const router = createRouter();
  const route: UserRoute = (method, pattern, handler) => {
    router.add(method, pattern, (request) => {
      const claims = auth.verify(request.headers.authorization);
      // A token of a deleted user, or of a revoked API key, is as bad as a forged one.
      const user = claims && keyIsLive(context, claims.jti) ? context.state.users.find((u) => u.id === claims.userId) : undefined;
      return user ? handler(request, user) : UNAUTHORIZED;
    });
  };
  registerUserRoutes(router, route, context, auth);
  registerThingRoutes(router, route, context);
  registerChannelRoutes(route, context);
  registerMessageRoutes(router, context);
  registerGroupRoutes(route, context);
  registerOrgRoutes(route, context);
  registerAdminRoutes(route, context, auth);
  return { router, context };
}

/** One simulator run: routes, then (on start) its MQTT side and live things. */
export function createMainfluxSimulator(options: MainfluxSimulatorOptions = {}): VendorSimulatorInstance & { context: MainfluxContext } {
  let broker: SimulatorBroker | null = null;
  let generator: LiveGenerator | null = null;
  const { router, context } = createMainfluxRouter({
    ...options,
    publish: (channelId, publisher, pack) => {
      // Mainflux MQTT carries no publisher; its id travels as the subtopic (docs/vendors/mainflux.md).
      broker?.publish(`${broker.topicPrefix}channels/${channelId}/messages/${publisher}`, JSON.stringify(pack));
    },
  });
  return {
    router,
    context,
    credentials: { mainflux: { ...MAINFLUX_DEMO_CREDENTIALS } },
    async start({ mqttUrl, live, livePace }): Promise<Record<string, string>> {
      // The embedded broker is for the demo (live); tests bring Mosquitto through `mqttUrl`.
      // An unreachable broker leaves the simulator HTTP-only: the gateway then polls the readers.
      broker = await startSimulatorBroker(mqttUrl, live).catch(() => startSimulatorBroker(null, live));
      if (live) generator = startLiveThings(context, livePace);
      return broker ? { mqtt_url: broker.url, mqtt_topic_prefix: broker.topicPrefix } : {};
    },
    async stop() {
      generator?.stop();
      generator = null;
      await broker?.stop();
      broker = null;
    },
    stepLive: (rounds) => generator?.step(rounds),
  };
}

/** The Mainflux entry of the simulator list. */
export const mainfluxSimulator: VendorSimulator = {
  vendor: 'mainflux',
  basePath: '',
  create: () => createMainfluxSimulator(),
};
