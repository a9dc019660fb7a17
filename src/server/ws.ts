import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { RequestContext, vendorTokensFrom, type GatewayServices } from '../context/context';
import { runInScope } from '../core/request-scope';
import { execute, subscribe } from 'graphql';

/**
 * graphql-ws on the same port and path as HTTP. Every operation gets its own context
 * (fresh loaders); vendor credential overrides come from `connectionParams`.
 */
export function attachGraphQLWs(httpServer: Server, schema: GraphQLSchema, services: GatewayServices, path: string) {
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
  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      context: (ctx) => new RequestContext(services, { kind: 'anonymous', id: null }, vendorTokensFrom((name) => ctx.connectionParams?.[name])),
      execute: (args) => runInScope((args.contextValue as RequestContext).scope, () => execute(args)),
      subscribe: (args) => runInScope((args.contextValue as RequestContext).scope, () => subscribe(args)),
      onSubscribe: () => {
        metrics.subscriptionsActive.inc();
      },
      onComplete: () => {
        metrics.subscriptionsActive.dec();
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
