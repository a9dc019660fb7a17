import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { RequestContext } from '../context/context';
import type { Logger } from '../core/logger';
import type { CallerRateLimiter } from './caller-rate-limit';
import { formatError } from './format-error';
import { jitGateway } from './jit-gateway';
import { limitRules } from './limits';
import { cachePolicyPlugin } from './plugins/cache-policy.plugin';
import { limitsPlugin } from './plugins/limits.plugin';
import { operationLogPlugin } from './plugins/operation-log.plugin';
import { partialErrorsPlugin } from './plugins/partial-errors.plugin';
import { sourcesPlugin } from './plugins/sources.plugin';
import type { ResponseCache } from './response-cache/response-cache';

/** Apollo Server 5 with Tributary's plugins; the HTTP transport is ours (graphql-handler.ts). */
export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  logger: Logger,
  rateLimiter: CallerRateLimiter,
  responseCache: ResponseCache | null,
): ApolloServer<RequestContext> {
  const plugins: ApolloServerPlugin<RequestContext>[] = [
    limitsPlugin(rateLimiter),
    // Ours reads the hints once per document; Apollo's would wrap every field resolver to do it.
    ApolloServerPluginCacheControlDisabled(),
    cachePolicyPlugin(responseCache, config.responseCache.maxAgeSeconds),
    partialErrorsPlugin(),
    sourcesPlugin(),
    operationLogPlugin(logger),
    // Browsers get the explorer from server/explorer before Apollo sees the request.
    ApolloServerPluginLandingPageDisabled(),
  ];
  return new ApolloServer<RequestContext>({
    ...(config.graphqlJit ? { gateway: jitGateway(schema) } : { schema }),
    plugins,
    introspection: config.introspection,
    csrfPrevention: true,
    status400ForVariableCoercionErrors: true,
    allowBatchedHttpRequests: false,
    validationRules: limitRules(config.limits),
    parseOptions: { maxTokens: config.limits.maxTokens },
    // "Did you mean …?" suggestions reveal the schema; hidden wherever introspection is off.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: config.debugErrors,
    formatError: formatError(config.debugErrors, logger),
    // Our plugin logs each operation once; Apollo's own logger only speaks on startup problems.
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
}
