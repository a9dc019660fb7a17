import { createClient, type Client } from 'graphql-sse';

/**
 * A graphql-sse client for clients without WebSocket: Tributary serves Server-Sent Events at
 * `/graphql/stream` (distinct connections mode, graphql-sse's default).
 */
export function createTributarySseClient(origin: string, apiKey?: string): Client {
  return createClient({
    url: `${origin}/graphql/stream`,
    headers: apiKey ? { 'x-api-key': apiKey } : {},
  });
}
