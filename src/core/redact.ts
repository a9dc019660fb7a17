import { VENDORS, vendorKey } from './vendor';

/**
 * Secrets never leave the gateway: vendor payloads shown as `raw` and everything logged
 * pass through here. Keys are matched by name, case-insensitively.
 */
export const SECRET_KEYS = [
  'token',
  'access_token',
  'refresh_token',
  'password',
  'pwd',
  'secret',
  'client_secret',
  'key',
  'apikey',
  'api_key',
  'appkey',
  'oauthkey',
  'sesskey',
  'authorization',
  'x-api-key',
] as const;

/** Per-vendor credential headers (`x-<vendor>-token`). */
const VENDOR_TOKEN_HEADER = /^x-[a-z]+-token$/;

export const REDACTED = '[REDACTED]';

const secretKeySet = new Set<string>(SECRET_KEYS);

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return secretKeySet.has(lower) || VENDOR_TOKEN_HEADER.test(lower);
}

/** Deep copy of `value` with every secret-named key's value replaced by `[REDACTED]`. */
export function redact<T>(value: T): T {
  return redactValue(value, 0) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  // Object.keys, not Object.entries: one array per object instead of one per key as well.
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const inner = source[key];
    out[key] = inner !== null && inner !== undefined && isSecretKeyCached(key) ? REDACTED : redactValue(inner, depth + 1);
  }
  return out;
}

/**
 * Payloads repeat the same few keys in every record; each key's answer is remembered
 * (bounded, so payloads with ever-new keys — ids as keys — cannot grow it without end).
 */
const secretKeyAnswers = new Map<string, boolean>();

function isSecretKeyCached(key: string): boolean {
  let secret = secretKeyAnswers.get(key);
  if (secret === undefined) {
    secret = isSecretKey(key);
    if (secretKeyAnswers.size < 10_000) secretKeyAnswers.set(key, secret);
  }
  return secret;
}

/** Pino redaction paths for the same keys (vendor token headers included), one and two levels deep. */
export function pinoRedactPaths(): string[] {
  const keys = [...SECRET_KEYS, ...VENDORS.map((vendor) => `x-${vendorKey(vendor)}-token`)];
  return keys.flatMap((key) => {
    const k = key.includes('-') ? `["${key}"]` : key;
    const dotted = key.includes('-') ? k : `.${k}`;
    return [k, `*${dotted}`, `*.*${dotted}`];
  });
}
