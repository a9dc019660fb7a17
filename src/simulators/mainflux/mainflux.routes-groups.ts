/**
 * Mainflux groups of things (doc: Groups, Members, Assign, Unassign, List memberships).
 */
import { jsonResponse } from '../router';
import {
  byName,
  created,
  empty,
  fail,
  jsonBody,
  listAnswer,
  newId,
  NOT_FOUND_ENTITY,
  paging,
  publicGroup,
  publicThing,
  stringArray,
  type MainfluxContext,
  type MainfluxSimUser,
  type UserRoute,
} from './mainflux.store';

export function registerGroupRoutes(route: UserRoute, context: MainfluxContext): void {
  const { state } = context;
  const own = (user: MainfluxSimUser, id: string | undefined) => state.groups.find((g) => g.id === id && g.owner_id === user.id);

  route('POST', '/groups', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, description, metadata } = read.body as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return fail(400, 'malformed entity specification');
    if (state.groups.some((g) => g.owner_id === user.id && g.name === name)) return fail(409, 'entity already exists');
    const at = context.now().toISOString();
    const group = {
      id: newId(context),
      name,
      owner_id: user.id,
      ...(typeof description === 'string' ? { description } : {}),
      ...(metadata && typeof metadata === 'object' ? { metadata: metadata as Record<string, unknown> } : {}),
      created_at: at,
      updated_at: at,
      members: [],
    };
    state.groups.push(group);
    return created(`/groups/${group.id}`);
  });

  route('GET', '/groups', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    return listAnswer('groups', byName(state.groups.filter((g) => g.owner_id === user.id), request.query).map(publicGroup), page);
  });

  route('GET', '/groups/:id', (request, user) => {
    const group = own(user, request.params.id);
    return group ? jsonResponse(200, publicGroup(group)) : NOT_FOUND_ENTITY;
  });

  route('PUT', '/groups/:id', (request, user) => {
    const group = own(user, request.params.id);
    if (!group) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, description, metadata } = read.body as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return fail(400, 'malformed entity specification');
    group.name = name;
    if (typeof description === 'string') group.description = description;
    else delete group.description;
    if (metadata && typeof metadata === 'object') group.metadata = metadata as Record<string, unknown>;
    group.updated_at = context.now().toISOString();
    return empty(200);
  });

  route('DELETE', '/groups/:id', (request, user) => {
    const group = own(user, request.params.id);
    if (!group) return NOT_FOUND_ENTITY;
    state.groups.splice(state.groups.indexOf(group), 1);
    state.orgGroups = state.orgGroups.filter((link) => link.groupId !== group.id);
    return empty(204);
  });

  route('GET', '/groups/:id/members', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const group = own(user, request.params.id);
    if (!group) return NOT_FOUND_ENTITY;
    const members = state.things.filter((thing) => group.members.includes(thing.id));
    return listAnswer('members', members.map(publicThing), page, { name: '' });
  });

  const members = (assign: boolean) => (request: Parameters<Parameters<UserRoute>[2]>[0], user: MainfluxSimUser) => {
    const group = own(user, request.params.id);
    if (!group) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const ids = stringArray(read.body, 'members');
    if (!ids?.length) return fail(400, 'malformed entity specification');
    // All members checked first: one unknown id changes nothing.
    if (!ids.every((id) => state.things.some((t) => t.id === id && t.owner === user.id))) return NOT_FOUND_ENTITY;
    group.members = assign ? [...new Set([...group.members, ...ids])] : group.members.filter((m) => !ids.includes(m));
    return empty(assign ? 200 : 204);
  };
  route('POST', '/groups/:id/members', members(true));
  route('DELETE', '/groups/:id/members', members(false));

  route('GET', '/things/:id/groups', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    if (!state.things.some((t) => t.id === request.params.id && t.owner === user.id)) return NOT_FOUND_ENTITY;
    const groups = state.groups.filter((g) => g.owner_id === user.id && g.members.includes(request.params.id!));
    return listAnswer('groups', groups.map(publicGroup), page);
  });
}
