/**
 * IoTaaP device routes. The groups doc only points at them ("update device group field");
 * paths, bodies and the `group: "undefined"` quirk come from VENDOR-NOTES.md, IoTaaP.
 */
import type { IotaapWireDevice } from '../../vendors/iotaap/iotaap.wire';
import { jsonResponse } from '../router';
import { listPage } from './iotaap.routes-list';
import { DEVICE_TOKEN_LENGTH, IOTAAP_DEVICE_TYPES, IOTAAP_PLANS, type IotaapSimUser } from './iotaap.seed';
import {
  findOwnDevice,
  findOwnGroup,
  isObjectId,
  message,
  newObjectId,
  NO_SUCH_DEVICE,
  NO_SUCH_GROUP,
  optionalString,
  randomChars,
  type IotaapContext,
  type IotaapRoute,
} from './iotaap.store';

/** The `group` value that takes a device out of its group (the string, as the web app sends it). */
const NO_GROUP = 'undefined';

/** Registers `GET/POST /devices` and `GET/PUT/DELETE /devices/:id`. */
export function registerDeviceRoutes(route: IotaapRoute, context: IotaapContext): void {
  const { state } = context;
  const ownDevices = (user: IotaapSimUser): IotaapWireDevice[] =>
    state.devices.filter((device) => device.owner === user._id);

  route('GET', '/devices', 'Error when getting devices', (request, user) => {
    const { items, ...envelope } = listPage(ownDevices(user), request.query);
    return jsonResponse(200, { devices: items, ...envelope });
  });

  route('GET', '/devices/:id', 'Error when getting device', (request, user) => {
    const device = findOwnDevice(context, user, request.params.id);
    return device ? jsonResponse(200, device) : NO_SUCH_DEVICE;
  });

  route('POST', '/devices', 'Error when creating device', (request, user) => {
    const plan = IOTAAP_PLANS[user.plan] ?? IOTAAP_PLANS.free;
    if (ownDevices(user).length >= plan.devices) {
      return message(403, 'Device limit reached for your plan. Please upgrade your account.');
    }
    const name = optionalString(request.body, 'name');
    if (typeof name === 'object') return name;
    const device: IotaapWireDevice = {
      _id: newObjectId(context),
      // The board type is reported by the device itself; a new, never-connected one reads as the first type.
      type: IOTAAP_DEVICE_TYPES[0],
      // Unnamed devices get a random 10-character name, like groups.
      name: name || randomChars(context, 10),
      token: randomChars(context, DEVICE_TOKEN_LENGTH),
      last_contact: null,
      created_at: context.now().toISOString(),
      owner: user._id,
      __v: 0,
    };
    state.devices.push(device);
    return jsonResponse(201, device);
  });

  route('PUT', '/devices/:id', 'Error when updating device', (request, user) => {
    const device = findOwnDevice(context, user, request.params.id);
    if (!device) return NO_SUCH_DEVICE;
    const name = optionalString(request.body, 'name');
    if (typeof name === 'object') return name;
    const groupId = optionalString(request.body, 'group');
    if (typeof groupId === 'object') return groupId;
    // Check everything before changing anything, so a bad group leaves the name as it was.
    const group = groupId === undefined || groupId === NO_GROUP ? undefined : findOwnGroup(context, user, groupId);
    if (groupId !== undefined && groupId !== NO_GROUP && !group) return NO_SUCH_GROUP;

    if (name) device.name = name;
    if (groupId === NO_GROUP) delete device.group;
    else if (group) device.group = group._id;
    return jsonResponse(200, device);
  });

  route('DELETE', '/devices/:id', 'Error when removing the device', (request, user) => {
    // Mirrors DELETE /groups/:id, whose doc answers a malformed id with 500.
    if (!isObjectId(request.params.id)) return message(500, 'Device ID is not valid');
    const device = findOwnDevice(context, user, request.params.id);
    if (!device) return NO_SUCH_DEVICE;
    state.devices.splice(state.devices.indexOf(device), 1);
    return message(200, 'Device successfully removed');
  });
}
