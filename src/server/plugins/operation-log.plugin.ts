import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { FormattedExecutionResult, GraphQLError, GraphQLFormattedError, OperationTypeNode } from 'graphql';
import type { RequestContext } from '../../context/context';
import type { Logger } from '../../core/logger';

/** One structured line per operation: name, type, duration, upstream calls per vendor, error codes. */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      // From the context's creation: the direct path may have executed before Apollo started.
      const startedAt = (contextValue.startedAt as bigint | undefined) ?? process.hrtime.bigint();
      return {
        async willSendResponse({ request, response, operation, operationName, errors }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          logOperation(logger, contextValue, { startedAt, request, result, operationType: operation?.operation, operationName: operationName ?? null, errors });
        },
      };
    },
  };
}

export interface FinishedOperation {
  /** `process.hrtime.bigint()` when the operation started. */
  startedAt: bigint;
  request: Pick<GraphQLRequest, 'http'>;
  /** The single result about to be sent (null for an incremental one). */
  result: FormattedExecutionResult | null;
  operationType: OperationTypeNode | undefined;
  operationName: string | null;
  /** Errors Apollo met before or during execution. */
  errors?: readonly GraphQLError[] | undefined;
}

/**
 * The end of an operation, whoever answered it (the plugin above, or direct-answer.ts): the
 * timing extension when asked for, the span's name, the counter and the log line.
 */
export function logOperation(logger: Logger, contextValue: RequestContext, { startedAt, request, result, operationType: type, operationName, errors }: FinishedOperation): void {
  const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  // Asked for by benchmarks: the operation's own time beside the vendors' share of it.
  if (request.http?.headers.get('x-tributary-timing') && result) {
    result.extensions = { ...result.extensions, timing: { durationMs, upstreamMs: contextValue.scope.upstreamMs } };
  }
  const codes = [...(errors ?? []), ...((result?.errors ?? []) as GraphQLFormattedError[])].map((e) => e.extensions?.code).filter(Boolean);
  const operationType = type ?? 'unknown';
  const span = trace.getActiveSpan();
  span?.updateName(`graphql ${operationType} ${operationName ?? '(anonymous)'}`);
  span?.setAttributes({ 'graphql.operation.type': operationType, 'graphql.operation.name': operationName ?? '' });
  const status = codes.length ? 'error' : 'ok';
  contextValue.services.metrics.graphqlRequests.inc({ operation_type: operationType, status });
  // The line's fields cost work of their own (the upstream time sorts every call's span).
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      operationName: operationName ?? null,
      operationType,
      durationMs: Math.round(durationMs * 100) / 100,
      upstream: contextValue.scope.upstreamCalls,
      upstreamTotal: contextValue.scope.totalUpstreamCalls,
      upstreamMs: Math.round(contextValue.scope.upstreamMs * 100) / 100,
      errorCodes: [...new Set(codes)],
      caller: contextValue.caller.id,
      requestId: contextValue.scope.requestId,
    },
    'graphql operation',
  );
}
