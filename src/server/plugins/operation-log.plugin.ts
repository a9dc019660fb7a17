import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { RequestContext } from '../../context/context';
import type { Logger } from '../../core/logger';

/** One structured line per operation: name, type, duration, upstream calls per vendor, error codes. */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = [...(errors ?? []), ...(body?.errors ?? [])].map((e) => e.extensions?.code).filter(Boolean);
          const operationType = operation?.operation ?? 'unknown';
          const span = trace.getActiveSpan();
          span?.updateName(`graphql ${operationType} ${operationName ?? '(anonymous)'}`);
          span?.setAttributes({ 'graphql.operation.type': operationType, 'graphql.operation.name': operationName ?? '' });
          const status = codes.length ? 'error' : 'ok';
          contextValue.services.metrics.graphqlRequests.inc({ operation_type: operationType, status });
          logger.info(
            {
              operationName: operationName ?? null,
              operationType,
              durationMs: Math.round(durationMs * 100) / 100,
              upstream: contextValue.scope.upstreamCalls,
              upstreamTotal: contextValue.scope.totalUpstreamCalls,
              errorCodes: [...new Set(codes)],
              caller: contextValue.caller.id,
              requestId: contextValue.scope.requestId,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
