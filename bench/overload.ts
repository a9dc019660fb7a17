import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorWiring } from '../src/config';
import { counterDelta, histogramQuantile } from './metrics-delta';
import { openLoop } from './open-loop';
import { pinGateway } from './pin-cpus';
import { machine, percentile, round } from './report';

/**
 * `npm run bench:overload`: what the gateway does at twice its saturating rate, with default
 * settings. Simulators (SIM_FAULTS latency), gateway and load client in three processes, the
 * gateway on a CPU of its own (pin-cpus.ts; `BENCH_PIN=0` shares the CPUs instead).
 *   1. closed loop (CONNECTIONS in flight) for BENCH_SATURATE_SECONDS: the saturating rate;
 *   2. open loop (open-loop.ts: evenly spaced arrivals) at twice that rate for BENCH_SECONDS:
 *      the share answered 503 and how fast, the p50/p99 of the admitted (200) answers — each
 *      must carry the expected data — at the client and in the gateway's own histogram;
 *   3. idle for BENCH_SETTLE_SECONDS: does memory come back?
 * RSS of the gateway before, at its peak during, and after. Writes bench/results/overload.json
 * and .md, and the table into docs/performance.md (between its overload markers).
 * `BENCH_TRACE=1` prints the concurrency limit, in-flight count and loop delay every 250 ms.
 */
const QUERY = '{ devices(first: 20, filter: { vendors: [IOTAAP] }) { totalCount edges { node { id name } } } }';
const BODY = JSON.stringify({ query: QUERY });

/** Why a 200's body is not the expected answer, or null. */
function expectedAnswer(body: string): string | null {
  return /"totalCount":\d+/.test(body) ? null : body.slice(0, 300);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  // Each run in fresh processes; BENCH_RUNS > 1 shows the spread.
  for (let i = 0; i < Number(process.env.BENCH_RUNS ?? 1); i += 1) rows.push(await once());
  write(rows);
}

type Row = Record<string, number | string>;

async function once(): Promise<Row> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const saturateSeconds = Number(process.env.BENCH_SATURATE_SECONDS ?? 5);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const settleSeconds = Number(process.env.BENCH_SETTLE_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const register = ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')];
  const simulators = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: register, env: { ...process.env, SIM_FAULTS: `*=latency:${latencyMs}` } });
  // --expose-gc: the live heap is read after a full collection, so garbage not yet collected
  // (an idle process collects nothing) is not mistaken for memory the overload left behind.
  const gateway = fork(join(__dirname, 'overload-server.ts'), [], { execArgv: [...register, '--expose-gc'] });
  try {
    const pinning = process.env.BENCH_PIN === '0' ? 'not pinned (BENCH_PIN=0)' : pinGateway(gateway.pid ?? 0, [process.pid, simulators.pid ?? 0]);
    const wiring = await message<{ simulators: SimulatorWiring }>(simulators, 'simulators');
    gateway.send(wiring);
    const { url } = await message<{ url: string }>(gateway, 'url');
    const memory = (collect = false) => ask<{ rss: number; heap: number }>(gateway, { rss: true, collect }, 'rss');
    const rss = async () => (await memory()).rss;
    const scrape = async () => (await fetch(new URL('/metrics', url))).text();

    await run(url, { connections, duration: 1 }); // warm-up: JIT, pools, credentials
    const saturation = await run(url, { connections, duration: saturateSeconds });
    const saturating = saturation.ok / saturateSeconds;
    const { heap: heapBefore } = await memory(true);
    const { rss: rssBefore } = await memory();
    const metricsBefore = await scrape();

    let rssPeak = rssBefore;
    const sampler = setInterval(() => void rss().then((value) => (rssPeak = Math.max(rssPeak, value))), 250);
    const tracer = process.env.BENCH_TRACE ? setInterval(() => void scrape().then(traceLine), 250) : null;
    const overload = await openLoop({ url, rate: Math.round(saturating * 2), seconds, connections: Math.max(connections * 8, 512), body: BODY, check: expectedAnswer });
    clearInterval(sampler);
    if (tracer) clearInterval(tracer);
    const rssEnd = await rss();
    const metricsAfter = await scrape();
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
    const { rss: rssAfter } = await memory();
    const { heap: heapAfter } = await memory(true);

    const quantileMs = (name: string, match: (labels: string) => boolean, q: number) => round(1000 * histogramQuantile(metricsBefore, metricsAfter, name, match, q));
    const admitted = (labels: string) => labels.includes('outcome="ok"');
    const refusedFor = (reason: string) => counterDelta(metricsBefore, metricsAfter, 'tributary_requests_refused_total', (labels) => labels.includes(`reason="${reason}"`));
    const total = overload.statuses.length;
    const row = {
      ...machine(),
      pinning,
      latencyMs,
      saturatingRps: round(saturating),
      // With the CPU shared (other jobs, the client itself) the gateway may shed already here.
      saturationShedShare: round(saturation.shedLatencies.length / Math.max(1, saturation.statuses.length)),
      saturationP99Ms: round(percentile(saturation.okLatencies, 0.99)),
      offeredRps: Math.round(saturating * 2),
      seconds,
      requests: total,
      admittedRps: round(overload.okLatencies.length / seconds),
      shedShare: round(overload.shedLatencies.length / Math.max(1, total)),
      shedConcurrency: refusedFor('shed_concurrency'),
      shedEventLoop: refusedFor('shed_event_loop'),
      shedP50Ms: round(percentile(overload.shedLatencies, 0.5)),
      shedP99Ms: round(percentile(overload.shedLatencies, 0.99)),
      admittedP50Ms: round(percentile(overload.okLatencies, 0.5)),
      admittedP99Ms: round(percentile(overload.okLatencies, 0.99)),
      // The gateway's own view (its histogram over the overload phase, interpolated in its buckets).
      gatewayAdmittedP99Ms: quantileMs('tributary_graphql_request_duration_seconds', admitted, 0.99),
      vendorP99Ms: quantileMs('tributary_vendor_request_duration_seconds', () => true, 0.99),
      clientWaitedForSocket: overload.waitedForSocket,
      shedEventLoopDelayMs: process.env.SHED_EVENT_LOOP_DELAY_MS ?? 'default',
      responseCacheMaxAge: process.env.RESPONSE_CACHE_MAX_AGE ?? 'default',
      otherStatuses: overload.statuses.filter((s) => s !== 200 && s !== 503).length,
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(Math.max(rssPeak, rssEnd)),
      rssAfterMb: mb(rssAfter),
      heapBeforeMb: mb(heapBefore),
      heapAfterMb: mb(heapAfter),
      settleSeconds,
    };
    process.stderr.write(`${JSON.stringify(row)}\n`);
    return row;
  } finally {
    gateway.disconnect();
    simulators.disconnect();
  }
}

/** One line of `BENCH_TRACE`: the limit, what is in flight, how late the loop runs. */
function traceLine(metrics: string): void {
  const pick = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(metrics)?.[1] ?? NaN);
  process.stderr.write(`limit ${pick('tributary_concurrency_limit')}, in flight ${pick('tributary_http_in_flight')}, loop delay ${Math.round(pick('tributary_event_loop_lag_seconds') * 1000)} ms\n`);
}

interface Run {
  ok: number;
  statuses: number[];
  okLatencies: number[];
  shedLatencies: number[];
}

/** One autocannon run; every 200 must carry the expected data, or the benchmark fails. */
async function run(url: string, options: { connections: number; duration: number }): Promise<Run> {
  const result: Run = { ok: 0, statuses: [], okLatencies: [], shedLatencies: [] };
  let wrong: string | null = null;
  const instance = autocannon({
    url,
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    requests: [
      {
        onResponse: (status: number, body: string) => {
          if (status === 200) wrong ??= expectedAnswer(body);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
    result.statuses.push(status);
    if (status === 200) {
      result.ok += 1;
      result.okLatencies.push(latencyMs);
    } else if (status === 503) {
      result.shedLatencies.push(latencyMs);
    }
  });
  await instance;
  if (wrong) throw new Error(`a 200 without the expected data: ${wrong}`);
  return result;
}

function write(rows: Row[]): void {
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'overload.json'), `${JSON.stringify(rows, null, 2)}\n`);
  const first = rows[0] ?? {};
  const table = [
    `Run ${first.date}: Node ${first.node}, ${first.cpus} × ${first.cpuModel}; ${first.pinning}; vendor latency ${first.latencyMs} ms;`,
    `SHED_EVENT_LOOP_DELAY_MS ${first.shedEventLoopDelayMs}, RESPONSE_CACHE_MAX_AGE ${first.responseCacheMaxAge}; simulators, gateway and load client in three processes;`,
    `${first.seconds} s at twice the saturating rate (open loop, evenly spaced), then ${first.settleSeconds} s idle; one row per run, each in fresh processes.`,
    '',
    '| saturating req/s (503 share) | p99 at saturation ms | offered req/s | admitted req/s | 503 share (concurrency / loop delay) | 503 p50 / p99 ms | admitted p50 / p99 ms | gateway-side admitted p99 ms | vendor p99 ms | other statuses | RSS before / peak / after MB | live heap before / after MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.saturatingRps} (${row.saturationShedShare}) | ${row.saturationP99Ms} | ${row.offeredRps} | ${row.admittedRps} | ${row.shedShare} (${row.shedConcurrency} / ${row.shedEventLoop}) | ${row.shedP50Ms} / ${row.shedP99Ms} | ${row.admittedP50Ms} / ${row.admittedP99Ms} | ${row.gatewayAdmittedP99Ms} | ${row.vendorP99Ms} | ${row.otherStatuses} | ${row.rssBeforeMb} / ${row.rssPeakMb} / ${row.rssAfterMb} | ${row.heapBeforeMb} / ${row.heapAfterMb} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(out, 'overload.md'), `# Overload\n\n${table}`);
  const docs = join(__dirname, '..', 'docs', 'performance.md');
  const text = readFileSync(docs, 'utf8');
  const begin = '<!-- overload:begin -->';
  const end = '<!-- overload:end -->';
  if (text.includes(begin)) writeFileSync(docs, text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), `${begin}\n${table}${end}`));
  process.stdout.write(table);
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function message<T>(child: ChildProcess, key: string, id?: number): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: Record<string, unknown>) => {
      if (key in m && (id === undefined || m.id === id)) {
        child.off('message', listener);
        resolve(m as T);
      }
    };
    child.on('message', listener);
  });
}

let asked = 0;

/** One question and its own answer: an overloaded gateway answers the 250 ms samples late, so an answer is matched by id, never by arrival. */
function ask<T>(child: ChildProcess, question: object, key: string): Promise<T> {
  const id = ++asked;
  const answer = message<T>(child, key, id);
  child.send({ ...question, id });
  return answer;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overload failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
