import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, execute, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { RequestContext, vendorTokensFrom, type Caller, type GatewayServices } from '../context/context';
import { runInScope } from '../core/request-scope';
import type { CallerAuthenticator } from './caller-auth';
import { originAllowed } from './cors';
import type { OperationAdmission } from './operation-admission';
import { SharedSubscriptions, asksForReplay } from './shared-subscriptions';

export interface WsOptions {
  path: string;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  authenticator: CallerAuthenticator;
  admission: OperationAdmission;
}

type ConnectionParams = Record<string, unknown> | undefined;

const KEEP_ALIVE_MS = 15_000;

/**
 * graphql-ws on the same port and path as HTTP. The WS path bypasses Apollo's plugins, so the
 * same checks run here: caller auth on connect (4403 when refused), the document limits and
 * cost on every subscribe, a cap on operations per connection, the caller's rate budget.
 * Every operation gets its own context (fresh loaders).
 */
export function attachGraphQLWs(httpServer: Server, schema: GraphQLSchema, services: GatewayServices, options: WsOptions) {
  const { config, metrics, logger } = services;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  httpServer.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const allowed = config.corsOrigins.length === 0 || originAllowed(req.headers.origin, config.corsOrigins);
    if (pathname !== options.path || !allowed) {
      socket.end(`HTTP/1.1 ${allowed ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const callers = new WeakMap<object, Caller>();
  const shared = new SharedSubscriptions({
    onDrop: () => metrics.liveEventsDropped.inc({ vendor: 'ALL', reason: 'overflow' }),
    onGroups: (count) => metrics.subscriptionExecutions.set(count),
  });
  /** Per operation context: the key of the execution it may share (none for replays). */
  const shareKeys = new WeakMap<RequestContext, string>();
  // Operations admitted per connection (for the cap); the gauge counts each exactly once.
  const active = new WeakMap<object, Set<string>>();

  const cleanup = useServer<ConnectionParams, { request: IncomingMessage }>(
    {
      schema,
      connectionInitWaitTimeout: config.wsInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        try {
          const caller = await options.authenticator.authenticate({
            apiKey: stringParam(params['x-api-key']),
            authorization: stringParam(params.authorization ?? params.Authorization),
          });
          callers.set(ctx, { ...caller, address: ctx.extra.request.socket.remoteAddress ?? null });
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        // Reserved before any await, so a burst of subscribes cannot slip past the cap.
        const ids = active.get(ctx) ?? new Set<string>();
        active.set(ctx, ids);
        if (ids.size >= config.limits.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`This connection already has ${ids.size} operations; at most ${config.limits.maxSubscriptionsPerConnection}`, { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        ids.add(id);
        const refuse = (errors: readonly GraphQLError[]) => {
          ids.delete(id);
          return errors;
        };
        const caller = callers.get(ctx) ?? { kind: 'anonymous', id: null };
        const admitted = await options.admission.admit(payload, caller);
        if ('errors' in admitted) return refuse(admitted.errors);
        metrics.subscriptionsActive.inc();
        const params = ctx.connectionParams ?? {};
        const tokens = vendorTokensFrom((name) => params[name]);
        const contextValue = new RequestContext(services, caller, tokens);
        if (!asksForReplay(admitted.document)) {
          shareKeys.set(contextValue, JSON.stringify([caller.kind, caller.id, tokens, payload.query, payload.operationName ?? null, payload.variables ?? null]));
        }
        return {
          schema,
          document: admitted.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      execute: (args) => runInScope((args.contextValue as RequestContext).scope, () => execute(args)),
      subscribe: (args) => {
        const context = args.contextValue as RequestContext;
        const key = shareKeys.get(context);
        if (!key) return runInScope(context.scope, () => subscribe(args));
        return shared.subscribe(key, () => runShared(args, context));
      },
      onComplete: (ctx, id) => {
        if (active.get(ctx)?.delete(id)) metrics.subscriptionsActive.dec();
      },
      // Same error formatting as HTTP, plus the errors of vendors that failed beside the data.
      onNext: (_ctx, _id, _payload, args, result) => {
        const partial = (args.contextValue as RequestContext).partialErrors.splice(0);
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
  );
  // Keep-alive: a protocol-level ping every 15 s; a socket that did not answer the last one is
  // dead (a vanished client or a half-open connection) and is terminated, completing its operations.
  const alive = new WeakSet<object>();
  wss.on('connection', (socket) => {
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

/** One execution for a group of subscribers: vendor errors beside the data travel in each result. */
async function runShared(args: ExecutionArgs, context: RequestContext) {
  const started = await runInScope(context.scope, () => subscribe(args));
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
