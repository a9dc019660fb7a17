import type { VendorConfig } from '../../config';
import { ConfigError } from '../../config';
import type { VendorCalls } from '../http';
import { FlowTokenProvider, StaticTokenProvider, jwtExpiry, type IssuedToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { tokenSchema } from './mainflux.schemas';
import type { MainfluxWireCredentials } from './mainflux.wire';

/** Used when a token carries no `exp`: Mainflux user tokens live minutes to hours (VENDOR-NOTES). */
const FALLBACK_LIFETIME_MS = 10 * 60 * 1000;
/** Renew this long before `exp`, so a request never starts with a token about to lapse. */
const RENEW_BEFORE_MS = 60 * 1000;

/**
 * The gateway's own Mainflux credential: `MAINFLUX_TOKEN` as is, or `MAINFLUX_EMAIL` +
 * `MAINFLUX_PASSWORD` through `POST /tokens`, renewed a minute before `exp` and once on 401.
 * Null when neither is configured (callers must then bring `x-mainflux-token`).
 */
export function mainfluxTokenProvider(config: VendorConfig, http: VendorCalls): TokenProvider | null {
  if (config.token) return new StaticTokenProvider(config.token);
  const { EMAIL: email, PASSWORD: password } = config.credentials;
  if (!email && !password) return null;
  if (!email || !password) throw new ConfigError('MAINFLUX_EMAIL and MAINFLUX_PASSWORD must be set together');
  return new FlowTokenProvider((calls) => mainfluxLogin(calls ?? http, email, password), RENEW_BEFORE_MS);
}

/** `POST /tokens`: a user token for e-mail + password (the gateway's and a linking caller's login). */
export async function mainfluxLogin(http: VendorCalls, email: string, password: string): Promise<IssuedToken> {
  const body: MainfluxWireCredentials = { email, password };
  const response = await http.request({ operation: 'tokens.create', method: 'POST', path: ['tokens'], json: body });
  const { token } = parseWire('MAINFLUX', 'tokens.create', tokenSchema, response.json);
  return { token, expiresAt: jwtExpiry(token) ?? Date.now() + FALLBACK_LIFETIME_MS };
}

/** Users authenticate as `Bearer <token>`, things as `Thing <key>` (doc: Send/Read Messages). */
export function mainfluxAuthHeader(credential: { token: string } | { thingKey: string }): Record<string, string> {
  return { authorization: 'token' in credential ? `Bearer ${credential.token}` : `Thing ${credential.thingKey}` };
}
