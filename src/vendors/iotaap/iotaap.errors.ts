import { codeForStatus, type ErrorClassifier } from '../http';
import { vendorMessage } from '../vendor-message';

/**
 * IoTaaP errors are `{ message, error? }`; a bad token is plain-text `Unauthorized`. The
 * short `message` is safe to pass on; `error` (server internals) never is. A 500 saying the
 * id is not valid is the caller's mistake, not the vendor's.
 */
export const classifyIotaapError: ErrorClassifier = (response) => {
  if (response.status < 400) return null;
  const message = vendorMessage((response.json as { message?: unknown } | null)?.message);
  if (response.status === 500 && message && /not valid/i.test(message)) return { code: 'BAD_USER_INPUT', message };
  return message ? { code: codeForStatus(response.status), message } : null;
};
