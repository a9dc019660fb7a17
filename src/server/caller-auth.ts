import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import type { Caller } from '../context/context';
import { TributaryError } from '../core/errors';

/** What a caller presented: `x-api-key`, or `Authorization: Bearer <jwt>`. */
export interface PresentedCredentials {
  apiKey?: string | null;
  authorization?: string | null;
}

/**
 * Authenticates gateway callers. API keys are kept as SHA-256 digests and compared in
 * constant time against every configured digest; JWTs are verified with the HS256 secret or
 * the JWKS. A caller without credentials is anonymous where that is allowed.
 */
export class CallerAuthenticator {
  private readonly hashes: Buffer[];
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly secret: Uint8Array | null;

  constructor(private readonly config: AuthConfig) {
    this.hashes = config.apiKeyHashes.map((hex) => Buffer.from(hex, 'hex'));
    this.jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : null;
    this.secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
  }

  async authenticate(presented: PresentedCredentials): Promise<Caller> {
    const apiKey = presented.apiKey?.trim();
    if (apiKey) return this.byApiKey(apiKey);
    const bearer = /^Bearer\s+(.+)$/i.exec(presented.authorization?.trim() ?? '')?.[1];
    if (bearer) return this.byJwt(bearer);
    if (this.config.allowAnonymous) return { kind: 'anonymous', id: null };
    throw unauthenticated('This gateway needs an API key (x-api-key) or a bearer token (Authorization: Bearer …)');
  }

  // Private:

  private byApiKey(key: string): Caller {
    const digest = createHash('sha256').update(key).digest();
    // Compare with every digest, so the time taken does not tell which one (if any) matched.
    let match = -1;
    this.hashes.forEach((hash, index) => {
      if (timingSafeEqual(hash, digest)) match = index;
    });
    if (match < 0) throw unauthenticated('The API key is not valid');
    return { kind: 'api-key', id: `key:${digest.toString('hex').slice(0, 12)}` };
  }

  private async byJwt(token: string): Promise<Caller> {
    const options = {
      ...(this.config.jwtIssuer ? { issuer: this.config.jwtIssuer } : {}),
      ...(this.config.jwtAudience ? { audience: this.config.jwtAudience } : {}),
    };
    try {
      if (!this.secret && !this.jwks) throw new Error('no JWT verification configured');
      const { payload } = this.secret
        ? await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })
        : await jwtVerify(token, this.jwks as JWTVerifyGetKey, options);
      return { kind: 'jwt', id: typeof payload.sub === 'string' ? `jwt:${payload.sub}` : 'jwt:anonymous-subject' };
    } catch {
      throw unauthenticated('The bearer token is not valid (signature, expiry, issuer or audience)');
    }
  }
}

function unauthenticated(message: string): TributaryError {
  return new TributaryError(message, 'UNAUTHENTICATED');
}
