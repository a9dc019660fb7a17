import { AsyncLocalStorage } from 'node:async_hooks';
import type { Vendor } from './vendor';

/**
 * What one GraphQL operation did upstream. It travels with the async context so the HTTP
 * layer can count calls without every signature carrying it; loaders created for the
 * operation run their batches inside the same context.
 */
export class RequestScope {
  readonly upstreamCalls: Partial<Record<Vendor, number>> = {};
  /** Correlates the operation's log line with its vendor calls (sent as `x-request-id`). */
  requestId: string | null = null;

  countUpstream(vendor: Vendor): void {
    this.upstreamCalls[vendor] = (this.upstreamCalls[vendor] ?? 0) + 1;
  }

  get totalUpstreamCalls(): number {
    return Object.values(this.upstreamCalls).reduce((sum, n) => sum + (n ?? 0), 0);
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
