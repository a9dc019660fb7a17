/**
 * Mainflux things (doc: Things), connections (Connect, Disconnect) and the identify endpoints.
 * Bulk creates are all-or-nothing: every element is checked before any is saved.
 */
import { jsonResponse, type Router } from '../router';
import {
  byName,
  empty,
  fail,
  isConnected,
  isUuid,
  isUuidV4,
  jsonBody,
  listAnswer,
  newId,
  NOT_FOUND_ENTITY,
  paging,
  publicChannel,
  publicThing,
  stringArray,
  uuid4,
  type MainfluxContext,
  type MainfluxSimThing,
  type MainfluxSimUser,
  type UserRoute,
} from './mainflux.store';

/** Registers `/things…`, `/connect`, `/disconnect`, the deprecated single connect and `/identify…`. */
export function registerThingRoutes(router: Router, route: UserRoute, context: MainfluxContext): void {
  const { state } = context;
  const own = (user: MainfluxSimUser, id: string | undefined) => state.things.find((t) => t.id === id && t.owner === user.id);

  route('POST', '/things', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    if (!Array.isArray(read.body) || read.body.length === 0) return fail(400, 'malformed entity specification');
    const things: MainfluxSimThing[] = [];
    for (const item of read.body as Array<Record<string, unknown>>) {
      if (typeof item !== 'object' || item === null) return fail(400, 'malformed entity specification');
      const { id, name, metadata } = item;
      if (id !== undefined && !isUuidV4(id)) return fail(400, 'invalid external id: must be a UUID v4');
      if (name !== undefined && typeof name !== 'string') return fail(400, 'malformed entity specification');
      if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null)) return fail(400, 'malformed entity specification');
      const thingId = (id as string | undefined) ?? newId(context);
      if (state.things.some((t) => t.id === thingId) || things.some((t) => t.id === thingId)) return fail(409, 'entity already exists');
      things.push({
        id: thingId,
        name: (name as string | undefined) ?? '',
        key: uuid4(context.random),
        owner: user.id,
        ...(metadata ? { metadata: metadata as Record<string, unknown> } : {}),
      });
    }
    state.things.push(...things);
    return jsonResponse(201, { things: things.map(publicThing) }, { 'access-control-expose-headers': 'Location' });
  });

  route('GET', '/things', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const things = byName(state.things.filter((t) => t.owner === user.id), request.query);
    return listAnswer('things', things.map(publicThing), page, { order: '', direction: '' });
  });

  route('GET', '/things/:id', (request, user) => {
    const thing = own(user, request.params.id);
    return thing ? jsonResponse(200, publicThing(thing)) : NOT_FOUND_ENTITY;
  });

  route('GET', '/things/:id/channels', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const thing = own(user, request.params.id);
    if (!thing) return NOT_FOUND_ENTITY;
    const channels = state.channels.filter((c) => isConnected(state, c.id, thing.id));
    return listAnswer('channels', channels.map(publicChannel), page, { order: '', direction: '' });
  });

  route('PUT', '/things/:id', (request, user) => {
    const thing = own(user, request.params.id);
    if (!thing) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, metadata } = read.body as Record<string, unknown>;
    if (name !== undefined && typeof name !== 'string') return fail(400, 'malformed entity specification');
    // PUT replaces the editable state: what is left out is cleared.
    thing.name = (name as string | undefined) ?? '';
    if (metadata && typeof metadata === 'object') thing.metadata = metadata as Record<string, unknown>;
    else delete thing.metadata;
    return empty(200);
  });

  route('DELETE', '/things/:id', (request, user) => {
    const thing = own(user, request.params.id);
    // Mainflux deletes idempotently: an unknown id is 204 as well.
    if (thing) {
      state.things.splice(state.things.indexOf(thing), 1);
      state.connections = state.connections.filter((pair) => !pair.endsWith(`/${thing.id}`));
      for (const group of state.groups) group.members = group.members.filter((m) => m !== thing.id);
      state.webhooks = state.webhooks.filter((hook) => hook.thing_id !== thing.id);
    }
    return empty(204);
  });

  const connection = (connect: boolean) => (request: Parameters<Parameters<UserRoute>[2]>[0], user: MainfluxSimUser) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const channelIds = stringArray(read.body, 'channel_ids');
    const thingIds = stringArray(read.body, 'thing_ids');
    if (!channelIds?.length || !thingIds?.length) return fail(400, 'malformed entity specification');
    // Every id checked before any pair changes: a bad id leaves the connections as they were.
    if (!channelIds.every((id) => state.channels.some((c) => c.id === id && c.owner === user.id))) return NOT_FOUND_ENTITY;
    if (!thingIds.every((id) => own(user, id))) return NOT_FOUND_ENTITY;
    for (const channelId of channelIds) {
      for (const thingId of thingIds) {
        const pair = `${channelId}/${thingId}`;
        if (connect && !state.connections.includes(pair)) state.connections.push(pair);
        if (!connect) state.connections = state.connections.filter((p) => p !== pair);
      }
    }
    return empty(200);
  };
  route('POST', '/connect', connection(true));
  route('PUT', '/disconnect', connection(false));

  // Deprecated single-pair forms (doc: "will be depreciated in v1.0.0"); kept for fidelity.
  route('PUT', '/channels/:channelId/things/:thingId', (request, user) => {
    const { channelId, thingId } = request.params;
    if (!state.channels.some((c) => c.id === channelId && c.owner === user.id) || !own(user, thingId)) return NOT_FOUND_ENTITY;
    if (!isConnected(state, channelId!, thingId!)) state.connections.push(`${channelId}/${thingId}`);
    return empty(200, { 'warning-deprecated': 'This endpoint will be depreciated in v1.0.0. It will be replaced with the bulk endpoint found at /connect.' });
  });
  route('DELETE', '/channels/:channelId/things/:thingId', (request, user) => {
    const { channelId, thingId } = request.params;
    if (!state.channels.some((c) => c.id === channelId && c.owner === user.id) || !own(user, thingId)) return NOT_FOUND_ENTITY;
    state.connections = state.connections.filter((p) => p !== `${channelId}/${thingId}`);
    return empty(204);
  });

  // Identify endpoints take the credential in the body, no token.
  router.add('POST', '/identify', (request) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const thing = byKey(context, (read.body as { token?: unknown }).token);
    return thing ? jsonResponse(200, { id: thing.id }) : NOT_FOUND_ENTITY;
  });
  router.add('POST', '/identify/channels/:id/access-by-key', (request) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    if (!state.channels.some((c) => c.id === request.params.id)) return NOT_FOUND_ENTITY;
    const thing = byKey(context, (read.body as { token?: unknown }).token);
    return thing && isConnected(state, request.params.id!, thing.id) ? jsonResponse(200, { id: thing.id }) : fail(403, 'failed to perform authorization over the entity');
  });
  router.add('POST', '/identify/channels/:id/access-by-id', (request) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const thingId = (read.body as { thing_id?: unknown }).thing_id;
    if (!isUuid(thingId)) return fail(400, 'malformed entity specification');
    if (!state.channels.some((c) => c.id === request.params.id)) return NOT_FOUND_ENTITY;
    return isConnected(state, request.params.id!, thingId) ? empty(200) : fail(403, 'failed to perform authorization over the entity');
  });
}

/** The thing a key belongs to. */
export function byKey(context: MainfluxContext, key: unknown): MainfluxSimThing | undefined {
  return typeof key === 'string' && key ? context.state.things.find((thing) => thing.key === key) : undefined;
}
