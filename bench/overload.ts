import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorWiring } from '../src/config';
import { machine, percentile, round } from './report';

/**
 * `npm run bench:overload`: what the gateway does at twice its saturating rate, with default
 * settings. Simulators (SIM_FAULTS latency), gateway and load client in three processes.
 *   1. closed loop (CONNECTIONS in flight) for BENCH_SATURATE_SECONDS: the saturating rate;
 *   2. open loop at twice that rate for BENCH_SECONDS: the share answered 503 and how fast,
 *      the p99 of the admitted (200) answers, each of which must carry the expected data;
 *   3. idle for BENCH_SETTLE_SECONDS: does memory come back?
 * RSS of the gateway before, at its peak during, and after. Writes bench/results/overload.json
 * and .md, and the table into docs/performance.md (between its overload markers).
 */
const QUERY = '{ devices(first: 20, filter: { vendors: [IOTAAP] }) { totalCount edges { node { id name } } } }';

async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
  const saturateSeconds = Number(process.env.BENCH_SATURATE_SECONDS ?? 5);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const settleSeconds = Number(process.env.BENCH_SETTLE_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const register = ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')];
  const simulators = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: register, env: { ...process.env, SIM_FAULTS: `*=latency:${latencyMs}` } });
  const gateway = fork(join(__dirname, 'overload-server.ts'), [], { execArgv: register });
  try {
    const wiring = await message<{ simulators: SimulatorWiring }>(simulators, 'simulators');
    gateway.send(wiring);
    const { url } = await message<{ url: string }>(gateway, 'url');
    const rss = async () => (await ask<{ rss: number }>(gateway, { rss: true }, 'rss')).rss;

    await run(url, { connections, duration: 1 }); // warm-up: JIT, pools, credentials
    const saturation = await run(url, { connections, duration: saturateSeconds });
    const saturating = saturation.ok / saturateSeconds;
    const rssBefore = await rss();

    let rssPeak = rssBefore;
    const sampler = setInterval(() => void rss().then((value) => (rssPeak = Math.max(rssPeak, value))), 250);
    const overload = await run(url, { connections: Math.max(connections * 4, 256), duration: seconds, overallRate: Math.round(saturating * 2) });
    clearInterval(sampler);
    const rssEnd = await rss();
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
    const rssAfter = await rss();

    const total = overload.statuses.length;
    const row = {
      ...machine(),
      latencyMs,
      saturatingRps: round(saturating),
      offeredRps: Math.round(saturating * 2),
      seconds,
      requests: total,
      admittedRps: round(overload.ok / seconds),
      shedShare: round(overload.shedLatencies.length / Math.max(1, total)),
      shedP50Ms: round(percentile(overload.shedLatencies, 0.5)),
      shedP99Ms: round(percentile(overload.shedLatencies, 0.99)),
      admittedP50Ms: round(percentile(overload.okLatencies, 0.5)),
      admittedP99Ms: round(percentile(overload.okLatencies, 0.99)),
      saturationP99Ms: round(percentile(saturation.okLatencies, 0.99)),
      // With the CPU shared (other jobs, the client itself) the gateway may shed already here.
      saturationShedShare: round(saturation.shedLatencies.length / Math.max(1, saturation.statuses.length)),
      shedEventLoopDelayMs: process.env.SHED_EVENT_LOOP_DELAY_MS ?? 'default',
      responseCacheMaxAge: process.env.RESPONSE_CACHE_MAX_AGE ?? 'default',
      otherStatuses: overload.statuses.filter((s) => s !== 200 && s !== 503).length,
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(Math.max(rssPeak, rssEnd)),
      rssAfterMb: mb(rssAfter),
      settleSeconds,
    };
    write(row);
  } finally {
    gateway.disconnect();
    simulators.disconnect();
  }
}

interface Run {
  ok: number;
  statuses: number[];
  okLatencies: number[];
  shedLatencies: number[];
}

/** One autocannon run; every 200 must carry the expected data, or the benchmark fails. */
async function run(url: string, options: { connections: number; duration: number; overallRate?: number }): Promise<Run> {
  const result: Run = { ok: 0, statuses: [], okLatencies: [], shedLatencies: [] };
  let wrong: string | null = null;
  const instance = autocannon({
    url,
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    requests: [
      {
        onResponse: (status: number, body: string) => {
          if (status === 200 && !/"totalCount":\d+/.test(body)) wrong ??= body.slice(0, 300);
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

function write(row: Record<string, number | string>): void {
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'overload.json'), `${JSON.stringify(row, null, 2)}\n`);
  const table = [
    `Run ${row.date}: Node ${row.node}, ${row.cpus} × ${row.cpuModel}; vendor latency ${row.latencyMs} ms; SHED_EVENT_LOOP_DELAY_MS ${row.shedEventLoopDelayMs}, RESPONSE_CACHE_MAX_AGE ${row.responseCacheMaxAge}; simulators, gateway and`,
    `autocannon in three processes; ${row.seconds} s at twice the saturating rate, then ${row.settleSeconds} s idle.`,
    '',
    '| saturating req/s (503 share) | offered req/s | admitted req/s | 503 share | 503 p50 / p99 ms | admitted p50 / p99 ms | p99 at saturation ms | other statuses | RSS before / peak / after MB |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${row.saturatingRps} (${row.saturationShedShare}) | ${row.offeredRps} | ${row.admittedRps} | ${row.shedShare} | ${row.shedP50Ms} / ${row.shedP99Ms} | ${row.admittedP50Ms} / ${row.admittedP99Ms} | ${row.saturationP99Ms} | ${row.otherStatuses} | ${row.rssBeforeMb} / ${row.rssPeakMb} / ${row.rssAfterMb} |`,
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

function message<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', listener);
        resolve(m as T);
      }
    };
    child.on('message', listener);
  });
}

function ask<T>(child: ChildProcess, question: object, key: string): Promise<T> {
  const answer = message<T>(child, key);
  child.send(question);
  return answer;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overload failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
