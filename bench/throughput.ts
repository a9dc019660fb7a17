import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startRawRest } from './baselines/raw-rest';
import { startStockApollo } from './baselines/stock-apollo';
import { machine, ratio, round } from './report';

/**
 * `npm run bench:throughput`: one suite query, on the same machine in one run, through
 * Tributary, through the stock Apollo baseline and through a raw `node:http` endpoint serving
 * the identical JSON. autocannon (a separate process) loads each for BENCH_SECONDS (default 5)
 * with 10 connections; the simulators run in their own process. Reports requests/s and CPU
 * per request (this process's CPU: the server under load is the only thing running in it), and
 * both as ratios Tributary ÷ baseline. Writes throughput.json / .md.
 */
const QUERY = '{ devices(first: 40, filter: { vendors: [IOTAAP] }) { totalCount edges { node { id name ... on IotaapDevice { group { name } } } } } }';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const child = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')] });
  const wiring = await new Promise<SimulatorWiring>((resolve) => child.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const configWith = (env: Record<string, string>) =>
    withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', ...env }), wiring);
  const config = configWith({});
  const body = JSON.stringify({ query: QUERY });
  const rows: Row[] = [];
  let answer = '';
  try {
    // Default settings: repeated queries are answered from the response cache (5 s).
    const cached = await startServer(config, { logger: createLogger('silent'), metrics: createMetrics() });
    answer = await (await fetch(cached.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
    rows.push({ server: 'Tributary (defaults: response cache on)', ...(await load(cached.url, body, seconds)) });
    await cached.stop();
    // Every request executed: the gateway's own work per operation.
    const uncached = await startServer(configWith({ RESPONSE_CACHE_MAX_AGE: '0' }), { logger: createLogger('silent'), metrics: createMetrics() });
    rows.push({ server: 'Tributary (RESPONSE_CACHE_MAX_AGE=0: every request executed)', ...(await load(uncached.url, body, seconds)) });
    await uncached.stop();
    const stock = await startStockApollo(config);
    rows.push({ server: 'stock Apollo + type-graphql (no loaders)', ...(await load(stock.url, body, seconds)) });
    await stock.stop();
    const raw = await startRawRest(answer);
    rows.push({ server: 'raw node:http, same JSON', ...(await load(raw.url, body, seconds)) });
    await raw.stop();
  } finally {
    child.disconnect();
  }
  const [tributary, uncached, stock, raw] = rows as [Row, Row, Row, Row];
  const report = {
    ...machine(),
    query: QUERY,
    seconds,
    rows,
    // Tributary ÷ baseline. requests/s: higher is better; CPU per request: lower is better.
    // From the unrounded totals, so a baseline's 0.02 ms does not round the ratio away.
    ratios: {
      vsStockApollo: ratio(tributary.requestsPerSecond / stock.requestsPerSecond),
      vsRawRest: ratio(tributary.requestsPerSecond / raw.requestsPerSecond),
      uncachedVsStockApollo: ratio(uncached.requestsPerSecond / stock.requestsPerSecond),
      uncachedVsRawRest: ratio(uncached.requestsPerSecond / raw.requestsPerSecond),
      cpuPerRequestVsStockApollo: ratio(cpuPerRequest(tributary) / cpuPerRequest(stock)),
      cpuPerRequestVsRawRest: ratio(cpuPerRequest(tributary) / cpuPerRequest(raw)),
      uncachedCpuPerRequestVsStockApollo: ratio(cpuPerRequest(uncached) / cpuPerRequest(stock)),
      uncachedCpuPerRequestVsRawRest: ratio(cpuPerRequest(uncached) / cpuPerRequest(raw)),
    },
  };
  const ratios = report.ratios;
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Throughput ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; autocannon, 10 connections, ${seconds} s each; simulators in their own process, no injected latency.`,
    '',
    '| server | requests/s | p50 ms | p99 ms | gateway CPU ms per request |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.server} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMsPerRequest} |`),
    '',
    'Ratios, Tributary ÷ baseline: requests/s (higher is better; targets ≥ 2× stock Apollo, ≥ 0.6× raw REST) and CPU per request (lower is better).',
    '',
    '| Tributary | requests/s ÷ stock Apollo | requests/s ÷ raw REST | CPU per request ÷ stock Apollo | CPU per request ÷ raw REST |',
    '|---|---|---|---|---|',
    `| defaults (response cache on) | **${ratios.vsStockApollo}×** | **${ratios.vsRawRest}×** | ${ratios.cpuPerRequestVsStockApollo}× | ${ratios.cpuPerRequestVsRawRest}× |`,
    `| every request executed (cache off) | **${ratios.uncachedVsStockApollo}×** | **${ratios.uncachedVsRawRest}×** | ${ratios.uncachedCpuPerRequestVsStockApollo}× | ${ratios.uncachedCpuPerRequestVsRawRest}× |`,
    '',
  ].join('\n');
  writeFileSync(join(out, 'throughput.md'), md);
  process.stdout.write(md);
}

interface Row {
  server: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** Requests answered and CPU ms spent in the measured run, for exact ratios. */
  requests: number;
  cpuMs: number;
}

function cpuPerRequest(row: Row): number {
  return row.cpuMs / Math.max(1, row.requests);
}

/** One warm-up second (JIT, pools, caches), then the measured run. */
async function load(url: string, body: string, seconds: number): Promise<Omit<Row, 'server'>> {
  await autocannon(url, body, 1);
  const cpuBefore = process.cpuUsage();
  const result = await autocannon(url, body, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: round(cpuMs / Math.max(1, result.requests.total)),
    requests: result.requests.total,
    cpuMs: round(cpuMs),
  };
}

function autocannon(url: string, body: string, seconds: number) {
  return new Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number } }>((resolve, reject) => {
    const bin = join(__dirname, '..', 'node_modules', '.bin', 'autocannon');
    const proc = spawn(bin, ['-j', '-c', '10', '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}`))));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:throughput failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
