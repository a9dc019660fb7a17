import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** True when `origin` may call (CORS) or connect (WebSocket); no Origin header = not a browser. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  return allowed.includes('*') || allowed.includes(origin);
}

/**
 * True when the browser's page comes from this server itself (the bundled explorer): its
 * Origin names the Host it connects to. Browsers never let a page forge Origin, so another
 * site cannot pass this; either scheme counts, as TLS may end at a proxy in front.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const { origin, host } = req.headers;
  return origin !== undefined && host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/**
 * CORS from the `CORS_ORIGINS` allowlist: answers preflights, and adds the allow headers to
 * answers for allowed origins. Returns true when the request was a preflight (already answered).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  const ok = origin !== undefined && allowed.length > 0 && originAllowed(origin, allowed);
  if (ok) {
    res.setHeader('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.statusCode = ok ? 204 : 403;
  if (ok) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.end();
  return true;
}
