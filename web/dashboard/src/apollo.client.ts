import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation, relayStylePagination } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import shipped from '../../../schema/possible-types.json';

/**
 * Apollo Client as a front-end would set it up against Tributary: queries over HTTP, live data
 * over graphql-ws on the same URL, the shipped possible types (so fragments on the unified
 * interfaces match) and Relay pagination for the merged lists.
 */
export function createApolloClient(origin: string = window.location.origin): ApolloClient {
  const http = new HttpLink({
    uri: `${origin}/graphql`,
    // A live screen wants the vendors' current answer, not the gateway's 5-second response cache.
    headers: { 'cache-control': 'no-cache' },
  });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${origin.replace(/^http/, 'ws')}/graphql`,
      // Keep reconnecting through gateway restarts; subscriptions resume on reconnect.
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      lazy: true,
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), ws, http),
    cache: new InMemoryCache({
      possibleTypes: shipped.possibleTypes,
      typePolicies: {
        // One status per vendor: vendorStatusChanged events update the `vendors` list in place.
        VendorStatus: { keyFields: ['vendor'] },
        Query: {
          fields: {
            devices: relayStylePagination(['filter']),
            things: relayStylePagination(['filter']),
            groups: relayStylePagination(['filter']),
          },
        },
      },
    }),
  });
}
