import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Config } from '../config';
import type { RequestContext } from '../context/context';
import type { Logger } from '../core/logger';
import { formatError } from './format-error';
import { jitGateway, JitExecutor } from './jit-gateway';
import { answerCachePolicyPlugin } from './answer-cache/answer-cache-policy.plugin';
import { operationLogPlugin } from './plugins/operation-log.plugin';
import { partialErrorsPlugin } from './plugins/partial-errors.plugin';
import { sourcesPlugin } from './plugins/sources.plugin';
import type { AnswerCache } from './answer-cache/answer-cache';
import { hidesSuggestions } from './validation-rules';

/**
 * Apollo Server 5 with Tributary's plugins; the HTTP transport is ours (graphql-handler.ts).
 * `cacheControl` is Apollo's cache-control plugin slot: off, since the answer cache reads the
 * hints once per document (answer-cache-policy.ts) where Apollo's plugin runs a hook per
 * resolved field and wraps every field of the schema; bench/cache-control-walk.ts installs
 * Apollo's own there to measure what it would cost (docs/architecture.md).
 */
export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  logger: Logger,
  answerCache: AnswerCache | null,
  rules: ValidationRule[],
  cacheControl: ApolloServerPlugin<RequestContext> = ApolloServerPluginCacheControlDisabled(),
  /** graphql-jit's executor, shared with the direct answer path; null runs graphql-js. */
  jit: JitExecutor | null = config.graphqlJit ? new JitExecutor(schema) : null,
): ApolloServer<RequestContext> {
  const plugins: ApolloServerPlugin<RequestContext>[] = [
    cacheControl,
    answerCachePolicyPlugin(answerCache, config.responseCache.maxAgeSeconds),
    partialErrorsPlugin(),
    sourcesPlugin(),
    operationLogPlugin(logger),
    // Browsers get the explorer from server/explorer before Apollo sees the request.
    ApolloServerPluginLandingPageDisabled(),
    // Federated traces (ftv1: field timings a router asks for when it reports to GraphOS). To
    // time fields Apollo wraps every resolver of the schema in place on the first such request,
    // which graphql-jit's compiled plans (cached, most fields without a resolver) do not see and
    // which would slow every later request: off under JIT, on without it. Installed explicitly
    // either way, so Apollo does not announce its automatic choice on every start.
    jit ? ApolloServerPluginInlineTraceDisabled() : ApolloServerPluginInlineTrace(),
  ];
  return new ApolloServer<RequestContext>({
    ...(jit ? { gateway: jitGateway(schema, jit) } : { schema }),
    plugins,
    // Admission (operation-admission.ts) checks every document before Apollo sees it, with the
    // same rules given here again: the introspection policy is one of them, not Apollo's flag.
    introspection: true,
    // Every request carries its document, so admission sees what runs (no hash-only APQ).
    persistedQueries: false,
    // Our rule (csrf.ts) runs before Apollo, the same on /graphql and /graphql/stream.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    validationRules: rules,
    parseOptions: { maxTokens: config.limits.maxTokens },
    // "Did you mean …?" suggestions reveal the schema (formatError cuts them on every transport).
    hideSchemaDetailsFromClientErrors: hidesSuggestions(config),
    includeStacktraceInErrorResponses: config.debugErrors,
    formatError: formatError(config.debugErrors, logger, hidesSuggestions(config)),
    // Our plugin logs each operation once; Apollo's own logger only speaks on startup problems.
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
}
