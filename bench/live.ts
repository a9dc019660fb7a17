import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { LiveClientsJob } from './live-clients';
import type { LiveServerStats } from './live-server';
import { percentile, round } from './report';

/**
 * `npm run bench:live`: N graphql-ws subscribers (BENCH_LIVE_SUBSCRIBERS, default
 * "1000,5000,10000") on one Igtimi boat's 1 Hz stream in the demo, on loopback, and the same N
 * on a bare WebSocket server sending the same frames (the floor: what the machine costs).
 * Each row runs in fresh processes: the server, and the subscribers. Measures fan-out latency,
 * server RSS and heap per subscriber, server CPU, dropped events and upstream requests per
 * second; writes bench/results/live.json and live.md.
 */
const REGISTER = ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')];

interface Row {
  server: 'gateway' | 'floor';
  subscribers: number;
  events: number;
  p50Ms: number;
  p99Ms: number;
  rssPerSubscriberKb: number;
  heapPerSubscriberKb: number;
  cpuPercent: number;
  dropped: number;
  upstreamPerSecond: number;
  errors: number;
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_LIVE_SUBSCRIBERS ?? '1000,5000,10000').split(',').map(Number);
  const durationMs = Number(process.env.BENCH_LIVE_SECONDS ?? 8) * 1000;
  const rows: Row[] = [];
  for (const subscribers of sizes) {
    for (const server of ['gateway', 'floor'] as const) {
      process.stdout.write(`bench:live: ${server}, ${subscribers} subscribers for ${durationMs / 1000} s\n`);
      rows.push(await runOnce(server, subscribers, durationMs));
    }
  }
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel, durationMs, rows };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'live.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Live fan-out ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${cpuModel}; one Igtimi boat at 1 Hz; each row in fresh processes (server; subscribers, one graphql-ws connection each) on loopback; ${durationMs / 1000} s measured per row.`,
    '"floor" is a bare `ws` server sending the same frame to every subscriber on each second: no GraphQL, no live layer.',
    '',
    '| server | subscribers | events received | p50 fan-out ms | p99 fan-out ms | RSS per subscriber KB | heap per subscriber KB | server CPU % | dropped | upstream req/s | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.server} | ${r.subscribers} | ${r.events} | ${r.p50Ms} | ${r.p99Ms} | ${r.rssPerSubscriberKb} | ${r.heapPerSubscriberKb} | ${r.cpuPercent} | ${r.dropped} | ${r.upstreamPerSecond} | ${r.errors} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(out, 'live.md'), md);
  process.stdout.write(md);
}

async function runOnce(kind: Row['server'], subscribers: number, durationMs: number): Promise<Row> {
  const server = fork(join(__dirname, 'live-server.ts'), [], { execArgv: ['--expose-gc', ...REGISTER] });
  const clients = fork(join(__dirname, 'live-clients.ts'), [], { execArgv: REGISTER });
  try {
    server.send(kind);
    const { url, sourceId } = await answer<{ url: string; sourceId: string }>(server, 'url');
    const stats = async () => {
      server.send({ stats: true });
      return (await answer<{ stats: LiveServerStats }>(server, 'stats')).stats;
    };
    const idle = await stats();
    const job: LiveClientsJob = { wsUrl: url, subscribers, sourceId, name: 'sog', durationMs, readyTimeoutMs: 120_000 };
    clients.send(job);
    await answer(clients, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const subscribed = await stats();
    const started = Date.now();
    clients.send({ measure: true });
    const result = await answer<{ latencies: number[]; errors: number }>(clients, 'latencies');
    const elapsed = Date.now() - started;
    const after = await stats();
    return {
      server: kind,
      subscribers,
      events: result.latencies.length,
      p50Ms: round(percentile(result.latencies, 0.5)),
      p99Ms: round(percentile(result.latencies, 0.99)),
      rssPerSubscriberKb: round((subscribed.rss - idle.rss) / 1024 / subscribers),
      heapPerSubscriberKb: round((subscribed.heapUsed - idle.heapUsed) / 1024 / subscribers),
      cpuPercent: round((after.cpuMicros / 1000 / elapsed) * 100),
      dropped: after.dropped - subscribed.dropped,
      upstreamPerSecond: round(after.upstream / (elapsed / 1000)),
      errors: result.errors,
    };
  } finally {
    clients.kill();
    server.kill();
  }
}

/** The child's next message that carries `key`; a message with `error`, or its exit, fails. */
function answer<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (key in message) done(() => resolve(message as T));
      else if ('error' in message) done(() => reject(new Error(String(message.error))));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`a benchmark process exited (${code}) before answering ${key}`)));
    const done = (settle: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:live failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
