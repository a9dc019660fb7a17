/**
 * Mainflux channels (doc: Channels). A single create answers 201 with a `Location` and an
 * empty body; several answer their entities, as the doc's examples show.
 */
import { jsonResponse } from '../router';
import {
  byName,
  created,
  empty,
  fail,
  isConnected,
  isUuidV4,
  jsonBody,
  listAnswer,
  newId,
  NOT_FOUND_ENTITY,
  paging,
  publicChannel,
  publicThing,
  type MainfluxContext,
  type MainfluxSimChannel,
  type MainfluxSimUser,
  type UserRoute,
} from './mainflux.store';

export function registerChannelRoutes(route: UserRoute, context: MainfluxContext): void {
  const { state } = context;
  const own = (user: MainfluxSimUser, id: string | undefined) => state.channels.find((c) => c.id === id && c.owner === user.id);

  route('POST', '/channels', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    if (!Array.isArray(read.body) || read.body.length === 0) return fail(400, 'malformed entity specification');
    const channels: MainfluxSimChannel[] = [];
    for (const item of read.body as Array<Record<string, unknown>>) {
      if (typeof item !== 'object' || item === null) return fail(400, 'malformed entity specification');
      const { id, name, metadata } = item;
      if (id !== undefined && !isUuidV4(id)) return fail(400, 'invalid external id: must be a UUID v4');
      if (name !== undefined && typeof name !== 'string') return fail(400, 'malformed entity specification');
      const channelId = (id as string | undefined) ?? newId(context);
      if (state.channels.some((c) => c.id === channelId) || channels.some((c) => c.id === channelId)) return fail(409, 'entity already exists');
      channels.push({ id: channelId, name: (name as string | undefined) ?? '', owner: user.id, ...(metadata && typeof metadata === 'object' ? { metadata: metadata as Record<string, unknown> } : {}) });
    }
    state.channels.push(...channels);
    if (channels.length === 1) return created(`/channels/${channels[0]!.id}`);
    return jsonResponse(201, { channels: channels.map(publicChannel) }, { 'access-control-expose-headers': 'Location' });
  });

  route('GET', '/channels', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const channels = byName(state.channels.filter((c) => c.owner === user.id), request.query);
    return listAnswer('channels', channels.map(publicChannel), page, { order: '', direction: '' });
  });

  route('GET', '/channels/:id', (request, user) => {
    const channel = own(user, request.params.id);
    return channel ? jsonResponse(200, publicChannel(channel)) : NOT_FOUND_ENTITY;
  });

  route('GET', '/channels/:id/things', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const channel = own(user, request.params.id);
    if (!channel) return NOT_FOUND_ENTITY;
    const things = state.things.filter((t) => isConnected(state, channel.id, t.id));
    return listAnswer('things', things.map(publicThing), page, { order: '', direction: '' });
  });

  route('PUT', '/channels/:id', (request, user) => {
    const channel = own(user, request.params.id);
    if (!channel) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, metadata } = read.body as Record<string, unknown>;
    if (name !== undefined && typeof name !== 'string') return fail(400, 'malformed entity specification');
    channel.name = (name as string | undefined) ?? '';
    if (metadata && typeof metadata === 'object') channel.metadata = metadata as Record<string, unknown>;
    else delete channel.metadata;
    return empty(200);
  });

  route('DELETE', '/channels/:id', (request, user) => {
    const channel = own(user, request.params.id);
    if (channel) {
      state.channels.splice(state.channels.indexOf(channel), 1);
      state.connections = state.connections.filter((pair) => !pair.startsWith(`${channel.id}/`));
    }
    return empty(204);
  });
}
