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
        async willSendResponse({ request, response, operation, operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          // Asked for by benchmarks: the operation's own time beside the vendors' share of it.
          if (request.http?.headers.get('x-tributary-timing') && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, timing: { durationMs, upstreamMs: contextValue.scope.upstreamMs } };
          }
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = [...(errors ?? []), ...(body?.errors ?? [])].map((e) => e.extensions?.code).filter(Boolean);
          const operationType = operation?.operation ?? 'unknown';
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
        },
      };
    },
  };
}
