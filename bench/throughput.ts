import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { checkFacts, checkSame } from './answer-check';
import { startRawRest } from './baselines/raw-rest';
import { REST_GLUE_SCREEN, startRestGlue } from './baselines/rest-glue';
import { startStockApollo } from './baselines/stock-apollo';
import { machine, ratio, round } from './report';
import { SUITE, type BenchQuery } from './suite';
import { throughputMarkdown, type ThroughputRow } from './throughput-report';

/**
 * `npm run bench:throughput`: every suite screen, in one run on one machine, through Tributary
 * with every request executed (response cache off), through the stock Apollo baseline and
 * through a raw `node:http` endpoint serving the identical JSON (and, on the IoTaaP screen,
 * through hand-written REST glue making the same vendor calls: baselines/rest-glue.ts);
 * autocannon (its own process) loads each for BENCH_SECONDS (default 5) with 10 connections;
 * the simulators run in their own process with no injected latency and their live generators off. On the IoTaaP screen, also
 * each optimisation switched off alone (graphql-jit, simpleResolvers, direct answers, the response cache),
 * BENCH_REPEAT times interleaved (default 3) for the spread. Every server's answer is checked
 * (the screen's facts, and equal to Tributary's) before and after its load, and a load with a
 * non-2xx answer or a socket error fails the run. CPU per request is this process's CPU: the
 * server under load is the only thing running in it. Writes throughput.json / .md.
 */
const SPREAD_SCREEN = 'iotaap-devices-with-groups';

const VARIANTS: ReadonlyArray<{ server: string; env: Record<string, string> }> = [
  { server: 'Tributary, every request executed (response cache off)', env: { RESPONSE_CACHE_MAX_AGE: '0' } },
  { server: 'Tributary, executed, graphql-jit off (GRAPHQL_JIT=false)', env: { RESPONSE_CACHE_MAX_AGE: '0', GRAPHQL_JIT: 'false' } },
  { server: 'Tributary, executed, simpleResolvers off (LEAN_RESOLVERS=false)', env: { RESPONSE_CACHE_MAX_AGE: '0', LEAN_RESOLVERS: 'false' } },
  { server: "Tributary, executed, direct answers off, Apollo's pipeline for every answer (DIRECT_ANSWERS=false)", env: { RESPONSE_CACHE_MAX_AGE: '0', DIRECT_ANSWERS: 'false' } },
  { server: 'Tributary, defaults (response cache on)', env: {} },
];

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  const child = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')] });
  const wiring = await new Promise<SimulatorWiring>((resolve) => child.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const configWith = (env: Record<string, string>) =>
    withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', ...env }), wiring);
  const rows: ThroughputRow[] = [];
  try {
    const gateways = await Promise.all(VARIANTS.map((v) => startServer(configWith(v.env), { logger: createLogger('silent'), metrics: createMetrics() })));
    const stock = await startStockApollo(configWith({}));
    const glue = await startRestGlue(wiring);
    try {
      for (const bench of SUITE) {
        process.stdout.write(`throughput: ${bench.name}\n`);
        const reference = await answerOf(bench, gateways[0]!.url);
        checkFacts(bench.name, bench.expected, bench.facts(reference.data));
        const raw = await startRawRest(JSON.stringify(reference));
        const servers = [
          ...(bench.name === SPREAD_SCREEN ? VARIANTS.map((v, i) => ({ server: v.server, url: gateways[i]!.url })) : [{ server: VARIANTS[0]!.server, url: gateways[0]!.url }]),
          { server: 'stock Apollo + type-graphql (no loaders, stock resolvers)', url: stock.url },
          { server: 'raw node:http, same JSON', url: raw.url },
          ...(bench.name === REST_GLUE_SCREEN ? [{ server: 'hand-written REST glue: the same two vendor calls, no GraphQL, no validation', url: glue.url }] : []),
        ];
        // Interleaved rounds, so a noisy minute on a shared machine falls on every server alike.
        const rounds = bench.name === SPREAD_SCREEN ? repeat : 1;
        for (let round = 1; round <= rounds; round++) {
          // The baselines once: the spread is about Tributary's own settings.
          for (const { server, url } of servers.filter((s) => round === 1 || s.server.startsWith('Tributary'))) {
            rows.push({ screen: bench.name, server, round, ...(await load(bench, url, reference, seconds).catch(failedRow)) });
          }
        }
        await raw.stop();
      }
    } finally {
      await glue.stop();
      await stock.stop();
      await Promise.all(gateways.map((g) => g.stop()));
    }
  } finally {
    child.disconnect();
  }
  const failed = rows.filter((r) => r.failed);
  for (const row of failed) process.stderr.write(`bench:throughput: ${row.screen}, ${row.server}: ${row.failed}\n`);
  // The other rows are still written, the failed ones marked; the run exits non-zero.
  if (failed.length > 0) process.exitCode = 1;
  const report = { ...machine(), seconds, repeat, rows, ratios: ratios(rows) };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = throughputMarkdown(report);
  writeFileSync(join(out, 'throughput.md'), md);
  process.stdout.write(md);
}

/** Per screen, executed Tributary ÷ each baseline (first round): requests/s and CPU per request. */
function ratios(rows: ThroughputRow[]) {
  return SUITE.map(({ name }) => {
    const of = (prefix: string) => rows.find((r) => r.screen === name && r.round === 1 && r.server.startsWith(prefix))!;
    const [executed, stock, raw] = [of('Tributary, every request executed'), of('stock Apollo'), of('raw node:http')];
    const cpu = (row: ThroughputRow) => row.cpuMs / Math.max(1, row.requests);
    return {
      screen: name,
      rpsVsStockApollo: ratio(executed.requestsPerSecond / stock.requestsPerSecond),
      rpsVsRawRest: ratio(executed.requestsPerSecond / raw.requestsPerSecond),
      cpuVsStockApollo: ratio(cpu(executed) / cpu(stock)),
      cpuVsRawRest: ratio(cpu(executed) / cpu(raw)),
    };
  });
}

/**
 * One checked answer. A 503 (load shed while the event loop is still behind: servers just
 * started, or just loaded) is asked again for up to 10 s; anything else wrong throws.
 */
async function answerOf(bench: BenchQuery, url: string): Promise<{ data: unknown }> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: bench.query }) });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (response.status === 503 && attempt < 40) {
      await sleep(250);
      continue;
    }
    if (!response.ok || body.errors) throw new Error(`${bench.name} at ${url} answered HTTP ${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 300)}`);
    return { data: body.data };
  }
}

/** A row that measured nothing: no numbers, the reason instead. */
function failedRow(error: unknown): Omit<ThroughputRow, 'screen' | 'server' | 'round'> {
  return { requestsPerSecond: NaN, p50Ms: NaN, p99Ms: NaN, cpuMsPerRequest: NaN, requests: 0, cpuMs: NaN, failed: error instanceof Error ? error.message : String(error) };
}

/** The answer checked, one warm-up second (JIT, pools, caches), the measured run, the answer checked again. */
async function load(bench: BenchQuery, url: string, reference: { data: unknown }, seconds: number): Promise<Omit<ThroughputRow, 'screen' | 'server' | 'round'>> {
  const body = JSON.stringify({ query: bench.query });
  checkSame(bench.name, "Tributary's answer", reference.data, (await answerOf(bench, url)).data);
  await autocannon(url, body, 1);
  const cpuBefore = process.cpuUsage();
  const result = await autocannon(url, body, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${bench.name} at ${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  checkSame(bench.name, "Tributary's answer", reference.data, (await answerOf(bench, url)).data);
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
  return new Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>((resolve, reject) => {
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
