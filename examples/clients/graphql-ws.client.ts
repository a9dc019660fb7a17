import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client for Tributary's WebSocket endpoint (`ws://…/graphql`, the same path as
 * HTTP). The API key, when the gateway asks for one, goes in `connectionParams`: browsers
 * cannot set headers on a WebSocket.
 */
export function createTributaryWsClient(wsUrl: string, apiKey?: string): Client {
  return createClient({
    url: wsUrl,
    // Node 20 has no global WebSocket; in a browser (or Node 22+) leave this line out.
    webSocketImpl: WebSocket,
    connectionParams: apiKey ? { 'x-api-key': apiKey } : {},
  });
}
