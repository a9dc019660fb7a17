import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, execute, subscribe, type GraphQLSchema } from 'graphql';
import { createHandler, type Response } from 'graphql-sse';
import { operationTokens } from '../context/caller-tokens';
import { RequestContext, vendorTokensFrom, type Caller, type GatewayServices } from '../context/context';
import { ExecutionPermits } from './execution-permits';
import type { Release } from './load-shedder';
import { isRefusal, NO_PERMIT, type OperationAdmission, type Refusal } from './operation-admission';
import { BodyTooLargeError, readBody } from './read-body';
import { refusalBody, sendRefusal, type FormatError } from './refusal-response';
import { SseStreams } from './sse-streams';

/** What one request brought to graphql-sse's hooks. */
interface Arrived {
  caller: Caller;
  permit: Release | null;
  since: number;
}

/**
 * Subscriptions (and queries) over Server-Sent Events (graphql-sse: distinct connections, and
 * single connection with a reservation) at `/graphql/stream`, for clients without WebSocket.
 * The same admission stages as every transport (operation-admission.ts): the body read
 * within BODY_LIMIT_BYTES, load shedding for each request that can run an operation, caller
 * auth, then each operation's document, cost and budget. `close()` ends every open stream
 * cleanly for a drain (sse-streams.ts).
 */
export function createSseHandler(schema: GraphQLSchema, services: GatewayServices, admission: OperationAdmission, formatError: FormatError, bodyLimit: number) {
  const arrivals = new WeakMap<IncomingMessage, Arrived>();
  const permits = new ExecutionPermits(admission.metrics);
  const open = new SseStreams();
  // graphql-sse wants a plain record type for the context; ours is a class, hence the casts.
  const handler = createHandler<IncomingMessage, undefined, Record<string, unknown>>({
    schema,
    onSubscribe: async (req, params) => {
      const raw = req.raw;
      const arrived = arrivals.get(raw);
      const caller = arrived?.caller ?? { kind: 'anonymous', id: null };
      const admitted = await admission.admit(params, caller, { transport: 'sse', method: raw.method ?? 'GET', host: raw.headers.host, since: arrived?.since ?? performance.now() });
      if (isRefusal(admitted)) {
        arrived?.permit?.();
        return asResponse(admitted, formatError);
      }
      const { tokens, renewals, relinkRequired } = await operationTokens(services, caller, vendorTokensFrom((name) => raw.headers[name]));
      const contextValue = new RequestContext(services, caller, tokens, relinkRequired, renewals);
      // A subscription gives its slot back once admitted (its life says nothing about load).
      if (admitted.operation.operation === 'subscription') arrived?.permit?.({ sample: false });
      permits.hold(contextValue, arrived?.permit ?? NO_PERMIT, admitted.operation);
      return {
        schema,
        document: admitted.document,
        variableValues: params.variables ?? undefined,
        operationName: params.operationName ?? undefined,
        contextValue: contextValue as unknown as Record<string, unknown>,
      };
    },
    execute: (args) => permits.run(args.contextValue as object, () => execute(args)),
    subscribe: async (args) =>
      open.track(args.contextValue as object, await permits.run(args.contextValue as object, () => subscribe(args))),
    onComplete: (ctx) => {
      if (ctx) open.completed(ctx);
    },
    onNext: (ctx, _req, result) => {
      const partial = ctx ? asContext(ctx).partialErrors.splice(0) : [];
      const errors = [...(result.errors ?? []), ...partial];
      if (errors.length === 0) return;
      return {
        ...result,
        errors: errors.map((error) => {
          const formatted = formatError(error.toJSON(), error);
          return new GraphQLError(formatted.message, { extensions: formatted.extensions });
        }),
      };
    },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const since = performance.now();
    let body = '';
    if (req.method === 'POST' || req.method === 'PUT') {
      try {
        body = await readBody(req, bodyLimit);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        return sendRefusal(res, admission.refuse('sse', 'size', 413, 'BAD_REQUEST', `Request body larger than ${bodyLimit} bytes (BODY_LIMIT_BYTES)`), formatError);
      }
    }
    // GET and POST may run an operation; PUT (a reservation) and DELETE (a stop) only do bookkeeping.
    const permit = req.method === 'GET' || req.method === 'POST' ? admission.shed('sse') : null;
    if (isRefusal(permit)) return sendRefusal(res, permit, formatError);
    let response: Response;
    try {
      const caller = await admission.authenticate(
        { apiKey: headerValue(req, 'x-api-key'), authorization: headerValue(req, 'authorization') },
        req.socket.remoteAddress ?? null,
        'sse',
      );
      if (isRefusal(caller)) return sendRefusal(res, caller, formatError);
      arrivals.set(req, { caller, permit, since });
      response = await handler({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: { get: (key) => headerValue(req, key) },
        body,
        raw: req,
        context: undefined,
      });
    } finally {
      // Released by then if an operation ran (execution-permits.ts); a stream kept open for a
      // reservation holds none.
      permit?.();
    }
    await writeResponse(res, response, open);
  };
  return Object.assign(handle, { close: () => open.close() });
}

/** graphql-sse's answer on node:http: a plain body, or the event stream until either side ends it. */
async function writeResponse(res: ServerResponse, [body, init]: Response, open: SseStreams): Promise<void> {
  res.writeHead(init.status, init.statusText, init.headers as Record<string, string> | undefined);
  if (!body || typeof body === 'string') {
    await new Promise<void>((resolve) => res.end(body, () => resolve()));
    return;
  }
  await open.stream(body, () => writeStream(res, body));
}

async function writeStream(res: ServerResponse, body: AsyncGenerator<string, void, undefined>): Promise<void> {
  const stop = () => void body.return(undefined);
  res.once('close', stop);
  for await (const chunk of body) {
    if (!res.writable) break;
    const closed = await new Promise<boolean>((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve(false))));
    if (closed) break;
  }
  res.off('close', stop);
  await new Promise<void>((resolve) => res.end(() => resolve()));
}

function asResponse(refusal: Refusal, formatError: FormatError): Response {
  const { status, headers, body } = refusalBody(refusal, formatError);
  return [body, { status, statusText: status === 429 ? 'Too Many Requests' : 'Refused', headers }];
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value.join('\n') : value) ?? null;
}

function asContext(value: unknown): RequestContext {
  return value as RequestContext;
}
