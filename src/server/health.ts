import type { ServerResponse } from 'node:http';
import { VENDORS } from '../core/vendor';
import type { VendorRegistry } from '../vendors/registry';
import type { VendorStatusSnapshot } from '../vendors/vendor-health';
import type { DependencyStatus } from './redis-link';

/** `/healthz`: the process is alive and serving. */
export function sendHealth(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * `/readyz`: ready for traffic unless draining. One vendor down does not take the instance
 * out of rotation (the others still answer); its state is listed for operators. Redis is a
 * degraded dependency the same way: down, every instance still serves (see redis-link.ts).
 */
export function sendReadiness(res: ServerResponse, registry: VendorRegistry, draining: boolean, dependencies: Record<string, DependencyStatus> = {}): void {
  const vendors = VENDORS.map((vendor) => vendorReadiness(registry.adapter(vendor).health.status));
  sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', ready: !draining, dependencies, vendors });
}

/**
 * One vendor as `/readyz` lists it: the current state (and since when) apart from the last
 * error, which is history with its time, so a vendor that recovered reads `OK` at a glance
 * while the outage it had stays visible.
 */
export function vendorReadiness(status: VendorStatusSnapshot) {
  const { vendor, state, changedAt, circuit, configured, lastErrorCode, lastFailureAt } = status;
  const lastError = lastErrorCode && lastFailureAt ? { code: lastErrorCode, at: lastFailureAt.toISOString() } : null;
  return { vendor, state, since: changedAt.toISOString(), circuit, configured, lastError };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
