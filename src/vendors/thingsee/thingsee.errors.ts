import { codeForStatus, type ErrorClassifier } from '../http';
import { vendorMessage } from '../vendor-message';

/**
 * Thingsee errors are `{ statusCode, error, message }`; the short `message` is safe to pass on.
 * A 400 is the caller's mistake (bad group id, disallowed command id).
 */
export const classifyThingseeError: ErrorClassifier = (response) => {
  if (response.status < 400) return null;
  const message = vendorMessage((response.json as { message?: unknown } | null)?.message);
  return message ? { code: codeForStatus(response.status), message } : null;
};
