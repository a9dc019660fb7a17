/**
 * Thingsee client tokens: `POST /auth/client-token {client_id, client_secret}` →
 * `{ data: { token } }`. Tokens are JWT-shaped HS256 strings signed with a secret local to
 * one simulator, with `exp` 15 minutes ahead (shortenable for tests); several may coexist.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 15 minutes, as documented. */
export const THINGSEE_TOKEN_TTL_SECONDS = 15 * 60;

export interface ThingseeAuth {
  /** A signed token for `clientId`. */
  issue(clientId: string): string;
  /** The client id of a valid, unexpired, unrevoked `Bearer` token, else `undefined`. */
  verify(authorization: string | undefined): string | undefined;
  /** Invalidates every token issued so far (tests: the vendor forgetting tokens, a 401 mid-life). */
  revokeAll(): void;
}

export interface ThingseeAuthOptions {
  /** Token life in seconds. @default 900 */
  ttlSeconds?: number;
  /** Clock in ms epoch. @default Date.now */
  now?: () => number;
}

export function createThingseeAuth(options: ThingseeAuthOptions = {}): ThingseeAuth {
  const secret = randomBytes(32);
  const ttl = options.ttlSeconds ?? THINGSEE_TOKEN_TTL_SECONDS;
  const now = options.now ?? Date.now;
  let generation = 0;
  let serial = 0;
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();
  return {
    issue(clientId) {
      const iat = now() / 1000;
      serial += 1;
      const header = encode({ alg: 'HS256', typ: 'JWT' });
      // `jti` keeps tokens issued in the same millisecond distinct ("multiple simultaneous tokens").
      const payload = encode({ sub: clientId, iat: Math.floor(iat), exp: iat + ttl, gen: generation, jti: serial });
      return `${header}.${payload}.${sign(`${header}.${payload}`).toString('base64url')}`;
    },
    verify(authorization) {
      const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization?.trim() ?? '');
      if (!match) return undefined;
      const [, header, payload, signature] = match;
      const expected = sign(`${header}.${payload}`);
      const received = Buffer.from(signature, 'base64url');
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) return undefined;
      const claims = decode(payload);
      if (typeof claims?.sub !== 'string' || typeof claims.exp !== 'number' || claims.gen !== generation) return undefined;
      return claims.exp * 1000 > now() ? claims.sub : undefined;
    },
    revokeAll() {
      generation += 1;
    },
  };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
