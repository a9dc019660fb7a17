/**
 * Mainflux orgs (doc: Orgs): CRUD, members by e-mail and role, groups, memberships.
 * Admins see every org; other users the orgs they are members of.
 */
import { jsonResponse, type SimRequest } from '../router';
import { created, empty, fail, jsonBody, listAnswer, newId, NOT_FOUND_ENTITY, paging, stringArray, type MainfluxContext, type MainfluxSimUser, type UserRoute } from './mainflux.store';

const ROLES = ['owner', 'admin', 'editor', 'viewer'];

export function registerOrgRoutes(route: UserRoute, context: MainfluxContext): void {
  const { state } = context;
  const visible = (user: MainfluxSimUser) =>
    state.orgs.filter((org) => user.admin || org.owner_id === user.id || state.orgMembers.some((m) => m.orgId === org.id && m.userId === user.id));
  const find = (user: MainfluxSimUser, id: string | undefined) => visible(user).find((org) => org.id === id);

  route('POST', '/orgs', (request, user) => {
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, description, metadata } = read.body as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return fail(400, 'malformed entity specification');
    const at = context.now().toISOString();
    const org = { id: newId(context), name, owner_id: user.id, ...(typeof description === 'string' ? { description } : {}), ...(metadata && typeof metadata === 'object' ? { metadata: metadata as Record<string, unknown> } : {}), created_at: at, updated_at: at };
    state.orgs.push(org);
    state.orgMembers.push({ orgId: org.id, userId: user.id, role: 'owner' });
    return created(`/orgs/${org.id}`);
  });

  route('GET', '/orgs', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    return listAnswer('orgs', visible(user), page, { name: '' });
  });

  route('GET', '/orgs/:id', (request, user) => {
    const org = find(user, request.params.id);
    return org ? jsonResponse(200, org) : NOT_FOUND_ENTITY;
  });

  route('PUT', '/orgs/:id', (request, user) => {
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const { name, description, metadata } = read.body as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return fail(400, 'malformed entity specification');
    Object.assign(org, { name, description: typeof description === 'string' ? description : org.description, updated_at: context.now().toISOString() });
    if (metadata && typeof metadata === 'object') org.metadata = metadata as Record<string, unknown>;
    return empty(200);
  });

  route('DELETE', '/orgs/:id', (request, user) => {
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    state.orgs.splice(state.orgs.indexOf(org), 1);
    state.orgMembers = state.orgMembers.filter((m) => m.orgId !== org.id);
    state.orgGroups = state.orgGroups.filter((g) => g.orgId !== org.id);
    return empty(204);
  });

  const setMembers = (update: boolean) => (request: SimRequest, user: MainfluxSimUser) => {
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const members = (read.body as { members?: unknown }).members;
    if (!Array.isArray(members) || members.length === 0) return fail(400, 'malformed entity specification');
    const resolved: Array<{ userId: string; role: string }> = [];
    for (const member of members as Array<Record<string, unknown>>) {
      if (typeof member?.role !== 'string' || !ROLES.includes(member.role)) return fail(400, 'invalid member role');
      const target = state.users.find((u) => u.email === member.email);
      if (!target) return NOT_FOUND_ENTITY;
      const existing = state.orgMembers.some((m) => m.orgId === org.id && m.userId === target.id);
      if (update ? !existing : existing) return update ? NOT_FOUND_ENTITY : fail(409, 'entity already exists');
      resolved.push({ userId: target.id, role: member.role });
    }
    for (const { userId, role } of resolved) {
      state.orgMembers = state.orgMembers.filter((m) => !(m.orgId === org.id && m.userId === userId));
      state.orgMembers.push({ orgId: org.id, userId, role });
    }
    return empty(200);
  };
  route('POST', '/orgs/:id/members', setMembers(false));
  route('PUT', '/orgs/:id/members', setMembers(true));

  route('DELETE', '/orgs/:id/members', (request, user) => {
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const ids = stringArray(read.body, 'member_ids');
    if (!ids?.length) return fail(400, 'malformed entity specification');
    state.orgMembers = state.orgMembers.filter((m) => !(m.orgId === org.id && ids.includes(m.userId)));
    return empty(204);
  });

  route('GET', '/orgs/:id/members', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const members = state.orgMembers
      .filter((m) => m.orgId === org.id)
      .map((m) => ({ id: m.userId, email: state.users.find((u) => u.id === m.userId)?.email ?? '', role: m.role }));
    return listAnswer('members', members, page, { name: '' });
  });

  const setGroups = (assign: boolean) => (request: SimRequest, user: MainfluxSimUser) => {
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const read = jsonBody(request);
    if ('problem' in read) return read.problem;
    const ids = stringArray(read.body, 'group_ids');
    if (!ids?.length) return fail(400, 'malformed entity specification');
    if (!ids.every((id) => state.groups.some((g) => g.id === id))) return NOT_FOUND_ENTITY;
    state.orgGroups = state.orgGroups.filter((link) => !(link.orgId === org.id && ids.includes(link.groupId)));
    if (assign) state.orgGroups.push(...ids.map((groupId) => ({ orgId: org.id, groupId })));
    return empty(assign ? 200 : 204);
  };
  route('POST', '/orgs/:id/groups', setGroups(true));
  route('DELETE', '/orgs/:id/groups', setGroups(false));

  route('GET', '/orgs/:id/groups', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const org = find(user, request.params.id);
    if (!org) return NOT_FOUND_ENTITY;
    const groups = state.groups.filter((g) => state.orgGroups.some((link) => link.orgId === org.id && link.groupId === g.id));
    return listAnswer('groups', groups.map(({ members: _m, ...group }) => group), page, { name: '' });
  });

  route('GET', '/members/:id/orgs', (request, user) => {
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const orgs = visible(user).filter((org) => state.orgMembers.some((m) => m.orgId === org.id && m.userId === request.params.id));
    return listAnswer('orgs', orgs, page, { name: '' });
  });
}
