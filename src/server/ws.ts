import type { Server } from 'node:http';
import { GraphQLError, execute, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { handleProtocols } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import { operationTokens } from '../context/caller-tokens';
import { RequestContext, vendorTokensFrom, type Caller, type GatewayServices } from '../context/context';
import { originRefusal } from './cors';
import { ExecutionPermits } from './execution-permits';
import { isRefusal, NO_PERMIT, type OperationAdmission } from './operation-admission';
import { shareable } from './shareable-operations';
import { SharedSubscriptions } from './shared-subscriptions';
import { serveGraphQLWs } from './ws-adapter';
import { NextFrames, socketWriter } from './ws-frames';

export interface WsOptions {
  path: string;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  admission: OperationAdmission;
  /** Largest frame a client may send (BODY_LIMIT_BYTES, as for HTTP bodies). */
  maxPayload: number;
  /** True once the server drains: a connection still open during the grace starts nothing new. */
  draining: () => boolean;
}

type ConnectionParams = Record<string, unknown> | undefined;

const KEEP_ALIVE_MS = 15_000;
/** What a shared subscription's socket may hold unsent before its next events are dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * graphql-ws on the same port and path as HTTP, through the same admission stages as every
 * transport (operation-admission.ts): the origin rule on upgrade, the frame size limit (ws
 * closes with 1009), caller auth on connect (4403 when refused), then on every subscribe a cap
 * on operations per connection, load shedding, the document, cost and the caller's budget.
 * Every operation gets its own context (fresh loaders); subscribers of the same operation,
 * caller and credentials share one execution whose results are written to each socket.
 */
export function attachGraphQLWs(httpServer: Server, schema: GraphQLSchema, services: GatewayServices, options: WsOptions) {
  const { config, metrics, logger } = services;
  const { admission } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, handleProtocols });
  httpServer.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // The same origin rule as HTTP and SSE (cors.ts).
    const refusal = originRefusal(req, config);
    if (refusal) {
      admission.metrics.refused('ws', 'origin');
      const body = JSON.stringify({ errors: [{ message: refusal, extensions: { code: 'FORBIDDEN' } }] });
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const callers = new WeakMap<object, Caller>();
  const permits = new ExecutionPermits(admission.metrics);
  const dropped = () => metrics.liveEventsDropped.inc({ vendor: 'ALL', reason: 'overflow' });
  const shared = new SharedSubscriptions({ onGroups: (count) => metrics.subscriptionExecutions.set(count) });
  const frames = new NextFrames(({ errors, ...rest }) => (errors?.length ? { ...rest, errors: errors.map((e) => options.formatError(e.toJSON(), e)) } : rest));
  // Operations admitted per connection (for the cap); the gauge counts each exactly once.
  const active = new WeakMap<object, Set<string>>();

  const cleanup = serveGraphQLWs<ConnectionParams>(
    {
      schema,
      connectionInitWaitTimeout: config.wsInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const caller = await admission.authenticate(
          { apiKey: stringParam(params['x-api-key']), authorization: stringParam(params.authorization ?? params.Authorization) },
          ctx.extra.remoteAddress,
          'ws',
        );
        if (isRefusal(caller)) return false;
        callers.set(ctx, caller);
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        // Reserved before any await, so a burst of subscribes cannot slip past the cap.
        const ids = active.get(ctx) ?? new Set<string>();
        active.set(ctx, ids);
        const since = performance.now();
        if (options.draining()) return admission.refuse('ws', 'draining', 503, 'SERVICE_UNAVAILABLE', 'Server is shutting down').errors;
        if (ids.size >= config.limits.maxSubscriptionsPerConnection) {
          const message = `This connection already has ${ids.size} operations; at most ${config.limits.maxSubscriptionsPerConnection}`;
          return admission.refuse('ws', 'operations_per_connection', 400, 'BAD_USER_INPUT', message).errors;
        }
        ids.add(id);
        const refuse = (errors: readonly GraphQLError[]) => {
          ids.delete(id);
          return errors;
        };
        const shed = admission.shed('ws', { hold: false });
        if (isRefusal(shed)) return refuse(shed.errors);
        const caller = callers.get(ctx) ?? { kind: 'anonymous', id: null };
        const admitted = await admission.admit(payload, caller, { transport: 'ws', method: 'WS', since });
        if (isRefusal(admitted)) return refuse(admitted.errors);
        const permit = admitted.operation.operation === 'subscription' ? NO_PERMIT : admission.shed('ws');
        if (isRefusal(permit)) return refuse(permit.errors);
        metrics.subscriptionsActive.inc();
        const params = ctx.connectionParams ?? {};
        const { tokens, renewals, relinkRequired } = await operationTokens(services, caller, vendorTokensFrom((name) => params[name]));
        // A shareable subscription gets its RequestContext only if it starts the group's execution.
        const contextValue = shareable(admitted.document, payload.operationName)
          ? new SharedOperation(
              JSON.stringify([caller.kind, caller.id, tokens, payload.query, payload.operationName ?? null, payload.variables ?? null]),
              () => new RequestContext(services, caller, tokens, relinkRequired, renewals),
              socketWriter(ctx.extra.socket, id, frames, MAX_BUFFERED_BYTES, dropped),
            )
          : new RequestContext(services, caller, tokens, relinkRequired, renewals);
        permits.hold(contextValue, permit, admitted.operation);
        return {
          schema,
          document: admitted.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      execute: (args) => permits.run(args.contextValue as object, () => execute(args)),
      subscribe: (args) =>
        permits.run(args.contextValue as object, () => {
          const operation = args.contextValue;
          if (!(operation instanceof SharedOperation)) return subscribe(args);
          return shared.subscribe(operation.takeKey(), () => {
            const context = operation.newContext();
            return runShared({ ...args, contextValue: context }, context);
          }, operation.deliver);
        }),
      onComplete: (ctx, id) => {
        if (active.get(ctx)?.delete(id)) metrics.subscriptionsActive.dec();
      },
      // Same error formatting as HTTP, plus the errors of vendors that failed beside the data.
      onNext: (_ctx, _id, _payload, args, result) => {
        // Shared operations write their own frames (ws-frames.ts): of theirs only a refused start
        // comes here (nothing beside it), formatted like every other result.
        const partial = args.contextValue instanceof RequestContext ? args.contextValue.partialErrors.splice(0) : [];
        const errors = [...(result.errors ?? []), ...partial];
        if (errors.length === 0) return;
        return { ...result, errors: errors.map((error) => options.formatError(error.toJSON(), error)) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'graphql-ws operation refused');
        return errors.map((error) => {
          const formatted = options.formatError(error.toJSON(), error);
          return new GraphQLError(formatted.message, { extensions: formatted.extensions });
        });
      },
    },
    wss,
    logger,
  );
  // Keep-alive: a protocol-level ping every 15 s; a socket that did not answer the last one is
  // dead (a vanished client or a half-open connection) and is terminated, completing its operations.
  const alive = new WeakSet<object>();
  wss.on('connection', (socket) => {
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') admission.metrics.refused('ws', 'size');
    });
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const keepAlive = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  return {
    async close(): Promise<void> {
      clearInterval(keepAlive);
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * The graphql-ws context value of a subscription that may share its execution: how to find the
 * group (the key, dropped once used: a subscriber need not keep it), how to make the context
 * should it start the execution, and where its results go.
 */
class SharedOperation {
  constructor(
    private key: string | null,
    readonly newContext: () => RequestContext,
    readonly deliver: (result: ExecutionResult) => void,
  ) {}

  takeKey(): string {
    const { key } = this;
    if (key === null) throw new Error('a shared operation subscribes once');
    this.key = null;
    return key;
  }
}

/** One execution for a group of subscribers: vendor errors beside the data travel in each result. */
async function runShared(args: ExecutionArgs, context: RequestContext) {
  const started = await subscribe(args);
  if (!(Symbol.asyncIterator in started)) return started;
  return withPartialErrors(started, context);
}

/**
 * An iterator, not an async generator: `return()` must reach the source at once, even while a
 * `next()` waits on a quiet topic (a generator would only notice at the next event).
 */
function withPartialErrors(results: AsyncIterable<ExecutionResult>, context: RequestContext): AsyncIterableIterator<ExecutionResult> {
  const source = results[Symbol.asyncIterator]();
  return {
    async next() {
      const next = await source.next();
      if (next.done) return next;
      const partial = context.partialErrors.splice(0);
      return { done: false, value: partial.length ? { ...next.value, errors: [...(next.value.errors ?? []), ...partial] } : next.value };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function stringParam(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
