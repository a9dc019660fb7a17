import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config';
import { startAccounts, type AccountsStartOptions } from '../accounts/accounts.runtime';
import { oauthCallbackPath } from '../accounts/vendor-accounts.service';
import { operationTokens } from '../context/caller-tokens';
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
import { csrfRefusal } from './csrf';
import { formatError } from './format-error';
import { drainHttpServer } from './drain';
import { handleGraphQL, sendError, type HttpGraphQL } from './graphql-handler';
import { createExplorer } from './explorer/explorer.routes';
import { isFileDownload, serveFileDownload } from './file-downloads';
import { serveOAuthCallback } from './oauth-callback';
import { sendHealth, sendJson, sendReadiness } from './health';
import type { LoopDelaySignal } from './event-loop-delay';
import { LoadShedder } from './load-shedder';
import { isRefusal, OperationAdmission } from './operation-admission';
import { OperationMetrics, type Transport } from './operation-metrics';
import { broadcastClears } from './response-cache/cache-broadcast';
import { ResponseCacheGate } from './response-cache/http-gate';
import { RedisLink } from './redis-link';
import { ResponseCache } from './response-cache/response-cache';
import { createDashboard, DASHBOARD_PATH, type DemoOutageControl } from './dashboard';
import { createSseHandler } from './sse';
import { sendRefusal } from './refusal-response';
import { hidesSuggestions } from './validation-rules';
import { attachGraphQLWs } from './ws';
import { warnWhenNoVendor } from './vendor-warnings';

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
}

const GRAPHQL_PATH = '/graphql';
const STREAM_PATH = '/graphql/stream';

const IGTIMI_CALLBACK_PATH = oauthCallbackPath('IGTIMI');

/** One port: `/graphql` (HTTP + graphql-ws), `/files/…` (stored vendor files), `/healthz`, `/readyz`, `/metrics`. */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics({ defaultMetrics: true });
  const redisLink = config.redisUrl ? new RedisLink(config.redisUrl, { commandTimeoutMs: config.redisCommandTimeoutMs, metrics, logger }) : null;
  await redisLink?.connect();
  const redis = redisLink?.client ?? null;
  const cache = redisLink ? new RedisResponseCache(redisLink.client, config.redisPrefix, () => redisLink.fellBack('vendor-cache')) : new MemoryResponseCache();
  const registry = createRegistry({ configs: config.vendors, gateway: config, metrics, logger, cache });
  warnWhenNoVendor(registry, logger);
  const pubsub = createTributaryPubSub();
  const live = new TopicHub({
    metrics,
    logger,
    graceMs: config.liveGraceMs,
    redis: redisLink ? { client: redisLink.client, subscriber: redisLink.subscriber, prefix: config.redisPrefix, health: redisLink } : null,
  });
  const accounts = config.accounts.enabled ? await startAccounts(config.accounts, (vendor) => registry.adapter(vendor).accountFlow, logger, options.accounts) : null;
  const services: GatewayServices = { config, registry, pubsub, live, metrics, logger, accounts: accounts?.accounts ?? null };
  for (const adapter of Object.values(registry.adapters)) {
    metrics.breakerOpen.set({ vendor: adapter.vendor }, 0);
    adapter.health.onChange((status) => {
      metrics.breakerOpen.set({ vendor: status.vendor }, status.circuit === 'CLOSED' ? 0 : 1);
      logger.info({ vendor: status.vendor, state: status.state, circuit: status.circuit }, 'vendor status changed');
      pubsub.publish('VENDOR_STATUS_CHANGED', status);
    });
  }

  const authenticator = new CallerAuthenticator(config.auth);
  const rateLimiter = new CallerRateLimiter(config.limits.callerPointsPerMinute, redis, config.redisPrefix, {
    mode: config.callerBudgetOnRedisError,
    logger,
    onFallback: () => redisLink?.fellBack('caller-budget'),
  });
  const shedder = new LoadShedder({ maxInFlight: config.maxInFlight, maxLoopDelayMs: config.shedEventLoopDelayMs, loopDelay: options.loopDelay });
  const schema = buildTributarySchema({ leanResolvers: config.leanResolvers });
  const responseCache = config.responseCache.maxAgeSeconds > 0 ? new ResponseCache(config.responseCache.maxBytes) : null;
  if (responseCache && redisLink) broadcastClears(responseCache, redisLink, config.redisPrefix);
  const cacheGate = responseCache ? new ResponseCacheGate(responseCache, rateLimiter, logger, metrics) : null;
  const admission = new OperationAdmission(schema, config, rateLimiter, authenticator, shedder, new OperationMetrics(metrics, config.metricsOperationNames));
  const apollo = createApollo(schema, config, logger, responseCache, admission.rules);
  const format = formatError(config.debugErrors, logger, hidesSuggestions(config));
  const sse = createSseHandler(schema, services, admission, format, config.bodyLimitBytes);
  const http: HttpGraphQL = {
    apollo,
    admission,
    bodyLimit: config.bodyLimitBytes,
    upload: { maxFileBytes: config.upload.maxFileBytes, maxFiles: config.upload.maxFiles, maxFieldBytes: config.bodyLimitBytes },
    cacheGate,
    formatError: format,
    createContext: async (req, caller, requestId) => {
      const { tokens, renewals, relinkRequired } = await operationTokens(services, caller, vendorTokensFrom((name) => req.headers[name]));
      const context = new RequestContext(services, caller, tokens, relinkRequired, renewals);
      context.scope.requestId = requestId;
      return context;
    },
  };
  const explorer = createExplorer(config.explorer, GRAPHQL_PATH);
  await apollo.start();
  const dashboard = config.dashboard
    ? createDashboard({
        outages: config.demo ? options.demoOutages : null,
        authenticate: async (req, res) => {
          const caller = await admission.authenticate({ apiKey: headerValue(req, 'x-api-key'), authorization: headerValue(req, 'authorization') }, req.socket.remoteAddress ?? null, 'http');
          if (!isRefusal(caller)) return true;
          sendRefusal(res, caller, format);
          return false;
        },
      })
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
      case IGTIMI_CALLBACK_PATH:
        return serveOAuthCallback(res, 'IGTIMI', query < 0 ? '' : target.slice(query), { accounts: services.accounts ?? null, returnUrl: config.accounts.returnUrl, logger });
      case '/healthz':
        return sendHealth(res);
      case '/readyz':
        return sendReadiness(res, registry, draining, redisLink ? { redis: redisLink.status } : {});
      case '/metrics':
        metrics.eventLoopLag.set(shedder.lagMs / 1000);
        metrics.inFlight.set(shedder.current);
        metrics.concurrencyLimit.set(shedder.limit);
        res.setHeader('content-type', metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
        return;
      default:
        if (isFileDownload(pathname)) return download(req, res, pathname);
        if (explorer.ownsAsset(pathname)) return explorer.serveAsset(req, res, pathname);
        if (dashboard && (pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`))) return dashboard(req, res, pathname);
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${pathname}; GraphQL is at ${GRAPHQL_PATH}`, extensions: { code: 'NOT_FOUND' } }] });
    }
  }

  /** New operations while draining: 503, counted like every refusal. */
  const shuttingDown = (transport: Transport) => admission.refuse(transport, 'draining', 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', { 'retry-after': '5' });

  async function stream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res, config, () => admission.metrics.refused('sse', 'origin'))) return;
    const csrf = csrfRefusal(req);
    if (csrf) return sendRefusal(res, admission.refuse('sse', 'csrf', 400, 'BAD_REQUEST', csrf), format);
    if (draining) return sendRefusal(res, shuttingDown('sse'), format);
    await sse(req, res);
  }

  async function download(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (applyCors(req, res, config, () => admission.metrics.refused('http', 'origin'))) return;
    if (draining) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', 5);
    const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    await serveFileDownload({ admission, formatError: format, logger, createContext: http.createContext }, req, res, pathname, requestId);
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    // A browser navigating here sends no CSRF header or credentials: it gets the explorer (or a page saying it is off).
    if (explorer.isPageRequest(req)) return explorer.page(req, res);
    if (applyCors(req, res, config, () => admission.metrics.refused('http', 'origin'))) return;
    const csrf = csrfRefusal(req, { multipart: true });
    if (csrf) return sendRefusal(res, admission.refuse('http', 'csrf', 400, 'BAD_REQUEST', csrf), format);
    const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    if (draining) return sendRefusal(res, shuttingDown('http'), format);
    await handleGraphQL(http, req, res, search, requestId);
  }

  const ws = attachGraphQLWs(httpServer, schema, services, {
    path: GRAPHQL_PATH,
    formatError: format,
    admission,
    maxPayload: config.bodyLimitBytes,
    draining: () => draining,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`;
  accounts?.accounts.serveCallbacksAt(config.accounts.publicUrl ?? new URL(url).origin);

  let stopping: Promise<void> | null = null;
  return {
    url,
    services,
    stop: () =>
      (stopping ??= (async () => {
        draining = true;
        await drainHttpServer(httpServer, { graceMs: config.drainGraceMs, timeoutMs: options.drainTimeoutMs ?? 10_000, closeStreams: async () => void (await Promise.all([ws.close(), sse.close()])),
          onUpgradeRefused: () => admission.metrics.refused('ws', 'draining'),
        });
        await apollo.stop();
        await live.close();
        // After the drain: a refresh in flight lands in the database before it closes.
        await accounts?.close();
        await registry.close();
        shedder.stop();
        redisLink?.disconnect();
      })()),
  };
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
