import type { VendorConfig } from '../../config';
import { ConfigError } from '../../config';
import type { VendorCalls } from '../http';
import { FlowTokenProvider, StaticTokenProvider, jwtExpiry, type IssuedToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { THINGSEE_TOKEN_TTL_MS } from './thingsee.model';
import { clientTokenSchema } from './thingsee.schemas';
import type { ThingseeWireClientTokenRequest } from './thingsee.wire';

/** Refresh this long before expiry, but never more than a fifth of the token's life. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The gateway's own Thingsee credential: `THINGSEE_TOKEN` as is, or `THINGSEE_CLIENT_ID` +
 * `THINGSEE_CLIENT_SECRET` through `POST /auth/client-token`. The answer carries no expiry;
 * the doc says 15 minutes, so that is assumed unless the token is a JWT with its own `exp`.
 * Refreshed before expiry and once on 401; concurrent requests share one flow in flight
 * (FlowTokenProvider). Null when neither is configured (callers then bring `x-thingsee-token`).
 */
export function thingseeTokenProvider(config: VendorConfig, http: VendorCalls, now: () => number = Date.now): TokenProvider | null {
  if (config.token) return new StaticTokenProvider(config.token);
  const { CLIENT_ID: clientId, CLIENT_SECRET: clientSecret } = config.credentials;
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) throw new ConfigError('THINGSEE_CLIENT_ID and THINGSEE_CLIENT_SECRET must be set together');
  return new FlowTokenProvider((calls) => thingseeClientToken(calls ?? http, clientId, clientSecret, now), 0, now);
}

/**
 * `POST /auth/client-token` (the gateway's and a linking caller's flow). `expiresAt` is already
 * moved forward by the refresh margin, so callers renew at it.
 */
export async function thingseeClientToken(http: VendorCalls, clientId: string, clientSecret: string, now: () => number = Date.now): Promise<IssuedToken> {
  const issuedAt = now();
  const body: ThingseeWireClientTokenRequest = { client_id: clientId, client_secret: clientSecret };
  const response = await http.request({ operation: 'auth.clientToken', method: 'POST', path: ['auth', 'client-token'], json: body });
  const { token } = parseWire('THINGSEE', 'auth.clientToken', clientTokenSchema, response.json).data;
  const expiresAt = jwtExpiry(token) ?? issuedAt + THINGSEE_TOKEN_TTL_MS;
  const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, (expiresAt - issuedAt) / 5));
  return { token, expiresAt: expiresAt - margin };
}

export function thingseeAuthHeader(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
