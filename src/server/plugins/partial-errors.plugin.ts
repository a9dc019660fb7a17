import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/context';

/**
 * Lists that merge vendors answer with the vendors that worked; the ones that failed are
 * reported here, beside the data, with their code and vendor.
 */
export function partialErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.partialErrors.length === 0) return;
          const result = response.body.singleResult;
          const extra = contextValue.partialErrors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }));
          result.errors = [...(result.errors ?? []), ...extra];
        },
      };
    },
  };
}
