import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { SUITE, type BenchQuery } from './suite';
import { GROWTH } from './growth';
import { markdownTable, percentile, round } from './report';
import { measureStartup } from './startup';

/**
 * `npm run bench`: the query suite against the simulators on loopback with an injected vendor
 * latency (BENCH_LATENCY_MS, default 20), through the gateway with its loaders and through a
 * naive resolver set (no batching, no caching), then bench/results/latest.json and latest.md.
 * Overhead is measured per run: wall time minus the time the gateway spent waiting on vendors.
 * Bounded: BENCH_ITERATIONS sequential requests per query (default 50), loopback only.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
  const simulators = await startSimulators({ port: 0, faults: `*=latency:${latencyMs}`, live: false });
  const base = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0' };
  const start = (env: Record<string, string>) =>
    startServer(withSimulators(loadConfig({ ...base, ...env }), simulators), { logger: createLogger('silent'), metrics: createMetrics() });
  const gateway = await start({});
  const naive = await start({ NAIVE_LOADERS: 'true' });
  const results = [];
  const growth = [];
  try {
    for (const bench of SUITE) {
      process.stdout.write(`bench: ${bench.name} (${iterations} runs)\n`);
      const measured = await measure(bench, gateway.url, simulators.controls, iterations);
      const naiveCalls = (await measure(bench, naive.url, simulators.controls, 1)).calls;
      results.push(summarize(bench, measured, naiveCalls, latencyMs));
    }
    for (const growthCase of GROWTH) {
      for (const n of growthCase.sizes) {
        const bench = { name: `${growthCase.name} n=${n}`, description: '', query: growthCase.query(n), minimumCalls: {}, criticalPath: 0 };
        const measured = await measure(bench, gateway.url, simulators.controls, 5);
        const calls = Object.values(measured.calls).reduce((a, b) => a + b, 0);
        growth.push({ name: growthCase.name, n, calls, minimum: growthCase.minimum(n), p50Ms: round(percentile(measured.walls, 0.5)) });
      }
    }
  } finally {
    await Promise.all([gateway.stop(), naive.stop()]);
    await simulators.stop();
  }
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const startup = await measureStartup();
  const os = require('node:os') as typeof import('node:os');
  const report = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', latencyMs, iterations, results, growth, startup };
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), markdownTable(report));
  process.stdout.write(markdownTable(report));
}

type Controls = Awaited<ReturnType<typeof startSimulators>>['controls'];

async function measure(bench: BenchQuery, url: string, controls: Controls, iterations: number) {
  const post = async () => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tributary-timing': '1' },
      body: JSON.stringify({ query: bench.query }),
    });
    const body = (await response.json()) as { errors?: unknown[]; extensions?: { timing?: { upstreamMs: number } } };
    const wall = performance.now() - started;
    if (body.errors) throw new Error(`${bench.name} answered errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return { wall, upstream: body.extensions?.timing?.upstreamMs ?? 0 };
  };
  await post(); // warm-up: credential flows and connection pools
  let calls: Record<string, number> = {};
  const walls: number[] = [];
  const overheads: number[] = [];
  for (let i = 0; i < iterations; i++) {
    Object.values(controls).forEach((c) => c?.resetCounts());
    const { wall, upstream } = await post();
    walls.push(wall);
    overheads.push(wall - upstream);
    calls = Object.fromEntries(Object.entries(controls).flatMap(([vendor, c]) => (c && c.total() > 0 ? [[vendor, withoutAuth(c.counts())]] : [])));
  }
  return { walls, overheads, calls };
}

/** Credential flows run once per process, not per query: they are not the query's cost. */
function withoutAuth(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([route]) => !/auth|token|login|appkey|oauthkey|sesskey/i.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

function summarize(bench: BenchQuery, measured: Awaited<ReturnType<typeof measure>>, naiveCalls: Record<string, number>, latencyMs: number) {
  const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    name: bench.name,
    description: bench.description,
    upstreamCalls: measured.calls,
    minimumCalls: bench.minimumCalls,
    naiveCalls,
    ratioToMinimum: round(total(measured.calls) / total(bench.minimumCalls)),
    p50Ms: round(percentile(measured.walls, 0.5)),
    p99Ms: round(percentile(measured.walls, 0.99)),
    floorMs: bench.criticalPath * latencyMs,
    p50OverheadMs: round(percentile(measured.overheads, 0.5)),
    p99OverheadMs: round(percentile(measured.overheads, 0.99)),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
