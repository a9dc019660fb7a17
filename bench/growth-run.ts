import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { GROWTH_SIZES, PAGE_GROWTH, PAGE_LIMIT, VENDOR_STEPS, WALK_ENV, vendorQuery, type PageGrowthCase } from './growth';
import { growthMarkdown, type GrowthReport, type PageGrowthRow, type VendorGrowthRow } from './growth-report';
import { post, resetCounts, sum, upstreamBytes, upstreamCalls, type Answer, type Controls } from './measure';
import { machine, percentile, round } from './report';

/**
 * Cost growth (`npm run bench:growth`, a step of `npm run bench`): the cases of bench/growth.ts
 * against simulators seeded with 1000 devices per scalable vendor, injected vendor latency
 * BENCH_LATENCY_MS (default 20), gateway and simulators in this process on loopback. Each size
 * is walked BENCH_GROWTH_RUNS times (default 5); each vendor count is asked BENCH_GROWTH_VENDOR_RUNS
 * times (default 20). Sequential requests: this measures cost, not capacity. Writes
 * bench/results/growth.json and growth.md.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const runs = Number(process.env.BENCH_GROWTH_RUNS ?? 5);
  const vendorRuns = Number(process.env.BENCH_GROWTH_VENDOR_RUNS ?? 20);
  const seedDevices = Math.max(...GROWTH_SIZES);
  const pages: PageGrowthRow[] = [];
  const vendors: VendorGrowthRow[] = [];
  // The page walks run with the defaults (the shared unpaged lists included), but for WALK_ENV.
  await withGateway(latencyMs, seedDevices, WALK_ENV, async (url, controls) => {
    for (const growthCase of PAGE_GROWTH) {
      await post(url, growthCase.name, growthCase.query, { first: 1 }); // warm-up: credential flows, pools
      for (const n of GROWTH_SIZES) {
        process.stdout.write(`growth: ${growthCase.name}, ${n} devices (${runs} walks)\n`);
        pages.push(await walkRow(growthCase, n, runs, url, controls));
      }
    }
  });
  // The default seeds here: on the scaled ones Igtimi's unpaged device list alone is 1000
  // devices, and its size, not the vendor count, would set the latency.
  // Each vendor count is asked 20 times: without the shared lists, each pays its own.
  await withGateway(latencyMs, undefined, { IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0' }, async (url, controls) => {
    for (let count = 1; count <= VENDOR_STEPS.length; count++) {
      process.stdout.write(`growth: ${count} vendor(s) in one query (${vendorRuns} runs)\n`);
      vendors.push(await vendorRow(count, vendorRuns, latencyMs, url, controls));
    }
  });
  const report: GrowthReport = { ...machine(), latencyMs, seedDevices, runs, vendorRuns, pageLimit: PAGE_LIMIT, pages, vendors };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'growth.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'growth.md'), growthMarkdown(report));
  process.stdout.write(growthMarkdown(report));
}

/** Simulators (with `seedDevices`, or the default seeds) and a gateway over them, for `body`. */
async function withGateway(
  latencyMs: number,
  seedDevices: number | undefined,
  env: Record<string, string>,
  body: (url: string, controls: Controls) => Promise<void>,
): Promise<void> {
  const simulators = await startSimulators({ port: 0, faults: `*=latency:${latencyMs}`, live: false, seedDevices });
  try {
    const config = withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', ...env }), simulators);
    const gateway = await startServer(config, { logger: createLogger('silent'), metrics: createMetrics() });
    try {
      await body(gateway.url, simulators.controls);
    } finally {
      await gateway.stop();
    }
  } finally {
    await simulators.stop();
  }
}

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: unknown }>;
}

/** `n` devices as pages of at most PAGE_LIMIT, following `endCursor`, `runs` times. */
async function walkRow(growthCase: PageGrowthCase, n: number, runs: number, url: string, controls: Controls): Promise<PageGrowthRow> {
  const pageWalls: number[] = [];
  const walkWalls: number[] = [];
  // Per page, the most calls any run made: a page that sometimes costs more shows as such.
  let callsPerPage: number[] = [];
  let minimumPerPage: number[] = [];
  let devices = 0;
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    let walkBytes = 0;
    if (growthCase.coldStartMs) await sleep(growthCase.coldStartMs);
    let after: string | null = null;
    let seen = 0;
    let page = 0;
    let walk = 0;
    while (seen < n) {
      resetCounts(controls);
      const first = Math.min(PAGE_LIMIT, n - seen);
      const answer: Answer<Record<string, Connection>> = await post(url, growthCase.name, growthCase.query, { first, after });
      const connection: Connection = Object.values(answer.data)[0]!;
      const problem = connection.edges.length === 0 ? 'an empty page' : growthCase.check(connection.edges);
      if (problem) throw new Error(`${growthCase.name}, page ${page + 1} of ${n}: ${problem}`);
      const calls = sum(upstreamCalls(controls));
      walkBytes += upstreamBytes(controls);
      callsPerPage[page] = Math.max(callsPerPage[page] ?? 0, calls);
      minimumPerPage[page] = growthCase.minimumPerPage(connection.edges, page);
      pageWalls.push(answer.wall);
      walk += answer.wall;
      seen += connection.edges.length;
      page += 1;
      if (!connection.pageInfo.hasNextPage || connection.edges.length === 0) break;
      after = connection.pageInfo.endCursor;
    }
    walkWalls.push(walk);
    if (seen !== n) throw new Error(`${growthCase.name}: a walk of ${n} devices answered ${seen}`);
    devices = seen;
    bytes = Math.max(bytes, walkBytes);
    callsPerPage = callsPerPage.slice(0, page);
    minimumPerPage = minimumPerPage.slice(0, page);
  }
  const calls = callsPerPage.reduce((a, b) => a + b, 0);
  const minimum = minimumPerPage.reduce((a, b) => a + b, 0);
  return {
    name: growthCase.name,
    n,
    devices,
    pages: callsPerPage.length,
    calls,
    minimum,
    ratio: round(calls / minimum),
    callsPerPage,
    bytes,
    p50PageMs: round(percentile(pageWalls, 0.5)),
    p50WalkMs: round(percentile(walkWalls, 0.5)),
  };
}

/** One query over the first `count` vendors, asked `runs` times after a warm-up. */
async function vendorRow(count: number, runs: number, latencyMs: number, url: string, controls: Controls): Promise<VendorGrowthRow> {
  const query = vendorQuery(count);
  const name = `${count} vendor(s)`;
  await post(url, name, query); // warm-up
  const walls: number[] = [];
  let calls: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    resetCounts(controls);
    walls.push((await post(url, name, query)).wall);
    calls = upstreamCalls(controls);
  }
  const steps = VENDOR_STEPS.slice(0, count);
  const minimum = steps.reduce((total, step) => total + step.minimum, 0);
  return {
    vendors: steps.map((step) => step.vendor),
    calls,
    total: sum(calls),
    minimum,
    ratio: round(sum(calls) / minimum),
    // Every step has critical path 1: the floor is one injected latency for any count.
    floorMs: latencyMs,
    p50Ms: round(percentile(walls, 0.5)),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:growth failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
