import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/context';
import type { CallerRateLimiter } from '../caller-rate-limit';
import { callerKey } from '../caller-rate-limit';
import { checkCost } from '../limits';

/** Each operation's cost points, for the response cache to charge again on a hit. */
export const operationCosts = new WeakMap<RequestContext, number>();

/** Cost check and per-caller points, once the operation is known (variables included). */
export function limitsPlugin(rateLimiter: CallerRateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const { config } = contextValue.services;
          const cost = checkCost(schema, document, request.variables, request.operationName, config.limits, config.defaultPageSize);
          operationCosts.set(contextValue, cost);
          await rateLimiter.consume(callerKey(contextValue.caller), cost);
        },
      };
    },
  };
}
