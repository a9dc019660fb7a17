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
          const { body } = response;
          const single = body.kind === 'single';
          const header = answerCachePolicy(cache, contextValue, { mutation, maxAge, operationName: operationName ?? null, errors: single ? body.singleResult.errors : undefined, single });
          if (header) response.http.headers.set('cache-control', header);
        },
      };
    },
  };
}

export interface AnsweredOperation {
  mutation: boolean;
  /** The operation's max age by its hints (`operationMaxAge`), 0 for a mutation. */
  maxAge: number;
  operationName: string | null;
  /** The errors of the single result being sent. */
  errors: readonly unknown[] | undefined;
  /** False for an incremental answer. */
  single: boolean;
}

/**
 * The policy for one answered operation, whoever answered it (the plugin above, or
 * direct-answer.ts): a mutation empties the cache; a clean query answer with a max age is
 * allowed into it. Returns the `Cache-Control` value to send, or null to send none.
 */
export function answerCachePolicy(cache: AnswerCache | null, contextValue: RequestContext, { mutation, maxAge, operationName, errors, single }: AnsweredOperation): string | null {
  if (mutation) cache?.clear();
  const clean =
    single && !errors?.length && contextValue.partialErrors.length === 0 && Object.values(contextValue.scope.sources).every((s) => s?.status === 'OK' && s.cache !== 'STALE');
  if (!clean || maxAge <= 0) return single && !mutation ? 'no-store' : null;
  cache?.allow(contextValue.scope, { maxAgeSeconds: maxAge, operationName, cost: operationCosts.get(contextValue.scope) ?? 1 });
  return `private, max-age=${maxAge}`;
}
