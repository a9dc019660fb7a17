import { createHash } from 'node:crypto';
import { CircuitState } from 'cockatiel';
import { VendorError, type ErrorCode } from '../core/errors';
import type { Vendor } from '../core/vendor';
import type { QueryValue, VendorResponse } from './http';
import type { CachedVendorAnswer } from './vendor-read-cache';
import type { CircuitStateName } from './vendor-health';

/** The small, pure pieces of `VendorHttp`: status mapping, encodings, body reading. */
/** Status-code mapping shared by every vendor; vendors refine it with a classifier. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'VENDOR_RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'VENDOR_UNAVAILABLE';
  if (status >= 400 && status < 500) return 'BAD_USER_INPUT';
  return 'VENDOR_ERROR';
}

/** Cache entries are per vendor and per credential (hashed: no secret in a cache key). */
export function cacheScope(vendor: Vendor, headers: Record<string, string> | undefined): string {
  const credential = Object.entries(headers ?? {})
    .filter(([name]) => /authorization|token|key|session/i.test(name))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${vendor}:${createHash('sha256').update(credential).digest('hex').slice(0, 32)}`;
}

/**
 * A read's identity in the shared cache: method, URL and body (credentials in a body, like
 * TimeTonic's `sesskey`, included), hashed. The credential in headers is in the scope.
 */
export function readKey(method: string, path: string, request: { json?: unknown; form?: unknown; body?: { text: string } }): string {
  const body = request.json !== undefined ? JSON.stringify(request.json) : request.form !== undefined ? JSON.stringify(request.form) : (request.body?.text ?? '');
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

export function fromCache(cached: CachedVendorAnswer): VendorResponse {
  return { status: cached.status, headers: {}, json: cached.json, text: cached.text };
}

export function circuitName(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Open || state === CircuitState.Isolated) return 'OPEN';
  if (state === CircuitState.HalfOpen) return 'HALF_OPEN';
  return 'CLOSED';
}

/** Form/query encoding with arrays as `key[]=a&key[]=b`, the form the vendors document. */
export function encodeParams(params: Record<string, QueryValue>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(`${key}[]`, String(item));
    else search.append(key, String(value));
  }
  return search;
}

export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1000, 30_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - Date.now(), 0), 30_000);
}

export function parseJson(text: string, contentType: string | string[] | undefined): unknown {
  const type = String(contentType ?? '');
  if (!text || !(type.includes('json') || /^\s*[{[]/.test(text))) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Reads a response body up to `maxBytes`, reporting the bytes received to `counted` once
 * (also when the cap stops the read: they crossed the wire all the same). The count is of the
 * bytes as sent, not of the decoded text, which differs for a body that is not valid UTF-8.
 * A chunk arriving after `deadline.at` (performance.now() ms) fails the read with its error.
 */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  vendor: Vendor,
  counted: (bytes: number) => void,
  deadline?: { at: number; error: () => VendorError },
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) throw new VendorError(vendor, 'VENDOR_ERROR', `${vendor}: response larger than ${maxBytes} bytes`);
      // Checked per chunk (no timer per call); a body that stops altogether is undici's bodyTimeout.
      if (deadline && performance.now() > deadline.at) throw deadline.error();
      chunks.push(chunk);
    }
  } finally {
    counted(size);
  }
  // Most answers arrive in one chunk: decode it as it is instead of copying it first.
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
}
