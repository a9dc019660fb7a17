import type { Metrics } from '../core/metrics';

export type Transport = 'http' | 'ws' | 'sse';
export type Outcome = 'ok' | 'error' | 'refused';

/**
 * The duration histogram and the refusal counter, for every transport. Every refusal is in
 * both: counted by transport and reason, and observed with `outcome="refused"` (timed from the
 * request's arrival when the stage that refused knows it — parsing and validation can take a
 * while — else as 0: the edge's refusals take microseconds). Operation names are
 * the caller's to choose: only the first `maxNames` distinct ones get a series of their own,
 * every later one is `other`, so a client that names each request differently cannot grow
 * the metrics without end.
 */
export class OperationMetrics {
  private readonly names = new Set<string>();

  constructor(
    private readonly metrics: Metrics,
    private readonly maxNames: number,
  ) {}

  observe(operationName: string | null | undefined, type: string, outcome: Outcome, seconds: number): void {
    this.metrics.graphqlDuration.observe({ operation: this.label(operationName), type, outcome }, seconds);
  }

  refused(transport: Transport, reason: string, operationName: string | null = null, seconds = 0): void {
    this.metrics.requestsRefused.inc({ transport, reason });
    this.observe(operationName, 'unknown', 'refused', seconds);
  }

  // Private:

  private label(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (this.names.has(name)) return name;
    if (this.names.size >= this.maxNames) return 'other';
    this.names.add(name);
    return name;
  }
}
