import type { Machine } from './report';

/** The cost growth report: its JSON shape and its markdown (bench/results/growth.*). */
export interface PageGrowthRow {
  name: string;
  /** Devices asked for. */
  n: number;
  /** Devices answered (fewer than `n` only if the seed ran out). */
  devices: number;
  pages: number;
  /** Upstream calls for the whole walk (credential flows excluded). */
  calls: number;
  /** Fewest calls the vendor allows for the whole walk. */
  minimum: number;
  ratio: number;
  callsPerPage: number[];
  /** Upstream response bytes of the whole walk (the largest of the runs). */
  bytes: number;
  p50PageMs: number;
  p50WalkMs: number;
}

export interface VendorGrowthRow {
  vendors: string[];
  calls: Record<string, number>;
  total: number;
  /** Sum of the per-vendor minima. */
  minimum: number;
  ratio: number;
  floorMs: number;
  p50Ms: number;
}

export interface GrowthReport extends Machine {
  latencyMs: number;
  seedDevices: number;
  runs: number;
  vendorRuns: number;
  pageLimit: number;
  pages: PageGrowthRow[];
  vendors: VendorGrowthRow[];
}

export function growthMarkdown(report: GrowthReport): string {
  return [
    `# Cost growth ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; injected vendor latency ${report.latencyMs} ms; gateway and simulators in one process; sequential requests; loopback.`,
    'Calls and bytes exclude credential flows (run once per process). Every page is checked (devices answered, values and relations present); a walk must answer every device asked for.',
    '',
    '## Page size',
    '',
    `Simulators seeded with ${report.seedDevices} devices each at IoTaaP, Igtimi and Thingsee (\`startSimulators({ seedDevices })\`). Pages hold at most ${report.pageLimit} items (more is an error by design): 1000 devices are a walk of 10 pages with \`after\` cursors. p50 per page over every page of ${report.runs} walks; p50 per walk over the ${report.runs} walks.`,
    '',
    '| query | devices | pages | upstream calls | minimum | ratio | calls per page | upstream KB per walk | p50 ms per page | p50 ms per walk |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.pages.map(
      (r) =>
        `| ${r.name} | ${r.devices} | ${r.pages} | ${r.calls} | ${r.minimum} | ${r.ratio.toFixed(2)} | ${perPage(r.callsPerPage)} | ${Math.round(r.bytes / 1024)} | ${r.p50PageMs} | ${r.p50WalkMs} |`,
    ),
    '',
    '## Vendors in one query',
    '',
    `Default seeds. Each vendor adds the first page of its main list (one call, no dependent call), so the floor is one injected latency whatever the count; ${report.vendorRuns} runs each.`,
    '',
    '| vendors | upstream calls | sum of per-vendor minima | ratio | floor ms | p50 ms |',
    '|---|---|---|---|---|---|',
    ...report.vendors.map(
      (r) => `| ${r.vendors.length}: ${r.vendors.join(', ')} | ${r.total} | ${r.minimum} | ${r.ratio.toFixed(2)} | ${r.floorMs} | ${r.p50Ms} |`,
    ),
    '',
  ].join('\n');
}

/** "2" when every page cost the same, else each page's count. */
function perPage(calls: number[]): string {
  return new Set(calls).size === 1 ? String(calls[0]) : calls.join(' / ');
}
