import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Config } from '../../src/config';
import { RequestContext, type GatewayServices } from '../../src/context/context';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { createTributaryPubSub } from '../../src/live/pubsub';
import { TopicHub } from '../../src/live/topic-hub';
import { buildTributarySchema } from '../../src/schema/build-schema';
import { createRegistry } from '../../src/vendors/registry';

/**
 * The baseline: the same schema and resolvers on stock Apollo Server (its standalone server,
 * default options) with loaders that neither batch nor cache — what a straightforward
 * Apollo + type-graphql build of this API would be.
 */
export async function startStockApollo(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  const naive = { ...config, naiveLoaders: true };
  const logger = createLogger('silent');
  const metrics = createMetrics();
  const registry = createRegistry({ configs: naive.vendors, gateway: naive, metrics, logger });
  const services: GatewayServices = { config: naive, registry, pubsub: createTributaryPubSub(), live: new TopicHub({ metrics, logger }), metrics, logger };
  // A resolver on every plain field, as type-graphql builds without simpleResolvers (Tributary's default leaves them out).
  const server = new ApolloServer<RequestContext>({ schema: buildTributarySchema({ leanResolvers: false }) });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => new RequestContext(services, { kind: 'anonymous', id: null }, {}),
  });
  return {
    url,
    stop: async () => {
      await server.stop();
      await registry.close();
    },
  };
}
