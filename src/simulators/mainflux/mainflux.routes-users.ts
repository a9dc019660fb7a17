/**
 * Mainflux users and tokens (doc: Users, Create Token, Change Password).
 */
import { jsonResponse, type Router, type SimRequest } from '../router';
import { MAINFLUX_TOKEN_TTL_SECONDS, type MainfluxAuth } from './mainflux.auth';
import { byName, created, empty, fail, isUuid, jsonBody, listAnswer, newId, paging, type MainfluxContext, type UserRoute } from './mainflux.store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Registers `POST /users` and `POST /tokens` (no token needed) and the user routes behind one. */
export function registerUserRoutes(router: Router, route: UserRoute, context: MainfluxContext, auth: MainfluxAuth): void {
  const { state } = context;

  router.add('POST', '/users', (request) => {
    const read = credentials(request);
    if ('problem' in read) return read.problem;
    if (!EMAIL.test(read.email)) return fail(400, 'malformed entity specification');
    if (read.password.length < 8) return fail(400, 'password must contain at least 8 characters');
    if (state.users.some((user) => user.email === read.email)) return fail(409, 'entity already exists');
    const user = { id: newId(context), email: read.email, password: read.password, admin: false };
    state.users.push(user);
    return created(`/users/${user.id}`);
  });

  router.add('POST', '/tokens', (request) => {
    const read = credentials(request);
    if ('problem' in read) return read.problem;
    const user = state.users.find((candidate) => candidate.email === read.email);
    // The same answer for an unknown e-mail and a wrong password, so neither can be probed.
    if (!user || user.password !== read.password) return fail(401, 'missing or invalid credentials provided');
    return jsonResponse(201, { token: auth.issue(user, 0, MAINFLUX_TOKEN_TTL_SECONDS) });
  });

  route('GET', '/users/:id', (request) => {
    const user = state.users.find((candidate) => candidate.id === request.params.id);
    if (!isUuid(request.params.id) || !user) return fail(404, 'non-existent entity');
    return jsonResponse(200, { id: user.id, email: user.email, ...(user.metadata ? { metadata: user.metadata } : {}) });
  });

  route('GET', '/users', (request) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const users = byName(state.users.map((u) => ({ id: u.id, email: u.email, name: u.email, ...(u.metadata ? { metadata: u.metadata } : {}) })), request.query);
    return listAnswer('Users', users.map(({ name: _name, ...user }) => user), page);
  });

  route('PUT', '/users', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const metadata = (read.body as { metadata?: unknown }).metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return fail(400, 'malformed entity specification');
    user.metadata = metadata as Record<string, unknown>;
    return empty(200);
  });

  route('PATCH', '/password', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { old_password: oldPassword, password } = read.body as Record<string, unknown>;
    if (typeof oldPassword !== 'string' || typeof password !== 'string') return fail(400, 'malformed entity specification');
    if (password.length < 8) return fail(400, 'password must contain at least 8 characters');
    // 403, not 401: the token is fine, the old password is not (a 401 would read as an expired token).
    if (oldPassword !== user.password) return fail(403, 'invalid old password');
    user.password = password;
    return empty(201);
  });
}

function credentials(request: SimRequest) {
  const read = jsonBody(request);
  if ('problem' in read) return read;
  const { email, password } = read.body as Record<string, unknown>;
  if (typeof email !== 'string' || typeof password !== 'string') return { problem: fail(400, 'malformed entity specification') };
  return { email: email.trim().toLowerCase(), password };
}
