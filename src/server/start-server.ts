import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config';
import type { AccountsStartOptions } from '../accounts/accounts.runtime';
import type { GatewayServices } from '../context/context';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import { composeOperations } from './compose-operations';
import { composeServices } from './compose-services';
import type { DemoOutageControl } from './dashboard';
import type { LoopDelaySignal } from './event-loop-delay';
import { sendError } from './graphql-handler';
import { createHttpRoutes, GRAPHQL_PATH } from './http-routes';
import { shutDown } from './shutdown';
import { createSseHandler } from './sse';
import { attachGraphQLWs } from './ws';
import type { LiveClock } from '../vendors/adapter';

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  services: GatewayServices;
  /** Drains HTTP and WS, closes vendor pools; idempotent. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  logger: Logger;
  metrics?: Metrics;
  /** How long in-flight requests get to finish on stop before connections are cut. */
  drainTimeoutMs?: number;
  /** The demo's switch for its embedded simulators (the dashboard's outage buttons). */
  demoOutages?: DemoOutageControl | null;
  /** The accounts store: open an in-memory one at start (`eager`), a PostgreSQL schema (tests). */
  accounts?: AccountsStartOptions;
  /** The event-loop delay the load shedder reads (tests drive it); measured by default. */
  loopDelay?: LoopDelaySignal;
  /** The vendors' live clock: poll timers and watchdogs (tests step it); real timers by default. */
  clock?: LiveClock;
}

/**
 * One port: HTTP routes (http-routes.ts), graphql-ws on `/graphql` (ws.ts) and SSE on
 * `/graphql/stream` (sse.ts), over the services (compose-services.ts) and the one admission
 * path and Apollo (compose-operations.ts); `stop` drains and closes in order (shutdown.ts).
 */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const composed = await composeServices(config, options);
  const { services, redisLink, accounts } = composed;
  const operations = composeOperations(config, services, redisLink, options.loopDelay);
  const { schema, admission, formatError } = operations;
  const sse = createSseHandler(schema, services, admission, formatError, config.bodyLimitBytes);
  await operations.apollo.start();

  let draining = false;
  const routes = createHttpRoutes({ config, services, operations, sse, redisLink, demoOutages: options.demoOutages, draining: () => draining });
  const httpServer = createServer((req, res) => {
    routes(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
  const ws = attachGraphQLWs(httpServer, schema, services, { path: GRAPHQL_PATH, formatError, admission, maxPayload: config.bodyLimitBytes, draining: () => draining });
  const url = await listen(httpServer, config);
  accounts?.accounts.serveCallbacksAt(config.accounts.publicUrl ?? new URL(url).origin);

  let stopping: Promise<void> | null = null;
  const stop = async () => {
    draining = true;
    await shutDown({ config, httpServer, drainTimeoutMs: options.drainTimeoutMs ?? 10_000, streams: [ws, sse], operations, composed });
  };
  return { url, services, stop: () => (stopping ??= stop()) };
}

/** Listens on HOST:PORT; answers the GraphQL URL (a wildcard host is reached on 127.0.0.1). */
async function listen(httpServer: Server, config: Config): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`;
}
