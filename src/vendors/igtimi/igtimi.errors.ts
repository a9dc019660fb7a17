import { codeForStatus, type ErrorClassifier } from '../http';
import { vendorMessage } from '../vendor-message';

/**
 * Igtimi errors are `{ error, reason? }`. Igtimi answers 401 for more than a bad token: "Device
 * does not exist" and "does not have modify permission" come as 401 too, and are NOT_FOUND and
 * FORBIDDEN here, so they neither trigger a token refresh nor read as a credential problem.
 * Device registration and creation refuse wrong details with 401 ("Invalid Device Details",
 * "Invalid device group token"): the caller's input, so BAD_USER_INPUT with the vendor's reason.
 */
export const classifyIgtimiError: ErrorClassifier = (response) => {
  if (response.status < 400) return null;
  const body = response.json as { error?: unknown; reason?: unknown } | null;
  const message = [vendorMessage(body?.error), vendorMessage(body?.reason)].filter(Boolean).join(': ') || null;
  if (!message) return null;
  if (response.status === 401 && /does not exist/i.test(message)) return { code: 'NOT_FOUND', message };
  if (response.status === 401 && /permission/i.test(message)) return { code: 'FORBIDDEN', message };
  if (response.status === 401 && /^invalid device/i.test(message)) return { code: 'BAD_USER_INPUT', message };
  return { code: codeForStatus(response.status), message };
};
