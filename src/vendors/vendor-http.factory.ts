import type { Vendor } from '../core/vendor';
import type { VendorDeps } from './adapter';
import { VendorHttp, type VendorHttpOptions } from './http';
import type { VendorHealth } from './vendor-health';

/**
 * The one way an adapter builds its `VendorHttp`: the gateway's timeout, retries, concurrency,
 * breaker and shared cache, plus the vendor's own error classifier. Null when the vendor has
 * no base URL (not configured).
 */
export function createVendorHttp(
  deps: VendorDeps,
  vendor: Vendor,
  health: VendorHealth,
  own: Pick<VendorHttpOptions, 'classifyError' | 'maxBodyBytes'> & { baseUrl?: string } = {},
): VendorHttp | null {
  const baseUrl = own.baseUrl ?? deps.config.baseUrl;
  if (!baseUrl) return null;
  const { gateway } = deps;
  return new VendorHttp({
    vendor,
    baseUrl,
    timeoutMs: gateway.vendorTimeoutMs,
    retries: gateway.vendorRetries,
    concurrency: gateway.vendorConcurrency,
    breakerThreshold: gateway.vendorBreakerThreshold,
    breakerHalfOpenAfterMs: gateway.vendorBreakerHalfOpenMs,
    cache: deps.cache ? { store: deps.cache, ttlMs: gateway.vendorCacheTtlMs, staleIfErrorMs: gateway.vendorStaleIfErrorMs } : null,
    metrics: deps.metrics,
    logger: deps.logger,
    health,
    classifyError: own.classifyError,
    maxBodyBytes: own.maxBodyBytes,
  });
}
