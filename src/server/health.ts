import type { ServerResponse } from 'node:http';
import { VENDORS } from '../core/vendor';
import type { VendorRegistry } from '../vendors/registry';
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
  const vendors = VENDORS.map((vendor) => {
    const { state, circuit, configured, lastErrorCode } = registry.adapter(vendor).health.status;
    return { vendor, state, circuit, configured, lastErrorCode };
  });
  sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', ready: !draining, dependencies, vendors });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
