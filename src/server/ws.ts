import type { Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { RequestContext, vendorTokensFrom, type GatewayServices } from '../context/context';
import { runInScope } from '../core/request-scope';
import { execute, subscribe } from 'graphql';

/**
 * graphql-ws on the same port and path as HTTP. Every operation gets its own context
 * (fresh loaders); vendor credential overrides come from `connectionParams`.
 */
export function attachGraphQLWs(
  httpServer: Server,
  schema: GraphQLSchema,
  services: GatewayServices,
  path: string,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  httpServer.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const { metrics, logger } = services;
  // Operations that reached execution, per connection, so the gauge counts each exactly once.
  const active = new WeakMap<object, Set<string>>();
  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      context: (ctx) => new RequestContext(services, { kind: 'anonymous', id: null }, vendorTokensFrom((name) => ctx.connectionParams?.[name])),
      execute: (args) => runInScope((args.contextValue as RequestContext).scope, () => execute(args)),
      subscribe: (args) => runInScope((args.contextValue as RequestContext).scope, () => subscribe(args)),
      onOperation: (ctx, id) => {
        const ids = active.get(ctx) ?? new Set<string>();
        active.set(ctx, ids.add(id));
        metrics.subscriptionsActive.inc();
      },
      onComplete: (ctx, id) => {
        if (active.get(ctx)?.delete(id)) metrics.subscriptionsActive.dec();
      },
      // The WS path bypasses Apollo's plugins: format errors the same way and add the
      // errors of vendors that failed beside the data.
      onNext: (_ctx, _id, _payload, args, result) => {
        const partial = (args.contextValue as RequestContext).partialErrors.splice(0);
        const errors = [...(result.errors ?? []), ...partial];
        if (errors.length === 0) return;
        return { ...result, errors: errors.map((error) => formatError(error.toJSON(), error)) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'graphql-ws operation error');
      },
    },
    wss,
  );
  return {
    async close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
