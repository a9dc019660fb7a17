import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { RequestContext } from '../../context/context';

/**
 * Tells clients how each vendor served the operation:
 * `extensions.sources.<VENDOR> = { status, latencyMs, cache: HIT|MISS|STALE, staleAgeMs?, calls, attempts, fetchedAt? }`
 * (status: the final outcome after retries; `attempts - calls` retries were needed),
 * so a screen can say "showing data from 3 minutes ago" when a vendor is down.
 */
export function sourcesPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') addSources(response.body.singleResult, contextValue);
        },
      };
    },
  };
}

/** `extensions.sources` on a result about to be sent (the plugin above, or direct-answer.ts). */
export function addSources(result: FormattedExecutionResult, contextValue: RequestContext): void {
  if (Object.keys(contextValue.scope.sources).length === 0) return;
  result.extensions = { ...result.extensions, sources: contextValue.scope.sources };
}
