import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { SUITE, type BenchQuery } from './suite';

/**
 * `npm run bench`: runs the suite against the simulators on loopback with an injected vendor
 * latency (BENCH_LATENCY_MS, default 20) and writes bench/results/latest.json and latest.md.
 * Bounded: BENCH_ITERATIONS requests per query (default 50), sequential, loopback only.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
  const simulators = await startSimulators({ port: 0, faults: `*=latency:${latencyMs}`, live: false });
  const config = withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }), simulators);
  const server = await startServer(config, { logger: createLogger('silent'), metrics: createMetrics() });
  const results = [];
  try {
    for (const bench of SUITE) {
      process.stdout.write(`bench: ${bench.name} (${iterations} runs)\n`);
      results.push(await runOne(bench, server.url, simulators.controls, iterations, latencyMs));
    }
  } finally {
    await server.stop();
    await simulators.stop();
  }
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, latencyMs, iterations, results };
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), markdown(report));
  process.stdout.write(markdown(report));
}

type Controls = Awaited<ReturnType<typeof startSimulators>>['controls'];

async function runOne(bench: BenchQuery, url: string, controls: Controls, iterations: number, latencyMs: number) {
  const post = () =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: bench.query }) }).then(
      async (r) => {
        const body = (await r.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(`${bench.name} answered errors: ${JSON.stringify(body.errors)}`);
      },
    );
  await post(); // warm-up: credential flows and connection pools
  const calls: Record<string, number> = {};
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    Object.values(controls).forEach((c) => c?.resetCounts());
    const started = process.hrtime.bigint();
    await post();
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
    for (const [vendor, control] of Object.entries(controls)) if (control) calls[vendor] = control.total();
  }
  durations.sort((a, b) => a - b);
  const pick = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!;
  const floorMs = bench.criticalPath * latencyMs;
  const upstream = Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0));
  const minimum = Object.values(bench.minimumCalls).reduce((a, b) => a + b, 0);
  const actual = Object.values(upstream).reduce((a, b) => a + b, 0);
  return {
    name: bench.name,
    upstreamCalls: upstream,
    minimumCalls: bench.minimumCalls,
    ratioToMinimum: Math.round((actual / minimum) * 100) / 100,
    p50Ms: round(pick(0.5)),
    p99Ms: round(pick(0.99)),
    floorMs,
    p50OverFloorMs: round(pick(0.5) - floorMs),
    p99OverFloorMs: round(pick(0.99) - floorMs),
  };
}

function markdown(report: { date: string; latencyMs: number; iterations: number; results: Array<Record<string, unknown>> }): string {
  const rows = report.results.map(
    (r) =>
      `| ${r.name} | ${JSON.stringify(r.upstreamCalls)} | ${JSON.stringify(r.minimumCalls)} | ${r.ratioToMinimum} | ${r.p50Ms} | ${r.p99Ms} | ${r.floorMs} | ${r.p50OverFloorMs} | ${r.p99OverFloorMs} |`,
  );
  return [
    `# Benchmark ${report.date}`,
    '',
    `Injected vendor latency ${report.latencyMs} ms, ${report.iterations} sequential runs per query, loopback.`,
    '',
    '| query | upstream calls | minimum | ratio | p50 ms | p99 ms | floor ms | p50 over floor | p99 over floor |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
