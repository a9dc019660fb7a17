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
  'x-igtimi-token',
  'x-iotaap-token',
  'x-mainflux-token',
  'x-timetonic-token',
  'x-thingsee-token',
  'x-api-key',
] as const;

export const REDACTED = '[REDACTED]';

const secretKeySet = new Set<string>(SECRET_KEYS);

export function isSecretKey(key: string): boolean {
  return secretKeySet.has(key.toLowerCase());
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
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactValue(inner, depth + 1);
  }
  return out;
}

/** Pino redaction paths for the same keys, one and two levels deep. */
export function pinoRedactPaths(): string[] {
  return SECRET_KEYS.flatMap((key) => {
    const k = key.includes('-') ? `["${key}"]` : key;
    const dotted = key.includes('-') ? k : `.${k}`;
    return [k, `*${dotted}`, `*.*${dotted}`];
  });
}
