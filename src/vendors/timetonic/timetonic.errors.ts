import type { ErrorCode } from '../../core/errors';
import type { ErrorClassifier } from '../http';
import { vendorMessage } from '../vendor-message';

/**
 * TimeTonic answers errors with HTTP 200 and `{ status: "nok", errorCode, errorMsg }`, or in
 * the older form `{ status: "nok", error: "apiProcess91: invalid appkey" }` (doc, createOauthkey;
 * VENDOR-NOTES: "Always check status"). Error codes are not documented, so the message decides,
 * most specific reading first. Only a short, token-free message reaches a client.
 */
export const classifyTimetonicError: ErrorClassifier = (response) => {
  const body = response.json as { status?: unknown; errorCode?: unknown; errorMsg?: unknown; error?: unknown } | null;
  if (!body || typeof body !== 'object' || (body.status !== 'nok' && response.status < 400)) return null;
  const text = String(body.errorMsg ?? body.error ?? '');
  const code = timetonicErrorCode(text);
  if (!text && response.status >= 400) return null;
  const errorCode = vendorMessage(body.errorCode);
  return { code, message: vendorMessage(text) ?? `request refused${errorCode ? ` (${errorCode})` : ''}` };
};

/** The Tributary code of a TimeTonic error message. */
export function timetonicErrorCode(text: string): ErrorCode {
  if (/invalid (sesskey|session|oauthkey|appkey)|session (expired|revoked)|invalid (login|password|credentials)/i.test(text)) {
    return 'UNAUTHENTICATED';
  }
  if (/\bno (\w+ )?(access|rights?)\b|not allowed|forbidden|insufficient rights/i.test(text)) return 'FORBIDDEN';
  if (/\bunknown\b|not found|no such|does not exist/i.test(text)) return 'NOT_FOUND';
  if (/invalid|missing|wrong|must|already|expected|too (many|long)|bad /i.test(text)) return 'BAD_USER_INPUT';
  return 'VENDOR_ERROR';
}
