import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics, type Metrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { checkFacts, checkSame } from './answer-check';
import { narrowestReads } from './narrowest';
import { minimumCalls, SUITE, type BenchQuery } from './suite';
import { post, resetCounts, sum, upstreamCalls, upstreamRoutes, type Controls } from './measure';
import { machine, markdownTable, percentile, round } from './report';

/**
 * The upstream efficiency suite (`npm run bench:suite`, step 1 of `npm run bench`): the suite
 * queries against the simulators on loopback (seeds, live generators off: the same answer on
 * every run) with an injected vendor latency (BENCH_LATENCY_MS, default 20), through the
 * gateway with its loaders and through a naive resolver set (no batching, no caching). Every
 * answer is checked: the screen's facts (bench/suite.ts) and the naive run's answer must match,
 * or the run stops. Counts calls and response bytes per vendor route and compares them with the
 * screen's cheapest plan. Both gateways run with IGTIMI_LIST_CACHE_MS=0 and
 * THINGSEE_LIST_CACHE_MS=0, so each query pays its own unpaged lists (what one screen load costs
 * cold; bench/growth-run.ts shows the shared lists).
 * Writes bench/results/latest.json and latest.md. Bounded: BENCH_ITERATIONS sequential requests
 * per query (default 50), loopback only.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
  const simulators = await startSimulators({ port: 0, faults: `*=latency:${latencyMs}`, live: false });
  const base = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0' };
  const metrics = createMetrics();
  const start = (env: Record<string, string>, own = createMetrics()) =>
    startServer(withSimulators(loadConfig({ ...base, ...env }), simulators), { logger: createLogger('silent'), metrics: own });
  const gateway = await start({}, metrics);
  const naive = await start({ NAIVE_LOADERS: 'true' });
  const narrowest = await narrowestReads(simulators);
  const results = [];
  try {
    for (const bench of SUITE) {
      process.stdout.write(`bench: ${bench.name} (${iterations} runs)\n`);
      const reference = await measure(bench, naive.url, simulators.controls, 1, null, null);
      checkFacts(`${bench.name} (naive)`, bench.expected, bench.facts(reference.answer));
      const measured = await measure(bench, gateway.url, simulators.controls, iterations, reference.answer, metrics);
      results.push(summarize(bench, measured, reference.calls, latencyMs, narrowest));
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

/**
 * `iterations` requests after a warm-up; every answer must equal `reference` (when given), and
 * the bytes the gateway counted must be the bytes the simulators sent.
 */
async function measure(bench: BenchQuery, url: string, controls: Controls, iterations: number, reference: unknown, metrics: Metrics | null) {
  await post(url, bench.name, bench.query); // warm-up: credential flows and connection pools
  let calls: Record<string, number> = {};
  let routes: ReturnType<typeof upstreamRoutes> = {};
  let answer: unknown = null;
  let answerBytes = 0;
  const walls: number[] = [];
  const overheads: number[] = [];
  for (let i = 0; i < iterations; i++) {
    resetCounts(controls);
    metrics?.vendorResponseBytes.reset();
    const result = await post(url, bench.name, bench.query);
    if (reference !== null) checkSame(bench.name, 'the naive run', reference, result.data);
    walls.push(result.wall);
    overheads.push(result.wall - result.upstream);
    calls = upstreamCalls(controls);
    routes = upstreamRoutes(controls);
    answer = result.data;
    answerBytes = Buffer.byteLength(JSON.stringify({ data: result.data }));
    if (metrics) await checkCountedBytes(bench.name, metrics, routes);
  }
  return { walls, overheads, calls, routes, answer, answerBytes };
}

/** The gateway's tributary_vendor_response_bytes_total must add up to what the simulators sent. */
async function checkCountedBytes(name: string, metrics: Metrics, routes: ReturnType<typeof upstreamRoutes>): Promise<void> {
  const counted = (await metrics.vendorResponseBytes.get()).values.reduce((total, value) => total + value.value, 0);
  const sent = Object.values(routes).reduce((total, byRoute) => total + Object.values(byRoute).reduce((n, r) => n + r.bytes, 0), 0);
  if (counted !== sent) throw new Error(`${name}: the gateway counted ${counted} response bytes where the simulators sent ${sent}`);
}

function summarize(bench: BenchQuery, measured: Awaited<ReturnType<typeof measure>>, naiveCalls: Record<string, number>, latencyMs: number, narrowest: Narrowest) {
  const minimum = minimumBytes(bench, measured.routes, narrowest);
  const bytes = Object.fromEntries(Object.entries(measured.routes).map(([vendor, byRoute]) => [vendor, Object.values(byRoute).reduce((n, r) => n + r.bytes, 0)]));
  const minimumCallsByVendor = minimumCalls(bench.minimumPlan);
  return {
    name: bench.name,
    description: bench.description,
    facts: bench.facts(measured.answer),
    answerBytes: measured.answerBytes,
    upstreamCalls: measured.calls,
    minimumCalls: minimumCallsByVendor,
    naiveCalls,
    ratioToMinimum: round(sum(measured.calls) / sum(minimumCallsByVendor)),
    upstreamBytes: bytes,
    minimumBytes: minimum,
    bytesRatio: minimum === null ? null : round(sum(bytes) / minimum),
    routes: measured.routes,
    p50Ms: round(percentile(measured.walls, 0.5)),
    p99Ms: round(percentile(measured.walls, 0.99)),
    floorMs: bench.criticalPath * latencyMs,
    p50OverheadMs: round(percentile(measured.overheads, 0.5)),
    p99OverheadMs: round(percentile(measured.overheads, 0.99)),
  };
}

type Narrowest = Awaited<ReturnType<typeof narrowestReads>>;

/**
 * The fewest bytes of the screen's cheapest plan: each planned route's calls × the bytes of one
 * such call, as answered in this run or, where the gateway asks more than the screen needs, as
 * its narrowest form answers (bench/narrowest.ts). Null when the gateway never called a planned
 * route (then its calls are not the plan's either, and the ratio column says so).
 */
function minimumBytes(bench: BenchQuery, routes: ReturnType<typeof upstreamRoutes>, narrowest: Narrowest): number | null {
  let total = 0;
  for (const [vendor, planned] of Object.entries(bench.minimumPlan)) {
    for (const [route, calls] of Object.entries(planned)) {
      const seen = routes[vendor]?.[route];
      if (!seen || seen.calls === 0) return null;
      total += (narrowest[vendor]?.[route] ?? seen.bytes / seen.calls) * calls;
    }
  }
  return Math.round(total);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
