import type { AccountFlow, LinkedCredential } from '../account-flow';
import { VendorError } from '../../core/errors';
import type { VendorHttp } from '../http';
import { parseWire } from '../validate';
import { igtimiAuthHeader, igtimiAuthorizeUrl } from './igtimi.auth';
import { tokenSchema, userAnswerSchema } from './igtimi.schemas';

/**
 * A caller's Igtimi account through OAuth2 authorization code: the user signs in on Igtimi's
 * authorize page, which sends the browser back to the gateway's callback with a code; the code
 * is exchanged with the gateway's client secret (never the caller's). A token that says
 * `expires_in` is renewed a minute before with its `refresh_token` (`grant_type=refresh_token`,
 * the gateway's client secret again; the new refresh token replaces the used one), and on a 401
 * mid-request. A refresh Igtimi refuses (4xx: `invalid_grant`, the user revoked the app), or an
 * expired token without a refresh token, needs the user to sign in again (RELINK_REQUIRED).
 */
export function igtimiAccountFlow(http: VendorHttp, baseUrl: string, clientId: string, clientSecret: string): AccountFlow {
  const token = async (form: Record<string, string>): Promise<Omit<LinkedCredential, 'label'>> => {
    const response = await http.request({
      operation: 'oauth.token',
      method: 'POST',
      path: ['oauth', 'token'],
      form: { ...form, client_id: clientId, client_secret: clientSecret },
    });
    const answer = parseWire('IGTIMI', 'oauth.token', tokenSchema, response.json);
    const expiresIn = answer.expires_in;
    const refreshToken = answer.refresh_token ?? null;
    return {
      token: answer.access_token,
      expiresAt: typeof expiresIn === 'number' && expiresIn > 0 ? Date.now() + expiresIn * 1000 : null,
      material: refreshToken ? { refreshToken } : {},
    };
  };
  return {
    inputs: ['code', 'redirectUri'],
    refreshBeforeMs: 60_000,
    authorizeUrl: (state, redirectUri) => `${igtimiAuthorizeUrl(baseUrl, clientId, redirectUri, 'code')}&state=${encodeURIComponent(state)}`,
    async link(input) {
      const credential = await token({ grant_type: 'authorization_code', code: input.code ?? '', redirect_uri: input.redirectUri ?? '' });
      const response = await http.request({ operation: 'account.show', method: 'GET', path: ['api', 'v1', 'account'], headers: igtimiAuthHeader(credential.token) });
      const { user } = parseWire('IGTIMI', 'account.show', userAnswerSchema, response.json);
      return { label: user.email ?? String(user.id), ...credential };
    },
    async refresh(current) {
      const refreshToken = current.material.refreshToken;
      if (!refreshToken) throw new VendorError('IGTIMI', 'UNAUTHENTICATED', 'The Igtimi token ran out and came without a refresh token: the user signs in again');
      try {
        return { ...current, ...(await token({ grant_type: 'refresh_token', refresh_token: refreshToken })) };
      } catch (error) {
        // RFC 6749 §5.2: a refused grant is a 4xx (400 invalid_grant, 401 invalid_client): for good.
        if (error instanceof VendorError && refusedForGood(error.status)) {
          throw new VendorError('IGTIMI', 'UNAUTHENTICATED', 'Igtimi refused the refresh token: the user signs in again', error.status);
        }
        throw error;
      }
    },
    async revoke(current) {
      await http.request({ operation: 'oauth.revoke', method: 'POST', path: ['oauth', 'revoke'], form: { token: current.token, client_id: clientId, client_secret: clientSecret } });
    },
  };
}

function refusedForGood(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
