import { cpus } from 'node:os';

/** Shared helpers for the benchmark reports. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A ratio to 3 significant digits: 0.0045 stays readable where two decimals would say 0. */
export function ratio(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(3)) : n;
}

/** The machine a run measured on; every report records it, since numbers mean little without it. */
export interface Machine {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
}

export function machine(): Machine {
  const cores = cpus();
  return { date: new Date().toISOString(), node: process.version, cpus: cores.length, cpuModel: cores[0]?.model ?? 'unknown' };
}

export interface BenchReport extends Machine {
  latencyMs: number;
  iterations: number;
  results: Array<Record<string, unknown>>;
}

export function markdownTable(report: BenchReport): string {
  const calls = (value: unknown) => Object.entries(value as Record<string, number>).map(([v, n]) => `${v} ${n}`).join(', ');
  const total = (value: unknown) => Object.values(value as Record<string, number>).reduce((a, b) => a + b, 0);
  const rows = report.results.map(
    (r) =>
      `| ${r.name} | ${calls(r.facts)} | ${r.answerBytes} | ${calls(r.upstreamCalls)} | ${calls(r.minimumCalls)} | ${r.ratioToMinimum} | ${total(r.upstreamBytes)} | ${r.minimumBytes ?? 'n/a'} | ${r.bytesRatio ?? 'n/a'} | ${calls(r.naiveCalls)} | ${r.p50Ms} | ${r.p99Ms} | ${r.floorMs} | ${r.p50OverheadMs} | ${r.p99OverheadMs} |`,
  );
  return [
    `# Upstream efficiency ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; injected vendor latency ${report.latencyMs} ms; ${report.iterations} sequential runs per query; loopback.`,
    'Every answer was checked against the facts in bench/suite.ts and equals the naive run\'s answer. Simulators: seeds, live generators off.',
    'Calls and bytes exclude credential flows (run once per process). Minimum bytes: the cheapest plan\'s calls × the bytes one such call answered.',
    'Overhead = wall time minus the time spent waiting on vendors.',
    '',
    '| query | answer shows | answer bytes | upstream calls | minimum | ratio | upstream bytes | minimum bytes | bytes ratio | naive calls (no loaders) | p50 ms | p99 ms | floor ms | p50 overhead ms | p99 overhead ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
