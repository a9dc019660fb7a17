import type { IncomingMessage } from 'node:http';

/**
 * Content types a browser sends cross-site without a CORS preflight (the fetch standard's
 * "CORS-safelisted" ones); a POST without a content type is just as simple.
 */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Headers a browser only sends after a preflight; one of them lets a multipart upload through (Apollo's names). */
export const MULTIPART_PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * The one CSRF rule of every HTTP transport (`/graphql` and `/graphql/stream`, GET and POST).
 *
 * Callers authenticate with `x-api-key` or `Authorization` headers, never cookies, so a
 * cross-site request that skips the preflight cannot carry credentials: it runs as an
 * anonymous caller at most. GET only ever runs queries (and SSE subscriptions); a mutation
 * over GET is refused (405) on both paths. So a GET may come without a preflight header —
 * urql's and EventSource's default — while a POST must carry a content type a browser cannot
 * send cross-site without a preflight (in practice `application/json`): any mutation then
 * needs a non-simple request, which the CORS allowlist governs. Other methods (graphql-sse's
 * PUT and DELETE) are never simple. A multipart upload (`multipart`: `/graphql` only) passes
 * with a preflight header instead (`MULTIPART_PREFLIGHT_HEADERS`). Answers the refusal message, or null when the request passes.
 */
export function csrfRefusal(req: IncomingMessage, options: { multipart?: boolean } = {}): string | null {
  if (req.method !== 'POST') return null;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType && !SIMPLE_CONTENT_TYPES.includes(contentType)) return null;
  if (options.multipart && contentType === 'multipart/form-data') {
    // A file upload (docs/files.md) is a simple content type, so it must carry a header no
    // cross-site form can set: that header is what forces the browser's preflight.
    if (MULTIPART_PREFLIGHT_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
    return `A multipart upload can be sent cross-site without a CORS preflight (CSRF); send it with an \`apollo-require-preflight: true\` header`;
  }
  return `A POST with ${contentType ? `content-type ${contentType}` : 'no content-type'} can be sent cross-site without a CORS preflight (CSRF); send content-type: application/json`;
}
