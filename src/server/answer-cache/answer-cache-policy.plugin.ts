import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/context';
import { operationMaxAge } from './answer-cache-policy';
import type { AnswerCache } from './answer-cache';

/**
 * Each operation's cost points (set at admission), for the answer cache to charge again on a
 * hit; keyed by the operation's scope, which Apollo's per-request copy of the context shares.
 */
export const operationCosts = new WeakMap<object, number>();

/**
 * Decides per operation whether its answer may be reused and for how long: queries by their
 * `@cacheControl` hints, and only when they answered cleanly (no errors, no vendor served
 * stale). Says so in `Cache-Control`; a mutation empties the answer cache.
 */
export function answerCachePolicyPlugin(cache: AnswerCache | null, defaultMaxAge: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let maxAge = 0;
      let mutation = false;
      return {
        async didResolveOperation({ schema, document, operation, operationName }) {
          mutation = operation?.operation === 'mutation';
          maxAge = operationMaxAge(schema, document, operationName ?? null, defaultMaxAge);
        },
        async willSendResponse({ response, contextValue, operationName }) {
          if (mutation) cache?.clear();
          const clean =
            response.body.kind === 'single' &&
            !response.body.singleResult.errors?.length &&
            contextValue.partialErrors.length === 0 &&
            Object.values(contextValue.scope.sources).every((s) => s?.status === 'OK' && s.cache !== 'STALE');
          if (!clean || maxAge <= 0) {
            if (response.body.kind === 'single' && !mutation) response.http.headers.set('cache-control', 'no-store');
            return;
          }
          response.http.headers.set('cache-control', `private, max-age=${maxAge}`);
          cache?.allow(contextValue.scope, { maxAgeSeconds: maxAge, operationName: operationName ?? null, cost: operationCosts.get(contextValue.scope) ?? 1 });
        },
      };
    },
  };
}
