import 'reflect-metadata';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { startRawWs } from './baselines/raw-ws';

/**
 * The server side of one `npm run bench:live` row, in a fresh process so each row's memory is
 * its own: either the demo gateway (with its simulators, Igtimi live at 1 Hz) or the bare
 * WebSocket floor. Answers `{ url, sourceId }` once listening; on `{ stats: true }` collects
 * garbage and answers its memory, CPU, dropped events and upstream calls since the last ask.
 */
export interface LiveServerStats {
  rss: number;
  heapUsed: number;
  cpuMicros: number;
  dropped: number;
  upstream: number;
}

type Kind = 'gateway' | 'floor';

async function start(kind: Kind) {
  if (kind === 'floor') {
    const floor = await startRawWs();
    return { url: floor.url, sourceId: 'floor', dropped: async () => 0, upstream: () => 0 };
  }
  const simulators = await startSimulators({ port: 0, live: true });
  const config = withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', WS_MAX_SUBSCRIPTIONS: '10', SHED_EVENT_LOOP_DELAY_MS: '0' }), simulators);
  const metrics = createMetrics();
  const server = await startServer(config, { logger: createLogger('silent'), metrics });
  const sourceId = await firstBoat(server.url);
  const controls = Object.values(simulators.controls);
  return {
    url: server.url.replace(/^http/, 'ws'),
    sourceId,
    dropped: async () => (await metrics.liveEventsDropped.get()).values.reduce((sum, v) => sum + v.value, 0),
    upstream: () => {
      const total = controls.reduce((sum, c) => sum + (c?.total() ?? 0), 0);
      controls.forEach((c) => c?.resetCounts());
      return total;
    },
  };
}

async function firstBoat(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ devices(first: 50, filter: { vendors: [IGTIMI] }) { edges { node { id } } } }' }),
  });
  const body = (await response.json()) as { data?: { devices: { edges: Array<{ node: { id: string } }> } } };
  const id = body.data?.devices.edges[0]?.node.id;
  if (!id) throw new Error(`no Igtimi device in the demo: ${JSON.stringify(body).slice(0, 300)}`);
  return id;
}

process.once('message', (kind: Kind) => {
  void start(kind).then(
    (running) => {
      let cpu = process.cpuUsage();
      process.on('message', (message: { stats?: boolean }) => {
        if (!message.stats) return;
        // Retained memory, not garbage not yet collected (the process runs with --expose-gc).
        global.gc?.();
        const used = process.cpuUsage(cpu);
        cpu = process.cpuUsage();
        void running.dropped().then((dropped) => {
          const { rss, heapUsed } = process.memoryUsage();
          const stats: LiveServerStats = { rss, heapUsed, cpuMicros: used.user + used.system, dropped, upstream: running.upstream() };
          process.send?.({ stats });
        });
      });
      process.send?.({ url: running.url, sourceId: running.sourceId });
    },
    (error: unknown) => {
      process.send?.({ error: error instanceof Error ? error.message : String(error) });
    },
  );
});
process.on('disconnect', () => process.exit(0));
