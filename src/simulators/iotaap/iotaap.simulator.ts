/**
 * The IoTaaP simulator: `https://api.iotaap.io/v1` as documented, over fresh seeded state.
 * Every route but `POST /auth/login` requires `Authorization: Bearer <token>`.
 */
import { createPrng } from '../prng';
import { createRouter, jsonResponse, type Router } from '../router';
import type { VendorSimulator } from '../simulator.types';
import { createIotaapAuth, IOTAAP_UNAUTHORIZED } from './iotaap.auth';
import { registerDeviceRoutes } from './iotaap.routes-devices';
import { registerGroupRoutes } from './iotaap.routes-groups';
import { createIotaapSeed, IOTAAP_DEMO_CREDENTIALS, type IotaapSimState } from './iotaap.seed';
import type { IotaapContext, IotaapRoute } from './iotaap.store';
import { login, registerUserRoutes } from './iotaap.routes-users';

/** IoTaaP's base path. */
export const IOTAAP_BASE_PATH = '/v1';

export interface IotaapSimulatorOptions {
  /** State to serve and mutate. @default a fresh `createIotaapSeed()` */
  state?: IotaapSimState;
  /** Clock for token expiry and `created_at` of new entities; injectable so tests can expire tokens. @default real time */
  now?: () => Date;
  /** Token signing key. @default random per simulator */
  secret?: string | Buffer;
}

/** Builds the IoTaaP routes (relative to `/v1`). */
export function createIotaapRouter(options: IotaapSimulatorOptions = {}): Router {
  const context: IotaapContext = {
    state: options.state ?? createIotaapSeed(),
    now: options.now ?? (() => new Date()),
    random: createPrng('iotaap-runtime'),
  };
  const auth = createIotaapAuth({ secret: options.secret, now: () => context.now().getTime() });
  const router = createRouter();

  router.add('POST', '/auth/login', (request) => login(context, auth, request));

  const route: IotaapRoute = (method, pattern, failure, handler) => {
    router.add(method, pattern, async (request) => {
      const userId = auth.verify(request.headers.authorization);
      // A token for a user that no longer exists is as bad as a forged one.
      const user = context.state.users.find((candidate) => candidate._id === userId);
      if (!user) return IOTAAP_UNAUTHORIZED;
      try {
        return await handler(request, user);
      } catch (error) {
        // The documented 500 shape: `{ message: "Error when ...", error: "<Error information>" }`.
        return jsonResponse(500, { message: failure, error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
  registerUserRoutes(route);
  registerGroupRoutes(route, context);
  registerDeviceRoutes(route, context);
  return router;
}

/** The IoTaaP entry of the simulator list. */
export const iotaapSimulator: VendorSimulator = {
  vendor: 'iotaap',
  basePath: IOTAAP_BASE_PATH,
  create: (seed) => ({ router: createIotaapRouter({ state: createIotaapSeed(seed) }), credentials: { iotaap: { ...IOTAAP_DEMO_CREDENTIALS } } }),
};
