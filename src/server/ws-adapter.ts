import type { IncomingMessage } from 'node:http';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../core/logger';

/** What each graphql-ws context keeps of its connection: the socket and the peer's address. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly remoteAddress: string | null;
}

/**
 * graphql-ws's protocol on a `ws` server, leaner per connection than graphql-ws's own `use/ws`
 * starter (which its docs invite copying): no keep-alive timers per socket (one sweep in ws.ts
 * pings every socket), no upgrade request kept for the connection's life (only the peer's
 * address), and sends without a completion callback each (order is kept by the socket; a
 * write error closes it). At ten thousand subscribers these are a few KB and two timers each.
 */
export function serveGraphQLWs<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, WsExtra>,
  wss: WebSocketServer,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  const onConnection = (socket: WebSocket, request: IncomingMessage) => {
    const fail = (error: unknown, what: string) => {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, what);
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    };
    socket.once('error', (error) => {
      // A frame past `maxPayload`: ws closes with 1009 itself; a refusal, not a server fault.
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return;
      fail(error, 'graphql-ws socket error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState === socket.OPEN) socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => fail(error, 'graphql-ws message handling failed'));
          }),
      },
      { socket, remoteAddress: request.socket.remoteAddress ?? null },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  };
  wss.on('connection', onConnection);
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.off('connection', onConnection);
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
