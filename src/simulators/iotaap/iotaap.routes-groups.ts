/**
 * IoTaaP group routes, as documented in shared/vendor-api/iotaap-groups.txt.
 */
import type { IotaapWireGroup } from '../../vendors/iotaap/iotaap.wire';
import { jsonResponse } from '../router';
import { listPage } from './iotaap.routes-list';
import { GROUP_TOKEN_LENGTH, IOTAAP_PLANS, type IotaapSimUser } from './iotaap.seed';
import {
  findOwnGroup,
  isObjectId,
  message,
  newObjectId,
  NO_SUCH_GROUP,
  optionalString,
  randomChars,
  type IotaapContext,
  type IotaapRoute,
} from './iotaap.store';

/** Registers `GET/POST /groups`, `GET/PUT/DELETE /groups/:id` and `GET /groups/devices/:id`. */
export function registerGroupRoutes(route: IotaapRoute, context: IotaapContext): void {
  const { state } = context;
  const ownGroups = (user: IotaapSimUser): IotaapWireGroup[] => state.groups.filter((group) => group.owner === user._id);

  route('GET', '/groups', 'Error when getting groups', (request, user) => {
    const { items, ...envelope } = listPage(ownGroups(user), request.query);
    return jsonResponse(200, { groups: items, ...envelope });
  });

  route('GET', '/groups/:id', 'Error when getting group', (request, user) => {
    const group = findOwnGroup(context, user, request.params.id);
    return group ? jsonResponse(200, group) : NO_SUCH_GROUP;
  });

  route('GET', '/groups/devices/:id', 'Error when getting devices', (request, user) => {
    const group = findOwnGroup(context, user, request.params.id);
    if (!group) return NO_SUCH_GROUP;
    const members = state.devices.filter((device) => device.group === group._id);
    const { items, ...envelope } = listPage(members, request.query);
    return jsonResponse(200, { devices: items, ...envelope });
  });

  route('POST', '/groups', 'Error when creating group', (request, user) => {
    const plan = IOTAAP_PLANS[user.plan] ?? IOTAAP_PLANS.free;
    if (plan.groups === 0) {
      return message(403, 'Groups are not available in free model. Please upgrade your account.');
    }
    if (ownGroups(user).length >= plan.groups) {
      return message(403, 'Group limit reached for your plan. Please upgrade your account.');
    }
    const name = optionalString(request.body, 'name');
    if (typeof name === 'object') return name;
    const group: IotaapWireGroup = {
      _id: newObjectId(context),
      // "If name parameter is not provided system will automatically generate random 10 characters name".
      name: name || randomChars(context, 10),
      token: randomChars(context, GROUP_TOKEN_LENGTH),
      created_at: context.now().toISOString(),
      owner: user._id,
      __v: 0,
    };
    state.groups.push(group);
    return jsonResponse(201, group);
  });

  route('PUT', '/groups/:id', 'Error when updating group', (request, user) => {
    const group = findOwnGroup(context, user, request.params.id);
    if (!group) return NO_SUCH_GROUP;
    const name = optionalString(request.body, 'name');
    if (typeof name === 'object') return name;
    // An absent or empty name leaves the group as it was, like a Mongo update with no field.
    if (name) group.name = name;
    return jsonResponse(200, group);
  });

  route('DELETE', '/groups/:id', 'Error when removing the group', (request, user) => {
    // Documented quirk: a malformed id is a 500 here, while GET and PUT answer 404.
    if (!isObjectId(request.params.id)) return message(500, 'Group ID is not valid');
    const group = findOwnGroup(context, user, request.params.id);
    if (!group) return NO_SUCH_GROUP;
    state.groups.splice(state.groups.indexOf(group), 1);
    // "When group is removed, all devices from the group will be automatically updated".
    for (const device of state.devices) if (device.group === group._id) delete device.group;
    return message(200, 'Group successfully removed');
  });
}
