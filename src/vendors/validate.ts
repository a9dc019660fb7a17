import type { z } from 'zod';
import { VendorError } from '../core/errors';
import type { Vendor } from '../core/vendor';

/**
 * Validates a vendor answer at the edge: a malformed answer is a VENDOR_ERROR naming the
 * operation and the first bad path, never a crash deeper in the mapper.
 */
export function parseWire<S extends z.ZodType>(vendor: Vendor, operation: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
  throw new VendorError(vendor, 'VENDOR_ERROR', `${vendor}: unexpected answer to ${operation} (${where})`);
}
