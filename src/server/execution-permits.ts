import type { ExecutionResult, OperationDefinitionNode } from 'graphql';
import type { Release } from './load-shedder';
import type { OperationMetrics } from './operation-metrics';

interface Held {
  release: Release;
  started: number;
  operation: OperationDefinitionNode;
}

/**
 * For the streaming transports (graphql-ws, SSE): each admitted operation's shedding permit
 * and start, keyed by its context value, ended when its execution is: a query or mutation
 * when its result is ready (a latency sample for the adaptive limit); a subscription holds no
 * slot (NO_PERMIT) and is timed until it is set up. Each end is observed in the duration histogram.
 */
export class ExecutionPermits {
  private readonly held = new WeakMap<object, Held>();

  constructor(private readonly metrics: OperationMetrics) {}

  hold(key: object, release: Release, operation: OperationDefinitionNode): void {
    this.held.set(key, { release, started: performance.now(), operation });
  }

  /** Runs the execution (or the subscription's start) and ends the operation's permit after it. */
  async run<T extends ExecutionResult | AsyncIterable<ExecutionResult>>(key: object, execution: () => T | Promise<T>): Promise<T> {
    const held = this.held.get(key);
    this.held.delete(key);
    let outcome: 'ok' | 'error' = 'error';
    try {
      const result = await execution();
      outcome = Symbol.asyncIterator in result || !result.errors?.length ? 'ok' : 'error';
      return result;
    } finally {
      if (held) {
        const subscription = held.operation.operation === 'subscription';
        held.release({ sample: !subscription });
        this.metrics.observe(held.operation.name?.value, held.operation.operation, outcome, (performance.now() - held.started) / 1000);
      }
    }
  }
}
