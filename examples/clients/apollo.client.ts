import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
// Generated from the schema (graphql-codegen's fragment-matcher); ships as schema/possible-types.json.
import introspection from '../../schema/possible-types.json';
import { createTributaryWsClient } from './graphql-ws.client';

/**
 * Apollo Client 4 for Tributary: queries and mutations over HTTP, subscriptions over graphql-ws,
 * and a normalized cache that knows the schema's interfaces and pages Relay connections.
 */
export function createTributaryApolloClient(options: { url: string; wsUrl: string; apiKey?: string }): ApolloClient {
  const headers: Record<string, string> = options.apiKey ? { 'x-api-key': options.apiKey } : {};
  const http = new HttpLink({ uri: options.url, headers });
  const ws = new GraphQLWsLink(createTributaryWsClient(options.wsUrl, options.apiKey));
  return new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, ws, http),
    cache: new InMemoryCache({
      // Without it Apollo cannot tell that an IotaapDevice is a Device, and drops every field
      // selected through `... on Device` (or any other interface) without a word.
      possibleTypes: introspection.possibleTypes,
      typePolicies: {
        // Every list is a Relay connection; `fetchMore({ variables: { after } })` appends a page.
        // The filter is part of the key: each filter gets its own list.
        Query: {
          fields: {
            devices: relayStylePagination(['filter']),
            things: relayStylePagination(['filter']),
            groups: relayStylePagination(['filter']),
            sessions: relayStylePagination(['filter']),
            channels: relayStylePagination(['filter']),
            books: relayStylePagination(['filter']),
            alerts: relayStylePagination(['filter']),
          },
        },
        // Policies on an interface apply to every implementation (through possibleTypes).
        Group: { fields: { members: relayStylePagination() } },
      },
    }),
  });
}
