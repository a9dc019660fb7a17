/**
 * The TimeTonic key chain (doc: createAppkey, createOauthkey, createSesskey) and the session
 * check every other request goes through. Keys look like the doc's (`JQri-DSRj-VAsR-7dr8-l9hW-0`).
 * The chain's refusals keep the older `error` form the doc shows for these two requests.
 */
import { ALPHANUMERIC, type Prng } from '../prng';
import { jsonResponse, type SimResponse } from '../router';
import { ok, TIMETONIC_VNB, TimetonicNok, type Params, type TimetonicSimState } from './timetonic.store';

/** A fresh key in TimeTonic's shape. */
export function newKey(random: Prng): string {
  return `${Array.from({ length: 5 }, () => random.chars(4, ALPHANUMERIC)).join('-')}-0`;
}

export function createAppkey(state: TimetonicSimState, random: Prng, params: Params): SimResponse {
  const appname = params.string('appname');
  const appkey = newKey(random);
  state.appkeys.set(appkey, appname);
  return ok('createAppkey', { appkey, id: String(state.appkeys.size) });
}

export function createOauthkey(state: TimetonicSimState, random: Prng, params: Params): SimResponse {
  const appkey = params.optional('appkey');
  if (!appkey || !state.appkeys.has(appkey)) return oldError('createOauthkey', 'apiProcess91: invalid appkey');
  const login = params.string('login');
  const user = state.users.find((u) => u.u_c === login || u.email === login);
  if (!user || user.password !== params.optional('pwd')) return oldError('createOauthkey', 'apiProcess92: invalid login or password');
  const oauthkey = newKey(random);
  state.oauthkeys.set(oauthkey, user.u_c);
  return ok('createOauthkey', { oauthkey, o_u: user.u_c, id: '4' });
}

export function createSesskey(state: TimetonicSimState, random: Prng, params: Params): SimResponse {
  const ou = params.optional('o_u');
  const owner = state.oauthkeys.get(params.optional('oauthkey') ?? '');
  if (!ou || owner !== ou || params.optional('u_c') !== ou) return oldError('createSesskey', 'apiProcess164: invalid oauthkey or o_u');
  const sesskey = newKey(random);
  state.sessions.set(sesskey, ou);
  return ok('createSesskey', { sesskey, id: '4' });
}

/** `dropAllSessions`: every session and oauthkey of the user goes, except the session used. */
export function dropAllSessions(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const keep = params.string('sesskey');
  for (const [key, owner] of [...state.sessions]) if (owner === user && key !== keep) state.sessions.delete(key);
  for (const [key, owner] of [...state.oauthkeys]) if (owner === user) state.oauthkeys.delete(key);
  return ok('dropAllSessions', {});
}

/** The user of a valid session (`o_u` must match the sesskey, `u_c` must equal `o_u`). */
export function sessionUser(state: TimetonicSimState, params: Params): string {
  const ou = params.optional('o_u');
  const user = state.sessions.get(params.optional('sesskey') ?? '');
  if (!ou || user !== ou) throw new TimetonicNok('apiProcess15', 'invalid sesskey or o_u');
  if ((params.optional('u_c') ?? ou) !== ou) throw new TimetonicNok('apiProcess16', 'u_c must be the same as o_u');
  return user;
}

function oldError(req: string, error: string): SimResponse {
  return jsonResponse(200, { status: 'nok', error, createdVNB: TIMETONIC_VNB, req });
}
