import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export interface DrainOptions {
  /** How long the listener stays open, `/readyz` answering 503 `draining`, before anything closes. */
  graceMs: number;
  /** How long in-flight requests get once the listener is closed, before connections are cut. */
  timeoutMs: number;
  /** Closes every WebSocket with 1001 and ends their subscriptions; completes and ends every SSE stream. */
  closeStreams(): Promise<void>;
  /** Told of each WebSocket upgrade refused meanwhile (for the refusal counter). */
  onUpgradeRefused?: () => void;
}

/**
 * Drains that drain. The caller has already set its draining flag (so `/readyz` is 503 and new
 * HTTP operations are refused with 503). First a grace with the listener still open, so a load
 * balancer's probes see `draining` and stop sending; WebSocket upgrades are refused with 503
 * meanwhile. Then WebSockets close with 1001 and SSE streams complete, the listener closes, idle keep-alive connections
 * go, in-flight requests finish (cut after `timeoutMs`).
 */
export async function drainHttpServer(server: Server, options: DrainOptions): Promise<void> {
  server.removeAllListeners('upgrade');
  server.on('upgrade', (_req, socket) => {
    options.onUpgradeRefused?.();
    socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  if (options.graceMs > 0) await delay(options.graceMs);
  await options.closeStreams();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection that finishes its request later must not hold the close up.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), options.timeoutMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(cut);
}
