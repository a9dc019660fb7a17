import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { leaveOver } from './leftovers';

/** A graphql-ws client on the gateway's WebSocket endpoint, disposed with the leftovers. */
export function wsClient(url: string, connectionParams: Record<string, unknown> = {}): Client {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  leaveOver(() => client.dispose());
  return client;
}

/** Subscribes with a typed document; `next()` awaits the next result, `close()` unsubscribes. */
export function subscribe<TData, TVars extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVars>,
  variables?: TVars,
) {
  const iterator = client.iterate<TData>({ query: print(document), variables });
  leaveOver(() => iterator.return?.());
  return {
    async next(timeoutMs = 10_000): Promise<FormattedExecutionResult<TData, unknown>> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error('subscription completed');
        return result.value;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => iterator.return?.(),
  };
}
