/**
 * IoTaaP login tokens: JWT-shaped HS256 strings signed with a secret local to one simulator,
 * with `sub` (user id) and `exp` 30 days ahead (VENDOR-NOTES, IoTaaP). Clients send them as
 * `Authorization: Bearer <token>`; anything else gets a plain-text 401 `Unauthorized`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimResponse } from '../router';

/** Token lifetime: 30 days, whatever `rememberMe` says (the notes know no other). */
export const IOTAAP_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The answer to a missing, invalid or expired token: IoTaaP's plain-text 401, not JSON. */
export const IOTAAP_UNAUTHORIZED: SimResponse = { status: 401, text: 'Unauthorized' };

export interface IotaapAuth {
  /** A signed token for `userId`, valid for `IOTAAP_TOKEN_TTL_SECONDS`. */
  issue(userId: string): string;
  /** The user id of a valid `Bearer` token in an `Authorization` header, else `undefined`. */
  verify(authorization: string | undefined): string | undefined;
}

export interface IotaapAuthOptions {
  /** HMAC key. @default 32 random bytes, so tokens work only against the simulator that issued them */
  secret?: string | Buffer;
  /** Clock in ms epoch, injectable so tests can expire tokens. @default Date.now */
  now?: () => number;
}

/** Creates the token issuer and checker of one simulator. */
export function createIotaapAuth(options: IotaapAuthOptions = {}): IotaapAuth {
  const secret = options.secret ?? randomBytes(32);
  const now = options.now ?? Date.now;
  const sign = (input: string): Buffer => createHmac('sha256', secret).update(input).digest();

  return {
    issue(userId) {
      const iat = Math.floor(now() / 1000);
      const header = encodeJson({ alg: 'HS256', typ: 'JWT' });
      const payload = encodeJson({ sub: userId, iat, exp: iat + IOTAAP_TOKEN_TTL_SECONDS });
      return `${header}.${payload}.${sign(`${header}.${payload}`).toString('base64url')}`;
    },
    verify(authorization) {
      const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization?.trim() ?? '');
      if (!match) return undefined;
      const [, header, payload, signature] = match;
      const expected = sign(`${header}.${payload}`);
      const received = Buffer.from(signature, 'base64url');
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) return undefined;
      const claims = decodeJson(payload);
      if (typeof claims?.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      return claims.exp * 1000 > now() ? claims.sub : undefined;
    },
  };
}

// Private:

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
