/**
 * Mainflux user tokens: JWT-shaped HS256 strings signed with a secret local to one simulator,
 * with the doc's claims (`sub` e-mail, `issuer_id` user id, `type` 0 for login, 2 for API keys)
 * and a short `exp` (VENDOR-NOTES: minutes to hours). Clients send `Authorization: Bearer <token>`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Login tokens live one hour. */
export const MAINFLUX_TOKEN_TTL_SECONDS = 60 * 60;

export interface MainfluxAuth {
  /** A signed token for the user, valid `ttlSeconds`; `jti` names an API key. */
  issue(user: { id: string; email: string }, type: number, ttlSeconds: number, jti?: string): string;
  /** The claims of a valid `Bearer` token, else undefined. */
  verify(authorization: string | undefined): { userId: string; jti: string | null } | undefined;
}

export function createMainfluxAuth(now: () => number, secret: Buffer = randomBytes(32)): MainfluxAuth {
  const sign = (input: string): Buffer => createHmac('sha256', secret).update(input).digest();
  return {
    issue(user, type, ttlSeconds, jti) {
      const iat = Math.floor(now() / 1000);
      const header = encode({ alg: 'HS256', typ: 'JWT' });
      const payload = encode({ exp: iat + ttlSeconds, iat, iss: 'mainflux.auth', sub: user.email, issuer_id: user.id, type, ...(jti ? { jti } : {}) });
      return `${header}.${payload}.${sign(`${header}.${payload}`).toString('base64url')}`;
    },
    verify(authorization) {
      const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization?.trim() ?? '');
      if (!match) return undefined;
      const [, header, payload, signature] = match;
      const expected = sign(`${header}.${payload}`);
      const received = Buffer.from(signature!, 'base64url');
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) return undefined;
      const claims = decode(payload!);
      if (typeof claims?.issuer_id !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return undefined;
      return { userId: claims.issuer_id, jti: typeof claims.jti === 'string' ? claims.jti : null };
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
