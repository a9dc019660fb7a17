import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { SUITE, type BenchQuery } from './suite';
import { post, resetCounts, sum, upstreamCalls, type Controls } from './measure';
import { machine, markdownTable, percentile, round } from './report';

/**
 * The upstream efficiency suite (`npm run bench:suite`, step 1 of `npm run bench`): the suite
 * queries against the simulators on loopback with an injected vendor latency
 * (BENCH_LATENCY_MS, default 20), through the gateway with its loaders and through a naive
 * resolver set (no batching, no caching). Writes bench/results/latest.json and latest.md. Overhead here is per sequential run (wall time
 * minus the time the gateway waited on vendors); bench/overhead.ts measures it under load.
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
  try {
    for (const bench of SUITE) {
      process.stdout.write(`bench: ${bench.name} (${iterations} runs)\n`);
      const measured = await measure(bench, gateway.url, simulators.controls, iterations);
      const naiveCalls = (await measure(bench, naive.url, simulators.controls, 1)).calls;
      results.push(summarize(bench, measured, naiveCalls, latencyMs));
    }
  } finally {
    await Promise.all([gateway.stop(), naive.stop()]);
    await simulators.stop();
  }
  const report = { ...machine(), latencyMs, iterations, results };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), markdownTable(report));
  process.stdout.write(markdownTable(report));
}

async function measure(bench: BenchQuery, url: string, controls: Controls, iterations: number) {
  await post(url, bench.name, bench.query); // warm-up: credential flows and connection pools
  let calls: Record<string, number> = {};
  const walls: number[] = [];
  const overheads: number[] = [];
  for (let i = 0; i < iterations; i++) {
    resetCounts(controls);
    const { wall, upstream } = await post(url, bench.name, bench.query);
    walls.push(wall);
    overheads.push(wall - upstream);
    calls = upstreamCalls(controls);
  }
  return { walls, overheads, calls };
}

function summarize(bench: BenchQuery, measured: Awaited<ReturnType<typeof measure>>, naiveCalls: Record<string, number>, latencyMs: number) {
  return {
    name: bench.name,
    description: bench.description,
    upstreamCalls: measured.calls,
    minimumCalls: bench.minimumCalls,
    naiveCalls,
    ratioToMinimum: round(sum(measured.calls) / sum(bench.minimumCalls)),
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
