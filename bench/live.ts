import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { percentile, round } from './report';

/**
 * `npm run bench:live`: N graphql-ws subscribers (BENCH_LIVE_SUBSCRIBERS, default "1000";
 * the targets are 1000,5000,10000) on one Igtimi boat's 1 Hz stream in the demo, on
 * loopback. Measures fan-out latency, gateway RSS per subscriber, gateway CPU, dropped events
 * and upstream requests per second; writes bench/results/live.json and live.md.
 */
async function main(): Promise<void> {
  const sizes = (process.env.BENCH_LIVE_SUBSCRIBERS ?? '1000').split(',').map(Number);
  const durationMs = Number(process.env.BENCH_LIVE_SECONDS ?? 10) * 1000;
  const simulators = await startSimulators({ port: 0, live: true });
  const config = withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', WS_MAX_SUBSCRIPTIONS: '10' }), simulators);
  const metrics = createMetrics();
  const server = await startServer(config, { logger: createLogger('silent'), metrics });
  const rows = [];
  try {
    const sourceId = await firstBoat(server.url);
    for (const subscribers of sizes) {
      process.stdout.write(`bench:live: ${subscribers} subscribers for ${durationMs / 1000} s\n`);
      rows.push(await runOnce(server.url.replace(/^http/, 'ws'), subscribers, sourceId, durationMs, metrics, simulators.controls));
    }
  } finally {
    await server.stop();
    await simulators.stop();
  }
  const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, durationMs, rows };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'live.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Live fan-out ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} cores; one Igtimi boat at 1 Hz; subscribers in a separate process on loopback; ${durationMs / 1000} s measured per row.`,
    '',
    '| subscribers | events received | p50 fan-out ms | p99 fan-out ms | RSS per subscriber KB | gateway CPU % | dropped | upstream req/s | errors |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.subscribers} | ${r.events} | ${r.p50Ms} | ${r.p99Ms} | ${r.rssPerSubscriberKb} | ${r.cpuPercent} | ${r.dropped} | ${r.upstreamPerSecond} | ${r.errors} |`),
    '',
  ].join('\n');
  writeFileSync(join(out, 'live.md'), md);
  process.stdout.write(md);
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

type Controls = Awaited<ReturnType<typeof startSimulators>>['controls'];

async function runOnce(wsUrl: string, subscribers: number, sourceId: string, durationMs: number, metrics: ReturnType<typeof createMetrics>, controls: Controls) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const child = fork(join(__dirname, 'live-clients.ts'), [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')] });
  const droppedBefore = (await metrics.liveEventsDropped.get()).values.reduce((s, v) => s + v.value, 0);
  const ready = new Promise<void>((resolve) => child.on('message', (m: { ready?: boolean }) => m.ready && resolve()));
  const done = new Promise<{ latencies: number[]; errors: number }>((resolve) =>
    child.on('message', (m: { latencies?: number[]; errors: number }) => m.latencies && resolve(m as { latencies: number[]; errors: number })),
  );
  child.send({ wsUrl, subscribers, sourceId, name: 'sog', durationMs });
  await ready;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  // Retained memory, not garbage not yet collected (the script runs node with --expose-gc).
  global.gc?.();
  const rssWith = process.memoryUsage().rss;
  Object.values(controls).forEach((c) => c?.resetCounts());
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const result = await done;
  const elapsed = Date.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const upstream = Object.values(controls).reduce((sum, c) => sum + (c?.total() ?? 0), 0);
  const dropped = (await metrics.liveEventsDropped.get()).values.reduce((s, v) => s + v.value, 0) - droppedBefore;
  return {
    subscribers,
    events: result.latencies.length,
    p50Ms: round(percentile(result.latencies, 0.5)),
    p99Ms: round(percentile(result.latencies, 0.99)),
    rssPerSubscriberKb: round((rssWith - rssBefore) / 1024 / subscribers),
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / elapsed) * 100),
    dropped,
    upstreamPerSecond: round(upstream / (elapsed / 1000)),
    errors: result.errors,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:live failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
