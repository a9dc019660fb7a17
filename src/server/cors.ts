import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { VENDORS, vendorKey } from '../core/vendor';

const ALLOWED_HEADERS = [
  'content-type',
  'accept',
  'authorization',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  ...VENDORS.map((vendor) => `x-${vendorKey(vendor)}-token`),
].join(', ');

/** A development server on this machine (Vite, webpack, a second gateway): any port. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The one origin rule of every transport (HTTP, SSE, WebSocket upgrades). A request without
 * an Origin header is not from a browser page and passes; so does a page of this very origin.
 * Otherwise the origin must be in `CORS_ORIGINS` (`*` = any), or — in demo mode only — a
 * local development origin (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`).
 * Answers why a request is refused, naming the setting, or null when it may go on.
 */
export function originRefusal(req: IncomingMessage, config: Pick<Config, 'corsOrigins' | 'demo'>): string | null {
  const origin = req.headers.origin;
  if (!origin || originAllowed(origin, req.headers.host, config)) return null;
  return `Origin ${origin} may not call this gateway: add it to CORS_ORIGINS (comma-separated origins, or * for any)`;
}

/**
 * CORS: answers preflights (204 with the allow headers, or 403 with a body naming
 * CORS_ORIGINS), refuses requests from origins the rule refuses, and adds the allow headers to
 * answers for allowed cross-origin callers. Returns true when the request was answered here.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, config: Pick<Config, 'corsOrigins' | 'demo'>, onRefused: () => void = () => undefined): boolean {
  const origin = req.headers.origin;
  const refusal = originRefusal(req, config);
  if (refusal) {
    onRefused();
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: refusal, extensions: { code: 'FORBIDDEN' } }] }));
    return true;
  }
  if (origin) {
    res.setHeader('access-control-allow-origin', config.corsOrigins.includes('*') ? '*' : origin);
    res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.statusCode = 204;
  if (origin) {
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.end();
  return true;
}

// Private:

function originAllowed(origin: string, host: string | undefined, config: Pick<Config, 'corsOrigins' | 'demo'>): boolean {
  if (config.corsOrigins.includes('*') || config.corsOrigins.includes(origin)) return true;
  if (config.demo && LOCAL_ORIGIN.test(origin)) return true;
  // Same origin: the page was served by this gateway (the Sandbox, for one).
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
