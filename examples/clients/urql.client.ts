import { Client, cacheExchange as documentCacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import type { Client as WsClient } from 'graphql-ws';
import introspection from '../../schema/possible-types.json';

/**
 * urql with its defaults: a document cache, queries over GET (urql's default for queries
 * that fit in a URL), mutations over POST. Tributary takes GET queries with no extra header.
 */
export function createTributaryUrqlClient(url: string): Client {
  return new Client({ url, exchanges: [documentCacheExchange, fetchExchange] });
}

/**
 * urql with Graphcache, its normalized cache: pages of a connection merge into one list
 * (`relayPagination`), a mutation's answer updates every query showing that record, and
 * subscriptions travel over graphql-ws.
 */
export function createTributaryGraphcacheClient(options: { url: string; ws: WsClient; apiKey?: string }): Client {
  return new Client({
    url: options.url,
    fetchOptions: options.apiKey ? { headers: { 'x-api-key': options.apiKey } } : {},
    exchanges: [
      cacheExchange({
        // Matches fragments on interfaces exactly instead of guessing from the fields present.
        possibleTypes: introspection.possibleTypes,
        resolvers: {
          Query: {
            devices: relayPagination(),
            things: relayPagination(),
            groups: relayPagination(),
            sessions: relayPagination(),
            channels: relayPagination(),
            books: relayPagination(),
            alerts: relayPagination(),
          },
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = options.ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
