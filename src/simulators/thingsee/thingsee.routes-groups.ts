/**
 * Thingsee deployment group routes ("Deployment Groups") and a thing's group
 * (`GET/POST /things/{tuid}/group`). Things without a group are in the reserved
 * `unassigned` group, which no group may be named.
 */
import { firstValue } from '../router';
import { NO_SUCH_GROUP, NO_SUCH_THING, bodyField, fail, findThing, groupIdError, ok, type ThingseeContext, type ThingseeRoute } from './thingsee.store';

const UNASSIGNED = 'unassigned';

export function registerGroupRoutes(route: ThingseeRoute, context: ThingseeContext): void {
  const { state } = context;
  const findGroup = (id: string) => state.groups.find((group) => group.group_id === id);

  // The doc gives no answer shape: `{ data: [group…] }`, like the other list endpoints.
  route('GET', '/groups', (request) => {
    const q = (firstValue(request.query.q) ?? '').toLowerCase();
    const limitText = firstValue(request.query.limit);
    if (limitText !== undefined && !/^\d+$/.test(limitText)) return fail(400, 'limit must be a positive number');
    const matches = state.groups.filter(
      (g) => g.group_id.toLowerCase().includes(q) || (g.group_description ?? '').toLowerCase().includes(q),
    );
    return ok(limitText ? matches.slice(0, Number(limitText)) : matches);
  });

  route('GET', '/groups/:groupid/things', (request) => {
    const id = request.params.groupid;
    if (id !== UNASSIGNED && !findGroup(id)) return NO_SUCH_GROUP;
    const groupId = id === UNASSIGNED ? null : id;
    return ok({ tuids: state.things.filter((thing) => thing.group_id === groupId).map((thing) => thing.tuid) });
  });

  route('POST', '/groups', (request) => {
    const groupId = bodyField(request.body, 'group_id');
    const problem = groupIdError(groupId);
    if (problem) return fail(400, problem);
    const description = bodyField(request.body, 'group_description');
    if (description !== undefined && typeof description !== 'string') return fail(400, 'group_description must be a string');
    if (findGroup(groupId as string)) return fail(400, 'Group already exists');
    const group = { group_id: groupId as string, group_description: (description as string | undefined) ?? '' };
    state.groups.push(group);
    return ok(group);
  });

  route('POST', '/groups/:groupid/rename', (request) => {
    const group = findGroup(request.params.groupid);
    if (!group) return NO_SUCH_GROUP;
    const newId = bodyField(request.body, 'group_id');
    const problem = groupIdError(newId);
    if (problem) return fail(400, problem);
    if (findGroup(newId as string)) return fail(400, 'Group already exists');
    const old = group.group_id;
    group.group_id = newId as string;
    for (const thing of state.things) if (thing.group_id === old) thing.group_id = group.group_id;
    return ok({ group_id: group.group_id, old, renamed: true });
  });

  route('DELETE', '/groups/:groupid', (request) => {
    const group = findGroup(request.params.groupid);
    if (!group) return NO_SUCH_GROUP;
    state.groups.splice(state.groups.indexOf(group), 1);
    // Its things stay, unassigned.
    for (const thing of state.things) if (thing.group_id === group.group_id) thing.group_id = null;
    return ok({ group_id: group.group_id, deleted: true });
  });

  route('GET', '/things/:tuid/group', (request) => {
    const thing = findThing(context, request.params.tuid);
    if (!thing) return NO_SUCH_THING;
    return ok({ group_id: thing.group_id ?? UNASSIGNED, tuid: thing.tuid });
  });

  route('POST', '/things/:tuid/group', (request) => {
    const thing = findThing(context, request.params.tuid);
    if (!thing) return NO_SUCH_THING;
    const groupId = bodyField(request.body, 'group_id');
    if (typeof groupId !== 'string' || groupId === '') return fail(400, 'group_id is required');
    // Moving a thing to `unassigned` takes it out of its group.
    if (groupId !== UNASSIGNED && !findGroup(groupId)) return NO_SUCH_GROUP;
    thing.group_id = groupId === UNASSIGNED ? null : groupId;
    return ok({ group_id: groupId, tuid: thing.tuid });
  });
}
