import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { operationTokens } from '../context/caller-tokens';
import { RequestContext, vendorTokensFrom, type GatewayServices } from '../context/context';
import { buildTributarySchema } from '../schema/build-schema';
import { broadcastClears } from './answer-cache/answer-cache-broadcast';
import { AnswerCache } from './answer-cache/answer-cache';
import { AnswerCacheGate } from './answer-cache/answer-cache-gate';
import { createApollo } from './apollo';
import { DirectAnswers } from './direct-answer';
import { JitExecutor } from './jit-gateway';
import { CallerAuthenticator } from './caller-auth';
import { CallerRateLimiter } from './caller-rate-limit';
import type { LoopDelaySignal } from './event-loop-delay';
import { formatError } from './format-error';
import type { HttpGraphQL } from './graphql-handler';
import { LoadShedder } from './load-shedder';
import { OperationAdmission } from './operation-admission';
import { OperationMetrics } from './operation-metrics';
import type { RedisLink } from './redis-link';
import type { FormatError } from './refusal-response';
import { hidesSuggestions } from './validation-rules';

/** What runs operations, shared by every transport. */
export interface Operations {
  schema: GraphQLSchema;
  admission: OperationAdmission;
  shedder: LoadShedder;
  apollo: ApolloServer<RequestContext>;
  formatError: FormatError;
  /** What the HTTP transport works with (graphql-handler.ts). */
  http: HttpGraphQL;
}

/**
 * Builds the one admission path (caller auth, the caller's budget, load shedding, document
 * checks), Apollo with its plugins, the error formatting every transport shares, and the HTTP
 * answer cache when RESPONSE_CACHE_MAX_AGE is above 0.
 */
export function composeOperations(config: Config, services: GatewayServices, redisLink: RedisLink | null, loopDelay?: LoopDelaySignal): Operations {
  const { logger, metrics } = services;
  const authenticator = new CallerAuthenticator(config.auth);
  const rateLimiter = new CallerRateLimiter(config.limits.callerPointsPerMinute, redisLink?.client ?? null, config.redisPrefix, {
    mode: config.callerBudgetOnRedisError,
    logger,
    onFallback: () => redisLink?.fellBack('caller-budget'),
  });
  const shedder = new LoadShedder({ maxInFlight: config.maxInFlight, maxLoopDelayMs: config.shedEventLoopDelayMs, loopDelay });
  const schema = buildTributarySchema({ leanResolvers: config.leanResolvers });
  const answerCache = config.responseCache.maxAgeSeconds > 0 ? new AnswerCache(config.responseCache.maxBytes) : null;
  if (answerCache && redisLink) broadcastClears(answerCache, redisLink, config.redisPrefix);
  const admission = new OperationAdmission(schema, config, rateLimiter, authenticator, shedder, new OperationMetrics(metrics, config.metricsOperationNames));
  const jit = config.graphqlJit ? new JitExecutor(schema) : null;
  const apollo = createApollo(schema, config, logger, answerCache, admission.rules, undefined, jit);
  const format = formatError(config.debugErrors, logger, hidesSuggestions(config));
  const http: HttpGraphQL = {
    apollo,
    admission,
    bodyLimit: config.bodyLimitBytes,
    upload: { maxFileBytes: config.upload.maxFileBytes, maxFiles: config.upload.maxFiles, maxFieldBytes: config.bodyLimitBytes },
    direct: jit && config.directAnswers ? new DirectAnswers(jit, schema, answerCache, config.responseCache.maxAgeSeconds, logger) : null,
    cacheGate: answerCache ? new AnswerCacheGate(answerCache, rateLimiter, logger, metrics) : null,
    formatError: format,
    createContext: async (req, caller, requestId) => {
      const { tokens, renewals, relinkRequired } = await operationTokens(services, caller, vendorTokensFrom((name) => req.headers[name]));
      const context = new RequestContext(services, caller, tokens, relinkRequired, renewals);
      context.scope.requestId = requestId;
      return context;
    },
  };
  return { schema, admission, shedder, apollo, formatError: format, http };
}
