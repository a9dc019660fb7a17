import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The floor for live fan-out: a bare `ws` server speaking just enough of graphql-ws's protocol
 * (init → ack, subscribe, complete, ping → pong) and sending every subscriber the same
 * measurement on each whole second — no GraphQL, no live layer, no vendor. What the gateway
 * costs on top of this is its own; what this costs is the machine's (a socket write per
 * subscriber and event).
 */
export async function startRawWs(): Promise<{ url: string; stop: () => Promise<void> }> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false) });
  const subscribers = new Map<WebSocket, Set<string>>();
  wss.on('connection', (socket) => {
    const ids = new Set<string>();
    subscribers.set(socket, ids);
    socket.on('close', () => subscribers.delete(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'subscribe' && message.id) ids.add(message.id);
      else if (message.type === 'complete' && message.id) ids.delete(message.id);
    });
  });

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const time = new Date(Math.round(Date.now() / 1000) * 1000).toISOString();
    for (const [socket, ids] of subscribers) {
      for (const id of ids) socket.send(JSON.stringify({ id, type: 'next', payload: { data: { measurements: { time } } } }));
    }
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(tick, 1000 - (Date.now() % 1000));
  };
  schedule();

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    async stop() {
      clearTimeout(timer);
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
