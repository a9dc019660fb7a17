import { Pool } from 'undici';
import { checkFacts } from './answer-check';
import { percentile, round } from './report';
import { SUITE } from './suite';

/**
 * The client side of `npm run bench:overhead`, in its own process: per query it finds the
 * saturating rate (closed loop, CONCURRENCY requests in flight), then sends at half that rate
 * (open loop: on schedule, whether or not earlier answers came back) and records each answer's
 * wall time and the gateway's own account of the time it waited on vendors. The warm-up answers
 * are checked against the screen's facts, and every later answer must be the same bytes of data:
 * a rate measured on errors or empty answers stops the run. `rounds` repeats the whole list of
 * queries, for the spread.
 */
export interface OverheadJob {
  url: string;
  latencyMs: number;
  saturateSeconds: number;
  measureSeconds: number;
  concurrency: number;
  rounds: number;
  /**
   * `screen` names the suite screen whose facts the answer must show; `url`, a server other than
   * `url` above (a baseline); `rateOf`, an earlier query of the list whose load rate (this round's)
   * this one is measured at instead of half its own saturating rate: a floor compared at the same rate.
   */
  queries: Array<{ name: string; screen: string; query: string; criticalPath: number; url?: string; rateOf?: string }>;
}

process.once('message', (job: OverheadJob) => {
  void run(job).then(
    (rows) => {
      process.send?.({ rows });
      setTimeout(() => process.exit(0), 100);
    },
    (error: unknown) => {
      process.send?.({ error: error instanceof Error ? error.message : String(error) });
      setTimeout(() => process.exit(1), 100);
    },
  );
});

async function run(job: OverheadJob) {
  const pools = new Map<string, Pool>();
  const poolFor = (target: URL) => {
    let pool = pools.get(target.origin);
    if (!pool) pools.set(target.origin, (pool = new Pool(target.origin, { connections: 256, pipelining: 1 })));
    return pool;
  };
  const rows = [];
  for (let round = 1; round <= job.rounds; round++) rows.push(...(await runRound(job, poolFor, round)));
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  return rows;
}

async function runRound(job: OverheadJob, poolFor: (target: URL) => Pool, roundNumber: number) {
  const rows = [];
  const loadRates = new Map<string, number>();
  for (const bench of job.queries) {
    const target = new URL(bench.url ?? job.url);
    const pool = poolFor(target);
    const body = JSON.stringify({ query: bench.query });
    let expected: string | null = null;
    const send = async () => {
      const started = performance.now();
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tributary-timing': '1' },
        body,
      });
      const answer = (await response.body.json()) as { data?: unknown; errors?: unknown[]; extensions?: { timing?: { upstreamMs: number } } };
      const wall = performance.now() - started;
      if (response.statusCode === 503) throw new Refused(`${bench.name} was refused: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      if (answer.errors) throw new Error(`${bench.name} answered errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      const data = JSON.stringify(answer.data);
      if (expected === null) {
        const screen = SUITE.find((s) => s.name === bench.screen);
        if (!screen) throw new Error(`${bench.name}: no suite screen ${bench.screen}`);
        checkFacts(bench.name, screen.expected, screen.facts(answer.data));
        expected = data;
      } else if (data !== expected) throw new Error(`${bench.name} answered different data under load: ${data.slice(0, 300)}`);
      return { wall, upstream: answer.extensions?.timing?.upstreamMs ?? 0 };
    };
    for (let i = 0; i < 20; i++) await send(); // warm-up: JIT, pools, credentials
    const { rate: saturating, refused } = await closedLoop(send, job.concurrency, job.saturateSeconds * 1000);
    const pairedRate = bench.rateOf === undefined ? undefined : loadRates.get(bench.rateOf);
    if (bench.rateOf !== undefined && pairedRate === undefined) throw new Error(`${bench.name}: no earlier query ${bench.rateOf} to take the rate of`);
    const rate = pairedRate ?? saturating / 2;
    loadRates.set(bench.name, rate);
    const samples = await openLoop(send, rate, job.measureSeconds * 1000);
    const floor = bench.criticalPath * job.latencyMs;
    const overheads = samples.map((s) => s.wall - s.upstream);
    rows.push({
      name: bench.name,
      round: roundNumber,
      saturatingRps: round(saturating),
      refusedWhileSaturating: refused,
      loadRps: round(rate),
      requests: samples.length,
      floorMs: floor,
      p50Ms: round(percentile(samples.map((s) => s.wall), 0.5)),
      p99Ms: round(percentile(samples.map((s) => s.wall), 0.99)),
      p50OverheadMs: round(percentile(overheads, 0.5)),
      p99OverheadMs: round(percentile(overheads, 0.99)),
      p50OverFloorMs: round(percentile(samples.map((s) => s.wall - floor), 0.5)),
    });
  }
  return rows;
}

/** A 503 from the gateway's load shedder: it is at capacity. */
class Refused extends Error {}

/**
 * Answers per second with `concurrency` always in flight. Saturating is what the gateway's
 * adaptive concurrency limit exists to refuse: refusals are not answers, so they do not count
 * (the open loop at half this rate fails on any).
 */
async function closedLoop(send: () => Promise<unknown>, concurrency: number, durationMs: number): Promise<{ rate: number; refused: number }> {
  const until = performance.now() + durationMs;
  let done = 0;
  let refused = 0;
  const worker = async () => {
    while (performance.now() < until) {
      try {
        await send();
        done += 1;
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        refused += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rate: done / ((performance.now() - started) / 1000), refused };
}

/** Sends at `rate` per second on a fixed schedule for `durationMs`; answers every sample. */
async function openLoop<T>(send: () => Promise<T>, rate: number, durationMs: number): Promise<T[]> {
  const interval = 1000 / rate;
  const started = performance.now();
  const inFlight: Array<Promise<T>> = [];
  for (let i = 0; ; i++) {
    const due = started + i * interval;
    if (due - started >= durationMs) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send());
  }
  return Promise.all(inFlight);
}
