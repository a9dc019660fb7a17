/**
 * One simulator on node:http: the vendor's routes under its base path, fault injection and
 * request counts in front of them, and a control surface at `/__sim/*` that is never
 * faulted nor counted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFaultInjector, NO_FAULTS, validateFaults, type FaultInjector } from './faults';
import { jsonResponse, readRequest, sendResponse, type SimResponse } from './request';
import { NOT_FOUND, type Router } from './router';
import type { Faults, SimulatorControl } from './simulator.types';

export interface SimulatorServerOptions {
  /** Names the simulator; also seeds its error-rate PRNG. */
  name: string;
  /** Prefix of the vendor's routes, e.g. `/v1`; `''` for none. */
  basePath: string;
  router: Router;
  /** Faults in force from the start. @default no faults */
  faults?: Faults;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
}

export interface SimulatorServer {
  /** The listening server, for WebSocket upgrade handlers. */
  server: import('node:http').Server;
  /** Base URL including the base path, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** Scheme, host and port, e.g. `http://127.0.0.1:PORT`. */
  origin: string;
  control: SimulatorControl;
  /** Closes the server, destroying open keep-alive sockets and cutting short pending latency. */
  stop(): Promise<void>;
}

/** Starts one simulator and resolves once it listens. */
export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const basePath = normalizeBasePath(options.basePath);
  const host = options.host ?? '127.0.0.1';
  const faults = createFaultInjector(options.name, options.faults ?? NO_FAULTS);
  const counts = new Map<string, number>();
  const bytes = new Map<string, number>();
  // Aborted on stop so a latency fault does not keep the process (or jest) alive.
  const stopping = new AbortController();
  // Every request delayed by a latency fault listens on this one signal; many at once is normal.
  setMaxListeners(0, stopping.signal);

  const control: SimulatorControl = {
    counts: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
    bytes: () => Object.fromEntries(bytes),
    resetCounts: () => {
      counts.clear();
      bytes.clear();
    },
    setFaults: (changes) => faults.set(changes),
    clearFaults: () => faults.clear(),
  };

  const context: RequestContext = { basePath, router: options.router, faults, control, counts, bytes, signal: stopping.signal };
  const server = createServer((req, res) => {
    handle(context, req, res).catch(() => {
      // The client went away mid-request (or mid-answer): nothing is left to answer.
      req.socket.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    server,
    url: `${origin}${basePath}`,
    origin,
    control,
    // Idempotent: a test's own stop and the afterAll drain may both call it.
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        stopping.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

// Private:

interface RequestContext {
  basePath: string;
  router: Router;
  faults: FaultInjector;
  control: SimulatorControl;
  counts: Map<string, number>;
  /** Response body bytes per route key. */
  bytes: Map<string, number>;
  signal: AbortSignal;
}

const CONTROL_PREFIX = '/__sim/';

async function handle(context: RequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const relativePath = stripBasePath(url.pathname, context.basePath);

  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    const request = await readRequest(req, url.pathname, url.searchParams);
    sendResponse(res, request.problem ?? controlAnswer(context, request.method, url.pathname, request.body));
    return;
  }

  const request = await readRequest(req, relativePath ?? url.pathname, url.searchParams);
  const match = relativePath === undefined ? undefined : context.router.match(request.method, relativePath);
  const key = match?.key ?? `${request.method} <unmatched>`;
  context.counts.set(key, (context.counts.get(key) ?? 0) + 1);

  // Decide before the latency so `down` set during the wait does not change this answer.
  const answer = context.faults.verdict(request.method) ?? request.problem;
  const { latencyMs } = context.faults.current();
  if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: context.signal }).catch(() => undefined);
  if (res.destroyed) return;
  const sent = sendResponse(res, answer ?? (match ? await match.run(request) : NOT_FOUND));
  context.bytes.set(key, (context.bytes.get(key) ?? 0) + sent);
}

function controlAnswer(context: RequestContext, method: string, path: string, body: unknown): SimResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__sim/counts':
      return jsonResponse(200, { counts: context.control.counts(), total: context.control.total() });
    case 'DELETE /__sim/counts':
      context.control.resetCounts();
      return { status: 204 };
    case 'PUT /__sim/faults':
      try {
        context.faults.set(validateFaults(body));
      } catch (error) {
        return jsonResponse(400, { message: (error as Error).message });
      }
      return { status: 204 };
    case 'DELETE /__sim/faults':
      context.faults.clear();
      return { status: 204 };
    default:
      return NOT_FOUND;
  }
}

/** The path relative to `basePath` (always starting with `/`), or `undefined` when outside it. */
function stripBasePath(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  return pathname.slice(basePath.length) || '/';
}

function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/')) {
    throw new Error(`Simulator basePath must start with '/' (or be ''), but got: ${basePath}`);
  }
  return trimmed;
}
