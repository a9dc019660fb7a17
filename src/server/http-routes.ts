import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { oauthCallbackPath } from '../accounts/vendor-accounts.service';
import type { GatewayServices } from '../context/context';
import type { Operations } from './compose-operations';
import { applyCors } from './cors';
import { csrfRefusal } from './csrf';
import { createDashboard, DASHBOARD_PATH, type DemoOutageControl } from './dashboard';
import { createExplorer } from './explorer/explorer.routes';
import { isFileDownload, serveFileDownload } from './file-downloads';
import { handleGraphQL, sendError } from './graphql-handler';
import { sendHealth, sendJson, sendReadiness } from './health';
import { serveOAuthCallback } from './oauth-callback';
import { isRefusal } from './operation-admission';
import type { Transport } from './operation-metrics';
import type { RedisLink } from './redis-link';
import { sendRefusal } from './refusal-response';
import { callerCredentials, tagRequest } from './request-headers';

export const GRAPHQL_PATH = '/graphql';
const STREAM_PATH = '/graphql/stream';
const IGTIMI_CALLBACK_PATH = oauthCallbackPath('IGTIMI');

export interface HttpRoutesDeps {
  config: Config;
  services: GatewayServices;
  operations: Operations;
  /** The SSE transport (sse.ts). */
  sse: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  redisLink: RedisLink | null;
  demoOutages?: DemoOutageControl | null;
  /** True once the server drains: new operations get 503. */
  draining: () => boolean;
}

/**
 * Every HTTP path of the one port: `/graphql` (the explorer for a browser, else GraphQL over
 * HTTP), `/graphql/stream` (SSE), `/files/…` (stored vendor files), the OAuth callback,
 * `/healthz`, `/readyz`, `/metrics` and `/dashboard`. The origin and CSRF rules and the drain
 * refusal come before any transport. Answers the handler node:http calls per request.
 */
export function createHttpRoutes(deps: HttpRoutesDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { config, services, operations, sse, redisLink, draining } = deps;
  const { admission, formatError: format, http, shedder } = operations;
  const { metrics, registry, logger } = services;
  const explorer = createExplorer(config.explorer, GRAPHQL_PATH);
  const dashboard = config.dashboard
    ? createDashboard({
        outages: config.demo ? deps.demoOutages : null,
        authenticate: async (req, res) => {
          const caller = await admission.authenticate(callerCredentials(req), req.socket.remoteAddress ?? null, 'http');
          if (!isRefusal(caller)) return true;
          sendRefusal(res, caller, format);
          return false;
        },
      })
    : null;
  const refusedOrigin = (transport: Transport) => () => admission.metrics.refused(transport, 'origin');
  /** New operations while draining: 503, counted like every refusal. */
  const shuttingDown = (transport: Transport) => admission.refuse(transport, 'draining', 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', { 'retry-after': '5' });

  async function stream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res, config, refusedOrigin('sse'))) return;
    const csrf = csrfRefusal(req);
    if (csrf) return sendRefusal(res, admission.refuse('sse', 'csrf', 400, 'BAD_REQUEST', csrf), format);
    if (draining()) return sendRefusal(res, shuttingDown('sse'), format);
    await sse(req, res);
  }

  async function download(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (applyCors(req, res, config, refusedOrigin('http'))) return;
    if (draining()) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down', 5);
    const requestId = tagRequest(req, res);
    await serveFileDownload({ admission, formatError: format, logger, createContext: http.createContext }, req, res, pathname, requestId);
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    // A browser navigating here sends no CSRF header or credentials: it gets the explorer (or a page saying it is off).
    if (explorer.isPageRequest(req)) return explorer.page(req, res);
    if (applyCors(req, res, config, refusedOrigin('http'))) return;
    const csrf = csrfRefusal(req, { multipart: true });
    if (csrf) return sendRefusal(res, admission.refuse('http', 'csrf', 400, 'BAD_REQUEST', csrf), format);
    const requestId = tagRequest(req, res);
    if (draining()) return sendRefusal(res, shuttingDown('http'), format);
    await handleGraphQL(http, req, res, search, requestId);
  }

  async function sendMetrics(res: ServerResponse): Promise<void> {
    metrics.eventLoopLag.set(shedder.lagMs / 1000);
    metrics.inFlight.set(shedder.current);
    metrics.concurrencyLimit.set(shedder.limit);
    res.setHeader('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  }

  return async (req, res) => {
    // Split by hand: a URL object per request is measurable on the answer cache's path.
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
        return sendReadiness(res, registry, draining(), redisLink ? { redis: redisLink.status } : {});
      case '/metrics':
        return sendMetrics(res);
      default:
        if (isFileDownload(pathname)) return download(req, res, pathname);
        if (explorer.ownsAsset(pathname)) return explorer.serveAsset(req, res, pathname);
        if (dashboard && (pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`))) return dashboard(req, res, pathname);
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${pathname}; GraphQL is at ${GRAPHQL_PATH}`, extensions: { code: 'NOT_FOUND' } }] });
    }
  };
}
