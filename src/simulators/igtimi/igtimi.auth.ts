/**
 * Igtimi OAuth 2 as documented (authorize, token) plus what the Doorkeeper-style servers Igtimi
 * runs on add: RFC 7009 revocation at `/oauth/revoke`, and refresh tokens (RFC 6749 §6). Tokens
 * go as `access_token` (query or form) or `Authorization: Bearer`. Client-credentials tokens are
 * reused while valid (Doorkeeper's `reuse_access_token`), so a client sees one token per app,
 * and do not expire. Authorization-code tokens live `userTokenTtlSeconds` (2 hours) and come
 * with a refresh token: `grant_type=refresh_token` with the client's id and secret issues a new
 * pair and revokes the old one (a refresh token works once); revoking either revokes both.
 *
 * The authorize page has no sign-in form: `login_hint` (a user's e-mail or id) picks the user
 * who signs in and approves at once, the demo user without it. `state` is echoed unchanged, and
 * the code's token is that user's. Besides the registered `redirect_uri`, any loopback one is
 * accepted, so a gateway on port 0 can receive the redirect in tests and the demo.
 */
import { jsonResponse, type Router, type SimRequest, type SimResponse } from '../router';
import { IGTIMI_DEMO_USER_ID } from './igtimi.seed';
import { params, text, UNAUTHORIZED, type IgtimiContext, type IgtimiRoute, type IssuedToken, type SimCaller } from './igtimi.store';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function registerOAuthRoutes(router: Router, context: IgtimiContext): void {
  const codes = new Map<string, { userId: number; redirect: string }>();
  const client = () => context.state.client;

  router.add('GET', '/oauth/authorize', (request) => {
    const query = request.query;
    const redirect = text(query, 'redirect_uri');
    if (text(query, 'client_id') !== client().client_id || !redirect || !(redirect === client().redirect_uri || isLoopback(redirect))) {
      return jsonResponse(400, { error: 'invalid_request', reason: 'Unknown client or redirect_uri' });
    }
    const hint = text(query, 'login_hint');
    const user = hint ? context.state.users.find((u) => u.email === hint || String(u.id) === hint) : context.state.users.find((u) => u.id === IGTIMI_DEMO_USER_ID);
    if (!user) return jsonResponse(400, { error: 'access_denied', reason: 'No such user' });
    const state = text(query, 'state');
    const echoed = state === undefined ? '' : `&state=${encodeURIComponent(state)}`;
    if (text(query, 'response_type') === 'token') {
      return { status: 302, headers: { location: `${redirect}#access_token=${issue(context, null, user.id)}&token_type=bearer${echoed}` } };
    }
    if (text(query, 'response_type') !== 'code') return jsonResponse(400, { error: 'unsupported_response_type' });
    const code = context.random.chars(20, TOKEN_ALPHABET);
    codes.set(code, { userId: user.id, redirect });
    return { status: 302, headers: { location: `${redirect}${redirect.includes('?') ? '&' : '?'}code=${code}${echoed}` } };
  });

  router.add('POST', '/oauth/token', (request) => {
    const form = params(request);
    const grant = text(form, 'grant_type');
    if (grant === 'authorization_code') {
      const code = text(form, 'code') ?? '';
      const granted = codes.get(code);
      // Single use, and only with the redirect_uri it was issued for (RFC 6749 4.1.3).
      codes.delete(code);
      if (!granted || text(form, 'redirect_uri') !== granted.redirect) return jsonResponse(400, { error: 'invalid_grant' });
      return userTokenAnswer(context, granted.userId);
    }
    if (grant !== 'client_credentials' && grant !== 'refresh_token') return jsonResponse(400, { error: 'unsupported_grant_type' });
    if (text(form, 'client_id') !== client().client_id || text(form, 'client_secret') !== client().client_secret) {
      return jsonResponse(401, { error: 'invalid_client', reason: 'Client authentication failed' });
    }
    if (grant === 'refresh_token') {
      const previous = findToken(context, text(form, 'refresh_token') ?? '');
      if (!previous || previous.refreshToken === null || previous.revoked) {
        return jsonResponse(400, { error: 'invalid_grant', reason: 'The refresh token is invalid, revoked or already used' });
      }
      previous.revoked = true;
      return userTokenAnswer(context, previous.userId);
    }
    const reused = [...context.tokens].find(([, t]) => t.clientId === client().client_id && !t.revoked)?.[0];
    return jsonResponse(200, { access_token: reused ?? issue(context, client().client_id), token_type: 'bearer' });
  });

  router.add('POST', '/oauth/revoke', (request) => {
    // An access token or its refresh token: either revokes the pair.
    const entry = findToken(context, text(params(request), 'token') ?? '');
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
  const valid = issued && !issued.revoked && (issued.expiresAt === null || issued.expiresAt > context.now());
  const userId = fixed ?? (valid ? issued.userId : undefined);
  const user = context.state.users.find((u) => u.id === userId);
  return user ? { user, application: Boolean(issued?.clientId) } : undefined;
}

/** A user's token; the demo application's own (client credentials) acts for its owner, the demo user. */
function issue(context: IgtimiContext, clientId: string | null, userId = IGTIMI_DEMO_USER_ID): string {
  const token = context.random.chars(40, TOKEN_ALPHABET);
  context.tokens.set(token, { userId, clientId, revoked: false, expiresAt: null, refreshToken: null });
  return token;
}

/** The authorization-code and refresh grants' answer: an expiring user token and its refresh token. */
function userTokenAnswer(context: IgtimiContext, userId: number): SimResponse {
  const token = context.random.chars(40, TOKEN_ALPHABET);
  const refreshToken = context.random.chars(40, TOKEN_ALPHABET);
  const ttl = context.userTokenTtlSeconds;
  context.tokens.set(token, { userId, clientId: null, revoked: false, expiresAt: context.now() + ttl * 1000, refreshToken });
  return jsonResponse(200, { access_token: token, token_type: 'bearer', expires_in: ttl, refresh_token: refreshToken });
}

/** The issued token whose access or refresh token is `value`. */
function findToken(context: IgtimiContext, value: string): IssuedToken | undefined {
  if (!value) return undefined;
  return context.tokens.get(value) ?? [...context.tokens.values()].find((entry) => entry.refreshToken === value);
}

function isLoopback(uri: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(uri).hostname);
  } catch {
    return false;
  }
}
