import type { Machine } from './report';

/** The throughput report: its JSON rows and its markdown (bench/results/throughput.*). */
export interface ThroughputRow {
  screen: string;
  server: string;
  /** 1…BENCH_REPEAT on the screen measured for the spread, else 1. */
  round: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** Requests answered and CPU ms spent in the measured run, for exact ratios. */
  requests: number;
  cpuMs: number;
  /** Why this row measured nothing (a wrong answer, non-2xx answers under load); its numbers are NaN. */
  failed?: string;
}

export interface ThroughputReport extends Machine {
  seconds: number;
  repeat: number;
  rows: ThroughputRow[];
  ratios: Array<{ screen: string; rpsVsStockApollo: number; rpsVsRawRest: number; cpuVsStockApollo: number; cpuVsRawRest: number }>;
}

export function throughputMarkdown(report: ThroughputReport): string {
  const firstRound = report.rows.filter((r) => r.round === 1);
  const servers = [...new Set(report.rows.filter((r) => r.round > 1).map((r) => r.server))];
  const spread = servers.map((server) => {
    const rows = report.rows.filter((r) => !r.failed && r.server === server && r.screen === report.rows.find((x) => x.round > 1)?.screen);
    const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
    return `| ${server} | ${rows.length} | ${range(rows.map((r) => r.requestsPerSecond))} | ${range(rows.map((r) => r.cpuMsPerRequest))} | ${range(rows.map((r) => r.p50Ms))} |`;
  });
  return [
    `# Throughput ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; autocannon, 10 connections, ${report.seconds} s each; simulators in their own process, no injected latency, live generators off. Every server's answer was checked before and after its load.`,
    '',
    '| screen | server | requests/s | p50 ms | p99 ms | gateway CPU ms per request |',
    '|---|---|---|---|---|---|',
    ...firstRound.map((r) =>
      r.failed ? `| ${r.screen} | ${r.server} | **failed**: ${r.failed.slice(0, 160)} | — | — | — |` : `| ${r.screen} | ${r.server} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMsPerRequest} |`,
    ),
    '',
    'Executed Tributary (response cache off) ÷ baseline, per screen: requests/s (higher is better) and CPU per request (lower is better).',
    '',
    '| screen | req/s ÷ stock Apollo | req/s ÷ raw REST | CPU/req ÷ stock Apollo | CPU/req ÷ raw REST |',
    '|---|---|---|---|---|',
    ...report.ratios.map((r) => `| ${r.screen} | ${times(r.rpsVsStockApollo)} | ${times(r.rpsVsRawRest)} | ${times(r.cpuVsStockApollo)} | ${times(r.cpuVsRawRest)} |`),
    '',
    `Spread over ${report.repeat} interleaved rounds (min–max), one optimisation switched off per row:`,
    '',
    '| server | rounds | requests/s | CPU ms per request | p50 ms |',
    '|---|---|---|---|---|',
    ...spread,
    '',
    ...roundPairs(report.rows, servers),
  ].join('\n');
}

/**
 * CPU ms per request of each switched-off row against the executed default of the same round:
 * one round's servers run back to back, so a pair shares the machine's load where ranges across
 * rounds do not.
 */
function roundPairs(rows: readonly ThroughputRow[], servers: readonly string[]): string[] {
  const [base, ...others] = servers.filter((server) => server.startsWith('Tributary, e'));
  const screen = rows.find((r) => r.round > 1)?.screen;
  if (!base || others.length === 0 || !screen) return [];
  const cpu = (server: string, round: number) => rows.find((r) => !r.failed && r.screen === screen && r.server === server && r.round === round)?.cpuMsPerRequest;
  const rounds = [...new Set(rows.filter((r) => r.screen === screen && r.server === base).map((r) => r.round))];
  return [
    'Per round, CPU ms per request with one thing switched off against the executed default of the same round:',
    '',
    `| round | ${base} | ${others.join(' | ')} |`,
    `|---|---|${others.map(() => '---|').join('')}`,
    ...rounds.map((round) => {
      const on = cpu(base, round);
      const cells = others.map((server) => {
        const off = cpu(server, round);
        return off === undefined || on === undefined ? 'n/a' : `${off} (${off >= on ? '+' : ''}${Math.round((100 * (off - on)) / on)} %)`;
      });
      return `| ${round} | ${on ?? 'n/a'} | ${cells.join(' | ')} |`;
    }),
    '',
  ];
}

/** A ratio, or n/a when a row it comes from measured nothing. */
function times(n: number): string {
  return Number.isFinite(n) ? `${n}×` : 'n/a';
}
