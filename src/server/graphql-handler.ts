import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, RequestContext } from '../context/context';
import { inSpan } from '../core/tracing';
import { isRefusal, type OperationAdmission, type OperationRequest } from './operation-admission';
import { operationCosts } from './answer-cache/answer-cache-policy.plugin';
import { discardUnread, isMultipart, readMultipart, type UploadLimits } from './multipart-upload';
import { readBody, BodyTooLargeError } from './read-body';
import { sendRefusal, type FormatError } from './refusal-response';
import { callerCredentials } from './request-headers';
import type { AnswerCacheGate } from './answer-cache/answer-cache-gate';
import type { DirectAnswers } from './direct-answer';

/** What the HTTP transport works with, built once per server. */
export interface HttpGraphQL {
  apollo: ApolloServer<RequestContext>;
  admission: OperationAdmission;
  bodyLimit: number;
  /** File uploads (GraphQL multipart requests, multipart-upload.ts). */
  upload: UploadLimits;
  /** Clean answers without Apollo's pipeline (direct-answer.ts); null with DIRECT_ANSWERS=false or graphql-jit off. */
  direct: DirectAnswers | null;
  /** The answer cache's edge (null when the cache is off). */
  cacheGate: AnswerCacheGate | null;
  formatError: FormatError;
  /** The operation's context, once the caller is known. */
  createContext: (req: IncomingMessage, caller: Caller, requestId: string) => Promise<RequestContext>;
}

/**
 * GraphQL over plain HTTP (POST and GET at `/graphql`): the admission stages in order
 * (operation-admission.ts) — body size, load shedding, caller auth, then (after the response
 * cache had its chance) the document, operation, cost and budget — and Apollo Server 5 runs
 * what was admitted (content negotiation, landing page, execution), except clean answers to
 * plain JSON POSTs, which direct-answer.ts sends as Apollo would. The operation runs inside
 * its RequestScope so upstream calls are counted.
 */
export async function handleGraphQL(http: HttpGraphQL, req: IncomingMessage, res: ServerResponse, search: string, requestId: string): Promise<void> {
  const { admission, formatError } = http;
  const started = performance.now();
  let text = '';
  const multipart = isMultipart(req);
  let uploadOperations: unknown = undefined;
  if (multipart) {
    const read = await readMultipart(req, res, http.upload);
    if (!('operations' in read)) {
      discardUnread(req);
      return sendRefusal(res, admission.refuse('http', read.status === 413 ? 'size' : 'parse', read.status, read.code, read.message), formatError);
    }
    uploadOperations = read.operations;
  } else if (req.method === 'POST') {
    try {
      text = await readBody(req, http.bodyLimit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return sendRefusal(res, admission.refuse('http', 'size', 413, 'BAD_REQUEST', `Request body larger than ${http.bodyLimit} bytes (BODY_LIMIT_BYTES)`), formatError);
    }
  }
  const permit = admission.shed('http');
  if (isRefusal(permit)) {
    if (multipart) discardUnread(req);
    return sendRefusal(res, permit, formatError);
  }
  try {
    // A browser opening the page (no query: a query in the URL goes through admission like any other).
    const isLandingPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !new URLSearchParams(search).has('query');
    const caller = isLandingPage
      ? { kind: 'anonymous' as const, id: null }
      : await admission.authenticate(callerCredentials(req), req.socket.remoteAddress ?? null, 'http');
    if (isRefusal(caller)) return sendRefusal(res, caller, formatError);
    const cacheKey = http.cacheGate && !isLandingPage && !multipart ? http.cacheGate.keyFor(req, caller, search, text) : null;
    if (http.cacheGate && cacheKey && (await http.cacheGate.serve(req, res, cacheKey, caller, requestId))) return;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = uploadOperations;
    // Our CSRF rule has passed the upload; Apollo sees the operation it carries as JSON.
    if (multipart) headers.set('content-type', 'application/json');
    try {
      if (!multipart) body = parseBody(text, headers.get('content-type'));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return sendRefusal(res, admission.refuse('http', 'parse', 400, 'BAD_REQUEST', `Malformed JSON body: ${error.message}`), formatError);
    }
    // What Apollo cannot run anyway (no query, malformed variables, a batch) it answers itself.
    const request = isLandingPage ? null : operationRequest(req.method, search, body);
    const admitted = request ? await admission.admit(request, caller, { transport: 'http', method: req.method ?? 'GET', host: req.headers.host, since: started }) : null;
    if (isRefusal(admitted)) return sendRefusal(res, admitted, formatError);
    const context = await http.createContext(req, caller, requestId);
    if (admitted) operationCosts.set(context.scope, admitted.cost);
    const httpGraphQLRequest = { method: req.method ?? 'GET', headers, search, body };
    const direct = admitted && request && http.direct?.accepts(httpGraphQLRequest) ? http.direct : null;
    const result = await inSpan('graphql', { 'http.request.method': req.method ?? 'GET', 'tributary.request_id': context.scope.requestId ?? '' }, async () => {
      const answered = direct ? await direct.answer(admitted!, request!, context, httpGraphQLRequest) : null;
      return answered ?? http.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    });
    res.statusCode = result.status ?? 200;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    if (result.body.kind === 'complete') {
      if (http.cacheGate && cacheKey) http.cacheGate.store(context.scope, cacheKey, res, result.body.string);
      res.end(result.body.string);
      if (admitted) {
        const outcome = res.statusCode >= 400 || result.body.string.includes('"errors":') ? 'error' : 'ok';
        admission.metrics.observe(admitted.operation.name?.value, admitted.operation.operation, outcome, (performance.now() - started) / 1000);
      }
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  } finally {
    permit();
    if (multipart) discardUnread(req);
  }
}

/** The operation a request asks for, when it is well-formed enough for Apollo to run. */
function operationRequest(method: string | undefined, search: string, body: unknown): OperationRequest | null {
  if (method === 'GET') {
    const params = new URLSearchParams(search);
    const query = params.get('query');
    if (!query) return null;
    let variables: unknown = null;
    try {
      variables = JSON.parse(params.get('variables') ?? 'null');
    } catch {
      return null;
    }
    return asRequest({ query, variables, operationName: params.get('operationName') });
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? asRequest(body as Record<string, unknown>) : null;
}

function asRequest({ query, variables, operationName }: Record<string, unknown>): OperationRequest | null {
  if (typeof query !== 'string') return null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  return { query, variables: (variables as Record<string, unknown> | null) ?? null, operationName: (operationName as string | null) ?? null };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('json')) return JSON.parse(text);
  // Apollo answers a helpful 400 for other content types.
  return text;
}

/** A GraphQL-shaped error for failures outside admission (draining, a bug). */
export function sendError(res: ServerResponse, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  res.statusCode = status;
  if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
