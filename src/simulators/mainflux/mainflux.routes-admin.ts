/**
 * Mainflux policies (admin only), API keys and webhooks (doc: Policies, API Key, Webhooks).
 */
import { jsonResponse } from '../router';
import type { MainfluxAuth } from './mainflux.auth';
import { empty, fail, isUuid, jsonBody, newId, NOT_FOUND_ENTITY, stringArray, type MainfluxContext, type MainfluxSimUser, type UserRoute } from './mainflux.store';

/** The predefined policies the doc allows (its "Predefined Policies" section). */
export const MAINFLUX_SIM_POLICIES = ['read', 'write', 'delete', 'access', 'member'];
const API_KEY_TYPE = 2;

export function registerAdminRoutes(route: UserRoute, context: MainfluxContext, auth: MainfluxAuth): void {
  const { state } = context;

  const policies = (add: boolean) => (request: Parameters<Parameters<UserRoute>[2]>[0], user: MainfluxSimUser) => {
    if (!user.admin) return fail(403, 'failed to perform authorization over the entity');
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const subjects = stringArray(read.body, 'subjects');
    const actions = stringArray(read.body, 'policies');
    const object = (read.body as { object?: unknown }).object;
    if (!subjects?.length || !actions?.length || typeof object !== 'string' || !object) return fail(400, 'malformed entity specification');
    if (!actions.every((action) => MAINFLUX_SIM_POLICIES.includes(action))) return fail(400, 'invalid policy');
    // Policies name existing users (subjects) and an existing thing, channel or group (object).
    if (!subjects.every((subject) => state.users.some((u) => u.id === subject))) return fail(404, 'entity not found');
    if (![state.things, state.channels, state.groups].some((list) => list.some((e) => e.id === object))) return fail(404, 'entity not found');
    for (const subject of subjects) {
      for (const action of actions) {
        state.policies = state.policies.filter((p) => !(p.subject === subject && p.object === object && p.action === action));
        if (add) state.policies.push({ subject, object, action });
      }
    }
    return add ? jsonResponse(201, {}) : empty(204);
  };
  route('POST', '/policies', policies(true));
  route('PUT', '/policies', policies(false));

  route('POST', '/keys', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { type, duration } = read.body as Record<string, unknown>;
    if (type !== API_KEY_TYPE) return fail(400, 'invalid key type');
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) return fail(400, 'invalid key duration');
    const id = newId(context);
    const issuedAt = context.now();
    const value = auth.issue(user, API_KEY_TYPE, duration, id);
    const key = { id, issuer_id: user.id, subject: user.email, type: API_KEY_TYPE, issued_at: issuedAt.toISOString(), expires_at: new Date(issuedAt.getTime() + duration * 1000).toISOString(), value };
    state.keys.push(key);
    return jsonResponse(201, { id, value, issued_at: key.issued_at, expires_at: key.expires_at });
  });

  route('GET', '/keys/:id', (request, user) => {
    const key = state.keys.find((k) => k.id === request.params.id && k.issuer_id === user.id);
    if (!key) return NOT_FOUND_ENTITY;
    const { value: _value, ...details } = key;
    return jsonResponse(200, details);
  });

  route('DELETE', '/keys/:id', (request, user) => {
    // Revoking is idempotent, like the other deletes.
    state.keys = state.keys.filter((k) => !(k.id === request.params.id && k.issuer_id === user.id));
    return empty(204);
  });

  route('POST', '/webhooks/:thingId', (request, user) => {
    const thing = state.things.find((t) => t.id === request.params.thingId);
    if (!isUuid(request.params.thingId) || !thing) return NOT_FOUND_ENTITY;
    // "The logged-in user who creates a Webhook for a certain Thing must be the owner of that Thing."
    if (thing.owner !== user.id) return fail(403, 'failed to perform authorization over the entity');
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    if (!Array.isArray(read.body) || read.body.length === 0) return fail(400, 'malformed entity specification');
    const hooks = [];
    for (const item of read.body as Array<Record<string, unknown>>) {
      const { name, format, url } = item ?? {};
      if (typeof name !== 'string' || !name || typeof url !== 'string' || !/^https?:\/\//.test(url)) return fail(400, 'malformed entity specification');
      if (format !== 'senml' && format !== 'json') return fail(400, 'invalid webhook format');
      hooks.push({ thing_id: thing.id, name, format, url } as const);
    }
    state.webhooks.push(...hooks);
    return empty(201);
  });

  route('GET', '/webhooks/:thingId', (request, user) => {
    const thing = state.things.find((t) => t.id === request.params.thingId);
    if (!thing) return NOT_FOUND_ENTITY;
    if (thing.owner !== user.id) return fail(403, 'failed to perform authorization over the entity');
    return jsonResponse(200, { webhooks: state.webhooks.filter((hook) => hook.thing_id === thing.id) });
  });
}

/** A revoked or unknown API key makes its token invalid even before it expires. */
export function keyIsLive(context: MainfluxContext, jti: string | null): boolean {
  return jti === null || context.state.keys.some((key) => key.id === jti);
}
