import type { VendorConfig } from '../../config';
import { ConfigError } from '../../config';
import { encodeParams, type VendorCalls } from '../http';
import { FlowTokenProvider, StaticTokenProvider, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { tokenSchema } from './igtimi.schemas';

/**
 * The gateway's own Igtimi credential, first match wins: `IGTIMI_TOKEN` or
 * `IGTIMI_ACCESS_TOKEN` as is, else `IGTIMI_CLIENT_ID` + `IGTIMI_CLIENT_SECRET` through the
 * OAuth2 client-credentials grant (`POST /oauth/token`). Igtimi tokens historically never
 * expired; an `expires_in`, when a server sends one, is honoured, and a 401 runs the grant
 * again once (`withToken`). Null when nothing is configured: callers bring `x-igtimi-token`.
 */
export function igtimiTokenProvider(config: VendorConfig, http: VendorCalls): TokenProvider | null {
  const fixed = config.token ?? config.credentials.ACCESS_TOKEN;
  if (fixed) return new StaticTokenProvider(fixed);
  const { CLIENT_ID: clientId, CLIENT_SECRET: clientSecret } = config.credentials;
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) throw new ConfigError('IGTIMI_CLIENT_ID and IGTIMI_CLIENT_SECRET must be set together');
  return new FlowTokenProvider(async (calls = http) => {
    const response = await calls.request({
      operation: 'oauth.token',
      method: 'POST',
      path: ['oauth', 'token'],
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    const answer = parseWire('IGTIMI', 'oauth.token', tokenSchema, response.json);
    const expiresIn = answer.expires_in;
    return { token: answer.access_token, expiresAt: typeof expiresIn === 'number' && expiresIn > 0 ? Date.now() + expiresIn * 1000 : null };
  });
}

/** Igtimi takes the token as `access_token` or `Authorization: Bearer`; the header keeps it out of URLs and logs. */
export function igtimiAuthHeader(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * Where a front-end sends its user to sign in (OAuth2 authorize step, `response_type` code or
 * token); the user token it gets back travels as `x-igtimi-token`.
 */
export function igtimiAuthorizeUrl(baseUrl: string, clientId: string, redirectUri: string, responseType: 'code' | 'token'): string {
  const query = encodeParams({ response_type: responseType, client_id: clientId, redirect_uri: redirectUri });
  return `${baseUrl.replace(/\/+$/, '')}/oauth/authorize?${query.toString()}`;
}
