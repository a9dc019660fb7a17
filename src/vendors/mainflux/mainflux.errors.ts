import { TributaryError } from '../../core/errors';
import { codeForStatus, type ErrorClassifier } from '../http';
import { vendorMessage } from '../vendor-message';

/** Bad input for a Mainflux operation, named as Mainflux's so clients see `vendor: MAINFLUX`. */
export function mainfluxInputError(message: string, argument?: string): TributaryError {
  return new TributaryError(message, 'BAD_USER_INPUT', 'MAINFLUX', argument ? { argument } : {});
}

/**
 * Mainflux errors are `{ "error": "<message>" }` with 400/401/403/404/409/415/500 (VENDOR-NOTES).
 * The short message is passed on when it is safe; 409 (an id taken) and 415 are the caller's to fix.
 */
export const classifyMainfluxError: ErrorClassifier = (response) => {
  if (response.status < 400) return null;
  const message = vendorMessage((response.json as { error?: unknown } | null)?.error);
  return message ? { code: codeForStatus(response.status), message } : null;
};
