import type { VendorConfig } from '../../config';
import { ConfigError } from '../../config';
import type { VendorCalls } from '../http';
import { FlowTokenProvider, StaticTokenProvider, jwtExpiry, type IssuedToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { loginSchema } from './iotaap.schemas';
import type { IotaapWireLoginRequest } from './iotaap.wire';

/** IoTaaP tokens live 30 days (VENDOR-NOTES); used when the token carries no `exp`. */
const TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/**
 * The gateway's own IoTaaP credential: `IOTAAP_TOKEN` as is, or `IOTAAP_EMAIL` +
 * `IOTAAP_PASSWORD` through `POST /auth/login`, refreshed a day before expiry and once on 401.
 * Null when neither is configured (callers must then bring `x-iotaap-token`).
 */
export function iotaapTokenProvider(config: VendorConfig, http: VendorCalls): TokenProvider | null {
  if (config.token) return new StaticTokenProvider(config.token);
  const { EMAIL: email, PASSWORD: password } = config.credentials;
  if (!email && !password) return null;
  if (!email || !password) throw new ConfigError('IOTAAP_EMAIL and IOTAAP_PASSWORD must be set together');
  return new FlowTokenProvider((calls) => iotaapLogin(calls ?? http, email, password), IOTAAP_RENEW_BEFORE_MS);
}

/** Renew a day before the 30 days run out. */
export const IOTAAP_RENEW_BEFORE_MS = 24 * 3600 * 1000;

/** `POST /auth/login`: a token for e-mail + password (the gateway's and a linking caller's login). */
export async function iotaapLogin(http: VendorCalls, email: string, password: string): Promise<IssuedToken> {
  const body: IotaapWireLoginRequest = { email, password, rememberMe: true };
  const response = await http.request({ operation: 'auth.login', method: 'POST', path: ['auth', 'login'], json: body });
  const { token } = parseWire('IOTAAP', 'auth.login', loginSchema, response.json);
  return { token, expiresAt: jwtExpiry(token) ?? Date.now() + TOKEN_LIFETIME_MS };
}

/** The header IoTaaP reads; the scheme is configurable (`IOTAAP_AUTH_SCHEME`, default Bearer). */
export function iotaapAuthHeader(scheme: string, token: string): Record<string, string> {
  return { authorization: scheme ? `${scheme} ${token}` : token };
}
