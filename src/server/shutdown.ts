import type { Server } from 'node:http';
import type { Config } from '../config';
import type { ComposedServices } from './compose-services';
import type { Operations } from './compose-operations';
import { drainHttpServer } from './drain';

/** What the server closes, in the order it closes them. */
export interface ShutdownParts {
  config: Config;
  httpServer: Server;
  /** How long in-flight requests get once the listener is closed. */
  drainTimeoutMs: number;
  /** The streaming transports: every WebSocket (ws.ts) and SSE stream (sse.ts). */
  streams: ReadonlyArray<{ close(): Promise<void> }>;
  operations: Operations;
  composed: ComposedServices;
}

/**
 * The close order, once the caller has set its draining flag: the HTTP drain first (grace,
 * streams, in-flight requests; drain.ts), then Apollo, the live upstreams, the accounts store
 * (after the drain: a refresh in flight lands in the database before it closes), the vendor
 * pools, the loop-delay sampler and Redis last (every user above may still call it).
 */
export async function shutDown(parts: ShutdownParts): Promise<void> {
  const { config, httpServer, operations, composed } = parts;
  await drainHttpServer(httpServer, {
    graceMs: config.drainGraceMs,
    timeoutMs: parts.drainTimeoutMs,
    closeStreams: async () => void (await Promise.all(parts.streams.map((stream) => stream.close()))),
    onUpgradeRefused: () => operations.admission.metrics.refused('ws', 'draining'),
  });
  await operations.apollo.stop();
  await composed.services.live.close();
  await composed.accounts?.close();
  await composed.services.registry.close();
  operations.shedder.stop();
  composed.redisLink?.disconnect();
}
