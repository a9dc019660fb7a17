import type { ErrorCode } from '../core/errors';
import type { Vendor } from '../core/vendor';

/** How a vendor is doing, as `vendors` and `vendorStatusChanged` report it. */
export type VendorState = 'OK' | 'DEGRADED' | 'DOWN' | 'NOT_CONFIGURED';
export type CircuitStateName = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface VendorStatusSnapshot {
  vendor: Vendor;
  state: VendorState;
  configured: boolean;
  circuit: CircuitStateName;
  lastErrorCode: ErrorCode | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  changedAt: Date;
}

/** Codes that say the vendor itself is unwell (not that the caller asked for something wrong). */
const AVAILABILITY_CODES: ReadonlySet<ErrorCode> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT', 'VENDOR_ERROR']);

/**
 * Tracks one vendor's state from call outcomes and its circuit breaker, and tells a
 * listener on every change of `state` or `circuit` (not on every call).
 */
export class VendorHealth {
  private snapshot: VendorStatusSnapshot;
  private readonly listeners = new Set<(status: VendorStatusSnapshot) => void>();

  constructor(vendor: Vendor, configured: boolean) {
    this.snapshot = {
      vendor,
      state: configured ? 'OK' : 'NOT_CONFIGURED',
      configured,
      circuit: 'CLOSED',
      lastErrorCode: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      changedAt: new Date(),
    };
  }

  get status(): VendorStatusSnapshot {
    return this.snapshot;
  }

  onChange(listener: (status: VendorStatusSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recordSuccess(): void {
    this.update({ lastSuccessAt: new Date(), state: this.snapshot.circuit === 'OPEN' ? 'DOWN' : 'OK' });
  }

  recordFailure(code: ErrorCode): void {
    if (!AVAILABILITY_CODES.has(code)) return;
    this.update({
      lastErrorCode: code,
      lastFailureAt: new Date(),
      state: this.snapshot.circuit === 'OPEN' ? 'DOWN' : 'DEGRADED',
    });
  }

  recordCircuit(circuit: CircuitStateName): void {
    const state = circuit === 'OPEN' ? 'DOWN' : circuit === 'HALF_OPEN' ? 'DEGRADED' : this.snapshot.state;
    this.update({ circuit, state });
  }

  private update(patch: Partial<VendorStatusSnapshot>): void {
    const before = this.snapshot;
    const next = { ...before, ...patch };
    const changed = next.state !== before.state || next.circuit !== before.circuit;
    this.snapshot = changed ? { ...next, changedAt: new Date() } : next;
    if (changed) for (const listener of this.listeners) listener(this.snapshot);
  }
}
