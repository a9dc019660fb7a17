import { GraphQLError } from 'graphql';
import type { Vendor } from './vendor';

/** Every error code a client can see in `errors[].extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'VENDOR_UNAVAILABLE',
  'VENDOR_TIMEOUT',
  'VENDOR_RATE_LIMITED',
  'VENDOR_ERROR',
  'VENDOR_NOT_CONFIGURED',
  'MEASUREMENT_NOT_OFFERED',
  'PAYLOAD_TOO_LARGE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base of every error Tributary raises on purpose; `extensions.code` is always set. */
export class TributaryError extends GraphQLError {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly vendor?: Vendor,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...(vendor ? { vendor } : {}), ...extra } });
    this.name = 'TributaryError';
  }
}

export class BadUserInputError extends TributaryError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', undefined, extra);
  }
}

/** An uploaded file (or the number of files) over UPLOAD_MAX_BYTES / UPLOAD_MAX_FILES: HTTP 413. */
export class PayloadTooLargeError extends TributaryError {
  constructor(message: string) {
    super(message, 'PAYLOAD_TOO_LARGE', undefined, { http: { status: 413 } });
  }
}

export class NotFoundError extends TributaryError {
  constructor(message: string, vendor?: Vendor) {
    super(message, 'NOT_FOUND', vendor);
  }
}

export class VendorNotConfiguredError extends TributaryError {
  constructor(vendor: Vendor) {
    super(`${vendor} is not configured on this gateway`, 'VENDOR_NOT_CONFIGURED', vendor);
  }
}

/**
 * A note beside data, never a failed field: the source was asked for measurement names it
 * does not offer, so those names yield nothing from it (`measurementNames` tells what it does).
 */
export class MeasurementNotOfferedError extends TributaryError {
  /** `sourceId` is the global id of the source asked, or null when the whole vendor has no such name. */
  constructor(vendor: Vendor, names: readonly string[], sourceId: string | null) {
    const who = sourceId ? `${vendor} source ${sourceId}` : vendor;
    super(`${who} offers no measurement named ${names.join(', ')}; ask measurementNames(sourceIds) for what it offers`, 'MEASUREMENT_NOT_OFFERED', vendor, {
      names: [...names],
      ...(sourceId ? { sourceId } : {}),
    });
  }
}

/** What `http.ts` makes of any upstream failure: a small code set, never the vendor's body. */
export class VendorError extends TributaryError {
  constructor(
    vendor: Vendor,
    code: ErrorCode,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message, code, vendor, status ? { status } : {});
    this.name = 'VendorError';
  }
}
