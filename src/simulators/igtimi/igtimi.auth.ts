/**
 * Igtimi OAuth 2 as documented (authorize, token) plus RFC 7009 revocation, which the
 * Doorkeeper-style servers Igtimi runs on answer at `/oauth/revoke`. Tokens go as
 * `access_token` (query or form) or `Authorization: Bearer`. Client-credentials tokens are
 * reused while valid (Doorkeeper's `reuse_access_token`), so a client sees one token per app.
 */
import { jsonResponse, type Router, type SimRequest } from '../router';
import { IGTIMI_DEMO_USER_ID } from './igtimi.seed';
import { params, text, UNAUTHORIZED, type IgtimiContext, type IgtimiRoute, type SimCaller } from './igtimi.store';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function registerOAuthRoutes(router: Router, context: IgtimiContext): void {
  const codes = new Map<string, string>();
  const client = () => context.state.client;

  router.add('GET', '/oauth/authorize', (request) => {
    const query = request.query;
    const redirect = text(query, 'redirect_uri');
    if (text(query, 'client_id') !== client().client_id || redirect !== client().redirect_uri) {
      return jsonResponse(400, { error: 'invalid_request', reason: 'Unknown client or redirect_uri' });
    }
    // The simulator has no sign-in page: the demo user is signed in and approves at once.
    if (text(query, 'response_type') === 'token') {
      return { status: 302, headers: { location: `${redirect}#access_token=${issue(context, null)}&token_type=bearer` } };
    }
    if (text(query, 'response_type') !== 'code') return jsonResponse(400, { error: 'unsupported_response_type' });
    const code = context.random.chars(20, TOKEN_ALPHABET);
    codes.set(code, client().client_id);
    return { status: 302, headers: { location: `${redirect}?code=${code}` } };
  });

  router.add('POST', '/oauth/token', (request) => {
    const form = params(request);
    const grant = text(form, 'grant_type');
    if (grant === 'authorization_code') {
      const code = text(form, 'code') ?? '';
      if (!codes.delete(code) || text(form, 'redirect_uri') !== client().redirect_uri) return jsonResponse(400, { error: 'invalid_grant' });
      return jsonResponse(200, { access_token: issue(context, null), token_type: 'bearer' });
    }
    if (grant !== 'client_credentials') return jsonResponse(400, { error: 'unsupported_grant_type' });
    if (text(form, 'client_id') !== client().client_id || text(form, 'client_secret') !== client().client_secret) {
      return jsonResponse(401, { error: 'invalid_client', reason: 'Client authentication failed' });
    }
    const reused = [...context.tokens].find(([, t]) => t.clientId === client().client_id && !t.revoked)?.[0];
    return jsonResponse(200, { access_token: reused ?? issue(context, client().client_id), token_type: 'bearer' });
  });

  router.add('POST', '/oauth/revoke', (request) => {
    const entry = context.tokens.get(text(params(request), 'token') ?? '');
    if (entry) entry.revoked = true;
    // RFC 7009: an unknown token is answered like a known one.
    return jsonResponse(200, {});
  });
}

/** Wraps a route behind the token check. */
export function authenticated(router: Router, context: IgtimiContext): IgtimiRoute {
  return (method, pattern, handler) => {
    router.add(method, pattern, (request) => {
      const caller = callerOf(context, request);
      return caller ? handler(request, caller) : UNAUTHORIZED;
    });
  };
}

export function callerOf(context: IgtimiContext, request: SimRequest): SimCaller | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = header ?? text(params(request), 'access_token') ?? '';
  return callerOfToken(context, token);
}

export function callerOfToken(context: IgtimiContext, token: string): SimCaller | undefined {
  const fixed = context.state.userTokens[token];
  const issued = context.tokens.get(token);
  const userId = fixed ?? (issued && !issued.revoked ? issued.userId : undefined);
  const user = context.state.users.find((u) => u.id === userId);
  return user ? { user, application: Boolean(issued?.clientId) } : undefined;
}

function issue(context: IgtimiContext, clientId: string | null): string {
  const token = context.random.chars(40, TOKEN_ALPHABET);
  // The demo application acts for its owner, the demo user.
  context.tokens.set(token, { userId: IGTIMI_DEMO_USER_ID, clientId, revoked: false });
  return token;
}
