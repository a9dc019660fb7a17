/** Shared helpers for the benchmark reports. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface BenchReport {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  latencyMs: number;
  iterations: number;
  results: Array<Record<string, unknown>>;
  growth: Array<{ name: string; n: number; calls: number; minimum: number; p50Ms: number }>;
  startup: { coldStartMs: number; idleRssMb: number } | { error: string };
}

export function markdownTable(report: BenchReport): string {
  const calls = (value: unknown) => Object.entries(value as Record<string, number>).map(([v, n]) => `${v} ${n}`).join(', ');
  const rows = report.results.map(
    (r) =>
      `| ${r.name} | ${calls(r.upstreamCalls)} | ${calls(r.minimumCalls)} | ${r.ratioToMinimum} | ${calls(r.naiveCalls)} | ${r.p50Ms} | ${r.p99Ms} | ${r.floorMs} | ${r.p50OverheadMs} | ${r.p99OverheadMs} |`,
  );
  return [
    `# Benchmark ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; injected vendor latency ${report.latencyMs} ms; ${report.iterations} sequential runs per query; loopback.`,
    'Calls exclude credential flows (run once per process). Overhead = wall time minus the time spent waiting on vendors.',
    '',
    '| query | upstream calls | minimum | ratio | naive (no loaders) | p50 ms | p99 ms | floor ms | p50 overhead ms | p99 overhead ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Cost growth',
    '',
    '| query | page size | upstream calls | minimum | p50 ms |',
    '|---|---|---|---|---|',
    ...report.growth.map((g) => `| ${g.name} | ${g.n} | ${g.calls} | ${g.minimum} | ${g.p50Ms} |`),
    '',
    '## Start and memory',
    '',
    'startup' in report && 'error' in report.startup
      ? `Not measured: ${report.startup.error}`
      : `Cold start to ready (demo: gateway + five simulators, compiled build): ${(report.startup as { coldStartMs: number }).coldStartMs} ms; idle RSS ${(report.startup as { idleRssMb: number }).idleRssMb} MB.`,
    '',
  ].join('\n');
}
