import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import type { Config } from '../config';
import { RequestContext, vendorTokensFrom, type GatewayServices } from '../context/context';
import type { Logger } from '../core/logger';
import { createMetrics, type Metrics } from '../core/metrics';
import { createTributaryPubSub } from '../live/pubsub';
import { TopicHub } from '../live/topic-hub';
import { buildTributarySchema } from '../schema/build-schema';
import { createRegistry } from '../vendors/registry';
import { MemoryResponseCache, RedisResponseCache } from '../vendors/response-cache';
import { createApollo } from './apollo';
import { CallerAuthenticator } from './caller-auth';
import { CallerRateLimiter } from './caller-rate-limit';
import { applyCors } from './cors';
import { formatError } from './format-error';
import { handleGraphQL, sendError } from './graphql-handler';
import { sendHealth, sendJson, sendReadiness } from './health';
import { LoadShedder } from './load-shedder';
import { OperationAdmission } from './operation-admission';
import { ResponseCacheGate } from './response-cache/http-gate';
import { ResponseCache } from './response-cache/response-cache';
import { createDashboard, DASHBOARD_PATH, type DemoOutageControl } from './dashboard';
import { createSseHandler } from './sse';
import { attachGraphQLWs } from './ws';
import { TributaryError } from '../core/errors';

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
}

const GRAPHQL_PATH = '/graphql';
const STREAM_PATH = '/graphql/stream';

/** One port: `/graphql` (HTTP + graphql-ws), `/healthz`, `/readyz`, `/metrics`. */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics({ defaultMetrics: true });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) : null;
  const cache = redis ? new RedisResponseCache(redis, config.redisPrefix) : new MemoryResponseCache();
  const registry = createRegistry({ configs: config.vendors, gateway: config, metrics, logger, cache });
  const pubsub = createTributaryPubSub();
  // Pub/sub needs a connection of its own (a subscribed ioredis connection can do nothing else).
  const redisSubscriber = redis?.duplicate() ?? null;
  const live = new TopicHub({
    metrics,
    logger,
    graceMs: config.liveGraceMs,
    redis: redis && redisSubscriber ? { client: redis, subscriber: redisSubscriber, prefix: config.redisPrefix } : null,
  });
  const services: GatewayServices = { config, registry, pubsub, live, metrics, logger };
  for (const adapter of Object.values(registry.adapters)) {
    metrics.breakerOpen.set({ vendor: adapter.vendor }, 0);
    adapter.health.onChange((status) => {
      metrics.breakerOpen.set({ vendor: status.vendor }, status.circuit === 'CLOSED' ? 0 : 1);
      logger.info({ vendor: status.vendor, state: status.state, circuit: status.circuit }, 'vendor status changed');
      pubsub.publish('VENDOR_STATUS_CHANGED', status);
    });
  }

  const authenticator = new CallerAuthenticator(config.auth);
  const anonymousAllowed = config.auth.allowAnonymous;
  const rateLimiter = new CallerRateLimiter(config.limits.callerPointsPerMinute, redis, config.redisPrefix);
  const shedder = new LoadShedder(config.maxInFlight);
  const schema = buildTributarySchema();
  const responseCache = config.responseCache.maxAgeSeconds > 0 ? new ResponseCache(config.responseCache.maxBytes) : null;
  const cacheGate = responseCache ? new ResponseCacheGate(responseCache, rateLimiter, logger, metrics) : null;
  const apollo = createApollo(schema, config, logger, rateLimiter, responseCache);
  const admission = new OperationAdmission(schema, config, rateLimiter);
  const sse = createSseHandler(schema, services, admission, formatError(config.debugErrors, logger));
  await apollo.start();
  const dashboard = config.dashboard
    ? createDashboard({ outages: config.demo ? options.demoOutages : null, authenticate: async (req, res) => (await authenticate(req, res)) !== null })
    : null;

  let draining = false;
  const httpServer = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Split by hand: a URL object per request is measurable on the response cache's path.
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query < 0 ? target : target.slice(0, query);
    switch (pathname) {
      case GRAPHQL_PATH:
        return graphql(req, res, query < 0 ? '' : target.slice(query));
      case STREAM_PATH:
        return stream(req, res);
      case '/healthz':
        return sendHealth(res);
      case '/readyz':
        return sendReadiness(res, registry, draining);
      case '/metrics':
        metrics.eventLoopLag.set(shedder.lagMs / 1000);
        metrics.inFlight.set(shedder.current);
        res.setHeader('content-type', metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
        return;
      default:
        if (dashboard && (pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`))) return dashboard(req, res, pathname);
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${pathname}; GraphQL is at ${GRAPHQL_PATH}`, extensions: { code: 'NOT_FOUND' } }] });
    }
  }

  /** Caller auth for HTTP transports: null (answered 401) when refused. */
  async function authenticate(req: IncomingMessage, res: ServerResponse) {
    if (anonymousAllowed && req.headers['x-api-key'] === undefined && req.headers.authorization === undefined) {
      return { kind: 'anonymous' as const, id: null, address: req.socket.remoteAddress ?? null };
    }
    try {
      const caller = await authenticator.authenticate({ apiKey: headerValue(req, 'x-api-key'), authorization: headerValue(req, 'authorization') });
      return { ...caller, address: req.socket.remoteAddress ?? null };
    } catch (error) {
      res.setHeader('www-authenticate', 'Bearer');
      sendError(res, 401, 'UNAUTHENTICATED', error instanceof TributaryError ? error.message : 'Unauthenticated');
      return null;
    }
  }

  async function stream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res, config.corsOrigins)) return;
    if (draining) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', 5);
    const caller = await authenticate(req, res);
    if (caller) await sse(req, res, caller);
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    if (applyCors(req, res, config.corsOrigins)) return;
    const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    if (draining) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', 5);
    const done = shedder.admit();
    if (!done) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Server is overloaded; retry shortly', 1);
    try {
      const isLandingPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
      const caller = isLandingPage ? { kind: 'anonymous' as const, id: null } : await authenticate(req, res);
      if (!caller) return;
      const cache = cacheGate && !isLandingPage ? { gate: cacheGate, caller, requestId } : null;
      await handleGraphQL(
        apollo,
        req,
        res,
        search,
        config.bodyLimitBytes,
        () => {
          const context = new RequestContext(services, caller, vendorTokensFrom((name) => req.headers[name]));
          context.scope.requestId = requestId;
          return context;
        },
        cache,
      );
    } finally {
      done();
    }
  }

  const ws = attachGraphQLWs(httpServer, schema, services, {
    path: GRAPHQL_PATH,
    formatError: formatError(config.debugErrors, logger),
    authenticator,
    admission,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`;

  let stopping: Promise<void> | null = null;
  return {
    url,
    services,
    stop: () =>
      (stopping ??= (async () => {
        draining = true;
        await ws.close();
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const timer = setTimeout(() => httpServer.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
        await closed;
        clearTimeout(timer);
        await apollo.stop();
        await live.close();
        await registry.close();
        shedder.stop();
        redisSubscriber?.disconnect();
        redis?.disconnect();
      })()),
  };
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
