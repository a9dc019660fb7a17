import type { VendorConfig } from '../../config';
import { ConfigError } from '../../config';
import { BadUserInputError } from '../../core/errors';
import type { VendorCalls } from '../http';
import { FlowTokenProvider, StaticTokenProvider, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { appkeySchema, oauthkeySchema, sesskeySchema } from './timetonic.schemas';

/** The API version the gateway speaks (doc history: 6.41 pages table reads by 100 rows). */
export const TIMETONIC_API_VERSION = '6.41';

/** A TimeTonic session: the user (`o_u`, also sent as `u_c`) and its session key. */
export interface TimetonicSession {
  ou: string;
  sesskey: string;
}

/**
 * Sessions travel through the generic TokenProvider as one string, `<o_u>:<sesskey>`: the
 * same form a caller sends in `x-timetonic-token`. A sesskey has no colon (`JQri-DSRj-…-0`).
 */
export function encodeSession(session: TimetonicSession): string {
  return `${session.ou}:${session.sesskey}`;
}

export function decodeSession(token: string): TimetonicSession {
  const at = token.lastIndexOf(':');
  const ou = token.slice(0, at).trim();
  const sesskey = token.slice(at + 1).trim();
  if (at <= 0 || !ou || !/^[A-Za-z0-9-]{8,128}$/.test(sesskey)) {
    throw new BadUserInputError('x-timetonic-token must be "<o_u>:<sesskey>" (a TimeTonic user id and session key)');
  }
  return { ou, sesskey };
}

/**
 * The gateway's own TimeTonic session: `TIMETONIC_OU` + `TIMETONIC_SESSKEY` as is, or the key
 * chain `createAppkey(appname)` → `createOauthkey(login, pwd, appkey)` →
 * `createSesskey(o_u, u_c, oauthkey)` from `TIMETONIC_APPNAME`, `_LOGIN`, `_PASSWORD`.
 * A sesskey has no lifetime but can be revoked: `withToken` reruns the chain once on an
 * invalid-session answer (VENDOR-NOTES). Null when nothing is configured (callers must then
 * bring `x-timetonic-token`).
 */
export function timetonicSessionProvider(config: VendorConfig, http: VendorCalls): TokenProvider | null {
  const { OU: ou, SESSKEY: sesskey, APPNAME: appname, LOGIN: login, PASSWORD: password } = config.credentials;
  if (ou || sesskey) {
    if (!ou || !sesskey) throw new ConfigError('TIMETONIC_OU and TIMETONIC_SESSKEY must be set together');
    return new StaticTokenProvider(encodeSession({ ou, sesskey }));
  }
  if (config.token) return new StaticTokenProvider(encodeSession(decodeSession(config.token)));
  if (!appname && !login && !password) return null;
  if (!appname || !login || !password) {
    throw new ConfigError('TIMETONIC_APPNAME, TIMETONIC_LOGIN and TIMETONIC_PASSWORD must be set together');
  }
  return new FlowTokenProvider(async (calls = http) => {
    const oauth = await timetonicOauthkey(calls, appname, login, password);
    return { token: encodeSession({ ou: oauth.ou, sesskey: await timetonicSesskey(calls, oauth) }), expiresAt: null };
  });
}

/** `createAppkey(appname)` → `createOauthkey(login, pwd, appkey)`: the long-lived user key (the password's only use). */
export async function timetonicOauthkey(http: VendorCalls, appname: string, login: string, password: string): Promise<{ ou: string; oauthkey: string }> {
  const { appkey } = parseWire('TIMETONIC', 'createAppkey', appkeySchema, await post(http, 'createAppkey', { appname }));
  const oauth = parseWire('TIMETONIC', 'createOauthkey', oauthkeySchema, await post(http, 'createOauthkey', { login, pwd: password, appkey }));
  return { ou: oauth.o_u, oauthkey: oauth.oauthkey };
}

/** `createSesskey(o_u, u_c, oauthkey)`: a session key derived from the oauthkey. */
export async function timetonicSesskey(http: VendorCalls, oauth: { ou: string; oauthkey: string }): Promise<string> {
  const form = { o_u: oauth.ou, u_c: oauth.ou, oauthkey: oauth.oauthkey };
  return parseWire('TIMETONIC', 'createSesskey', sesskeySchema, await post(http, 'createSesskey', form)).sesskey;
}

async function post(http: VendorCalls, req: string, form: Record<string, string>): Promise<unknown> {
  return (await http.request({ operation: req, method: 'POST', path: ['api.php'], form: { version: TIMETONIC_API_VERSION, req, ...form } })).json;
}
