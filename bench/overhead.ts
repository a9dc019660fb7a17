import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { checkSame } from './answer-check';
import { REST_GLUE_SCREEN, startRestGlue } from './baselines/rest-glue';
import { post } from './measure';
import type { OverheadJob } from './overhead-client';
import { SUITE } from './suite';

/**
 * `npm run bench:overhead`: the gateway's latency over the floor (critical path × injected
 * vendor latency) at half of each suite query's saturating rate. Three processes: simulators
 * (with SIM_FAULTS latency, seeds, live generators off), the gateway (response cache off: every
 * request executes), and the load client, which checks every answer. BENCH_REPEAT rounds over
 * every query (default 3) give the spread. Writes bench/results/overhead.json and .md.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const register = ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')];
  const simulatorsProcess = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: register, env: { ...process.env, SIM_FAULTS: `*=latency:${latencyMs}` } });
  const wiring = await new Promise<SimulatorWiring>((resolve) => simulatorsProcess.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const config = withSimulators(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', RESPONSE_CACHE_MAX_AGE: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', MAX_IN_FLIGHT: '100000', SHED_EVENT_LOOP_DELAY_MS: '0' }),
    wiring,
  );
  const gateway = await startServer(config, { logger: createLogger('silent'), metrics: createMetrics() });
  const glue = await startRestGlue(wiring).catch(async (error: unknown) => {
    await gateway.stop();
    simulatorsProcess.disconnect();
    throw error;
  });
  const job: OverheadJob = {
    url: gateway.url,
    latencyMs,
    saturateSeconds: Number(process.env.BENCH_SATURATE_SECONDS ?? 3),
    measureSeconds: Number(process.env.BENCH_SECONDS ?? 5),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 64),
    rounds: Number(process.env.BENCH_REPEAT ?? 3),
    queries: SUITE.flatMap(({ name, query, criticalPath }) => [
      { name, screen: name, query, criticalPath },
      // The floor for a Node service on this machine: the same screen with no gateway at all, at
      // half its own saturating rate and at the gateway's rate (a lower rate costs more per request).
      ...(name === REST_GLUE_SCREEN
        ? [
            { name: `${name} (hand-written REST glue)`, screen: name, query, criticalPath, url: glue.url },
            { name: `${name} (hand-written REST glue at Tributary's rate)`, screen: name, query, criticalPath, url: glue.url, rateOf: name },
          ]
        : []),
    ]),
  };
  try {
    const glueScreen = SUITE.find((s) => s.name === REST_GLUE_SCREEN)!;
    const dataOf = async (url: string) => (await post(url, REST_GLUE_SCREEN, glueScreen.query)).data;
    checkSame(REST_GLUE_SCREEN, "Tributary's answer", await dataOf(gateway.url), await dataOf(glue.url));
    const client = fork(join(__dirname, 'overhead-client.ts'), [], { execArgv: register });
    const answer = await new Promise<{ rows?: Array<Record<string, number | string>>; error?: string }>((resolve) => {
      client.once('message', resolve);
      client.send(job);
    });
    if (!answer.rows) throw new Error(answer.error ?? 'the load client answered nothing');
    write(answer.rows, latencyMs, job);
  } finally {
    await glue.stop();
    await gateway.stop();
    simulatorsProcess.disconnect();
  }
}

function write(rows: Array<Record<string, number | string>>, latencyMs: number, job: OverheadJob): void {
  const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', ...job, url: undefined, queries: undefined, rows };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'overhead.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Overhead over the floor ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; injected vendor latency ${latencyMs} ms; simulators, gateway (response cache off) and load client in three processes;`,
    `saturating rate with ${job.concurrency} requests in flight for ${job.saturateSeconds} s, then ${job.measureSeconds} s open-loop at half of it. Saturating counts answers only: the load shedder's 503 refusals are counted apart.`,
    'Overhead = wall time at the client minus the time the gateway waited on vendors (the union of its upstream calls, which it reports).',
    '',
    '| query | round | saturating req/s | refused while saturating | load req/s | floor ms | p50 ms | p99 ms | p50 overhead ms | p99 overhead ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.round} | ${r.saturatingRps} | ${r.refusedWhileSaturating} | ${r.loadRps} | ${r.floorMs} | ${r.p50Ms} | ${r.p99Ms} | ${r.p50OverheadMs} | ${r.p99OverheadMs} |`),
    '',
    `Spread over ${job.rounds} rounds (min–max):`,
    '',
    '| query | saturating req/s | p50 overhead ms | p99 overhead ms |',
    '|---|---|---|---|',
    ...spread(rows),
    '',
    'Targets: p50 overhead ≤ 1 ms, p99 ≤ 5 ms.',
    '',
    `"(hand-written REST glue)": the same screen answered with no gateway (bench/baselines/rest-glue.ts): the same two vendor calls, JSON.parse, a join, JSON.stringify; no GraphQL, validation, metrics or limits. Its overhead is the floor for any Node service on this machine,`,
    `at half its own saturating rate and, in the row "at Tributary's rate", at the load rate of the gateway's row just above it in the same round: at a lower rate every request finds colder caches and sleeping processes, so that row is the floor to compare the gateway with.`,
    '',
  ].join('\n');
  writeFileSync(join(out, 'overhead.md'), md);
  process.stdout.write(md);
}

function spread(rows: Array<Record<string, number | string>>): string[] {
  const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
  return [...new Set(rows.map((r) => String(r.name)))].map((name) => {
    const of = rows.filter((r) => r.name === name);
    const pick = (key: string) => range(of.map((r) => Number(r[key])));
    return `| ${name} | ${pick('saturatingRps')} | ${pick('p50OverheadMs')} | ${pick('p99OverheadMs')} |`;
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overhead failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
