import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, RequestContext } from '../context/context';
import { runInScope } from '../core/request-scope';
import { inSpan } from '../core/tracing';
import { readBody, BodyTooLargeError } from './read-body';
import type { ResponseCacheGate } from './response-cache/http-gate';

/** The response cache's part in one request (absent when the cache is off). */
export interface CacheStep {
  gate: ResponseCacheGate;
  caller: Caller;
  requestId: string;
}

/**
 * Apollo Server 5 on a plain node:http request: the body is read (size-capped) and parsed
 * here, everything GraphQL-over-HTTP (content negotiation, GET, CSRF prevention, landing
 * page) is Apollo's. The operation runs inside its RequestScope so upstream calls are counted.
 */
export async function handleGraphQL(
  apollo: ApolloServer<RequestContext>,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  bodyLimit: number,
  createContext: () => RequestContext,
  cache: CacheStep | null = null,
): Promise<void> {
  let text = '';
  if (req.method === 'POST') {
    try {
      text = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, 'BAD_REQUEST', `Request body larger than ${bodyLimit} bytes`);
      throw error;
    }
  }
  const cacheKey = cache?.gate.keyFor(req, cache.caller, search, text) ?? null;
  if (cache && cacheKey && (await cache.gate.serve(req, res, cacheKey, cache.caller, cache.requestId))) return;
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  try {
    body = parseBody(text, headers.get('content-type'));
  } catch (error) {
    if (error instanceof SyntaxError) return sendError(res, 400, 'BAD_REQUEST', `Malformed JSON body: ${error.message}`);
    throw error;
  }
  const context = createContext();
  const result = await runInScope(context.scope, () =>
    inSpan('graphql', { 'http.request.method': req.method ?? 'GET', 'tributary.request_id': context.scope.requestId ?? '' }, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
        context: async () => context,
      }),
    ),
  );
  res.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) res.setHeader(key, value);
  if (result.body.kind === 'complete') {
    if (cache && cacheKey) cache.gate.store(context.scope, cacheKey, res, result.body.string);
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('json')) return JSON.parse(text);
  // Apollo answers a helpful 400 for other content types (and CSRF prevention relies on it).
  return text;
}

/** A GraphQL-shaped error for failures before Apollo sees the request. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  res.statusCode = status;
  if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
