/** Igtimi user group routes (igtimi.txt, "Groups", "Group Members"). */
import { jsonResponse, type SimResponse } from '../router';
import type { SimGroup, SimUser } from './igtimi.seed';
import { blobAnswer, flag, igtimiError, int, params, SUCCESS, target, text, type IgtimiContext, type IgtimiRoute } from './igtimi.store';

const V1 = '/api/v1';
const NO_GROUP = igtimiError(401, 'Group does not exist.');
const NO_MODIFY = igtimiError(401, 'The user does not have modify permission on the group.');

export function registerGroupRoutes(route: IgtimiRoute, context: IgtimiContext): void {
  const { state } = context;
  const canModify = (group: SimGroup, user: SimUser) => group.owner_id === user.id || group.members.some((m) => m.kind === 'user' && m.id === user.id && m.modify);
  const isIn = (group: SimGroup, user: SimUser) => group.owner_id === user.id || group.members.some((m) => m.kind === 'user' && m.id === user.id);
  /** Runs `change` on a group the caller may modify. */
  const modify = (id: string | undefined, user: SimUser, change: (group: SimGroup) => SimResponse): SimResponse => {
    const group = state.groups.find((g) => String(g.id) === id);
    if (!group) return NO_GROUP;
    return canModify(group, user) ? change(group) : NO_MODIFY;
  };

  route('GET', `${V1}/groups`, (request, caller) => {
    const query = params(request);
    const hidden = text(query, 'hidden');
    const only = int(query, 'group_id');
    const content = flag(query, 'blob_content', false);
    const groups = state.groups.filter(
      (g) => isIn(g, caller.user) && (hidden === undefined || String(g.hidden) === hidden) && (only === undefined || g.id === only),
    );
    return jsonResponse(200, {
      groups: groups.map((g) => ({
        group: {
          id: g.id,
          name: g.name,
          hidden: g.hidden,
          permissions: { read: true, modify: canModify(g, caller.user) },
          blob: g.blob,
          ...(content && g.blob ? { blob_content: g.blob_content } : {}),
        },
      })),
    });
  });

  route('POST', `${V1}/groups`, (request, caller) => {
    const name = text(params(request), 'name')?.trim();
    if (!name) return igtimiError(400, 'Invalid name', 'name must not be blank');
    const group: SimGroup = { id: Math.max(...state.groups.map((g) => g.id)) + 1, name, hidden: false, owner_id: caller.user.id, members: [], public: false, blob: false, blob_content: null };
    state.groups.push(group);
    return jsonResponse(200, { group: { name: group.name, id: group.id } });
  });

  route('DELETE', `${V1}/groups/:id`, (request, caller) =>
    modify(request.params.id, caller.user, (group) => {
      state.groups.splice(state.groups.indexOf(group), 1);
      for (const other of state.groups) other.members = other.members.filter((m) => !(m.kind === 'group' && m.id === group.id));
      return SUCCESS;
    }),
  );

  for (const [method, path, grant] of [['POST', 'grant_modify', true], ['DELETE', 'revoke_modify', false]] as const) {
    route(method, `${V1}/groups/:id/${path}`, (request, caller) =>
      modify(request.params.id, caller.user, (group) => {
        const who = target(params(request));
        const member = who && group.members.find((m) => m.kind === who.kind && m.id === who.id);
        if (!member) return igtimiError(400, 'Not a member of the group');
        member.modify = grant;
        return SUCCESS;
      }),
    );
  }

  route('GET', `${V1}/groups/:id/members`, (request, caller) => {
    const group = state.groups.find((g) => String(g.id) === request.params.id);
    if (!group || !isIn(group, caller.user)) return igtimiError(401, 'The user does not have read permission on the group.');
    const members: unknown[] = group.members.map((m) => ({ [m.kind]: { id: m.id, permissions: { read: true, modify: m.modify } } }));
    if (group.public) members.push({ public: true });
    return jsonResponse(200, { members });
  });

  route('POST', `${V1}/groups/:id/members`, (request, caller) =>
    modify(request.params.id, caller.user, (group) => {
      const who = target(params(request));
      if (!who) return igtimiError(400, 'Must include either user_id or group_id');
      const exists = who.kind === 'user' ? state.users.some((u) => u.id === who.id) : state.groups.some((g) => g.id === who.id && g.id !== group.id);
      if (!exists) return igtimiError(400, `No such ${who.kind}`);
      if (!group.members.some((m) => m.kind === who.kind && m.id === who.id)) group.members.push({ ...who, modify: false });
      return SUCCESS;
    }),
  );

  route('DELETE', `${V1}/groups/:id/members`, (request, caller) =>
    modify(request.params.id, caller.user, (group) => {
      const who = target(params(request));
      if (!who) return igtimiError(400, 'Must include either user_id or group_id');
      group.members = group.members.filter((m) => !(m.kind === who.kind && m.id === who.id));
      return SUCCESS;
    }),
  );

  for (const [path, visible] of [['make_public', true], ['make_private', false]] as const) {
    route('POST', `${V1}/groups/:id/${path}`, (request, caller) =>
      modify(request.params.id, caller.user, (group) => {
        group.public = visible;
        return SUCCESS;
      }),
    );
  }

  route('GET', `${V1}/groups/:id/blob`, (request, caller) => {
    const group = state.groups.find((g) => String(g.id) === request.params.id);
    return group && isIn(group, caller.user) ? blobAnswer(group.blob_content ?? null) : NO_GROUP;
  });

  route('POST', `${V1}/groups/:id/blob`, (request, caller) =>
    modify(request.params.id, caller.user, (group) => {
      group.blob_content = text(params(request), 'content') ?? '';
      group.blob = true;
      return SUCCESS;
    }),
  );
}
