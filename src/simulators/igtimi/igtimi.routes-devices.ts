/**
 * Igtimi device, device group, data access window and server list routes (igtimi.txt,
 * "Devices", "Device Groups", "Data Access Windows", "Server Lister").
 */
import type * as w from '../../vendors/igtimi/igtimi.wire';
import { jsonResponse } from '../router';
import type { SimDevice } from './igtimi.seed';
import { blobAnswer, flag, igtimiError, list, millis, params, SUCCESS, target, text, type IgtimiContext, type IgtimiRoute } from './igtimi.store';

const V1 = '/api/v1';
const NO_DEVICE = igtimiError(401, 'Device does not exist');
const NO_MODIFY = igtimiError(401, 'The user does not have modify permission on the device');

export function registerDeviceRoutes(route: IgtimiRoute, context: IgtimiContext): void {
  const { state } = context;
  const own = (serial: string, userId: number) => state.devices.find((d) => d.serial_number === serial && d.owner_id === userId);

  route('GET', `${V1}/devices`, (request, caller) => {
    const query = params(request);
    const serials = list(query, 'serial_numbers');
    const content = flag(query, 'blob_content', false) || flag(query, 'blob', false);
    const withInfo = flag(query, 'device_info', false);
    // "You can give a serial number the user doesn't have permissions on to get the public information."
    const devices = serials.length
      ? serials.flatMap((serial) => state.devices.filter((d) => d.serial_number === serial))
      : state.devices.filter((d) => d.owner_id === caller.user.id);
    return jsonResponse(200, { devices: devices.map((d) => ({ device: view(d, d.owner_id === caller.user.id, content, withInfo) })) });
  });

  route('POST', `${V1}/devices`, (request, caller) => {
    const form = params(request);
    // "date: two characters to use for the middle section of the serial": `GA` + `EN` → `GA-EN-xxxx`.
    const date = text(form, 'date');
    const prefix = date ? `${text(form, 'prefix') ?? ''}-${date}` : (text(form, 'prefix') ?? '');
    const groupToken = text(form, 'devicegroup_token');
    const group = groupToken ? state.deviceGroups.find((g) => g.token === groupToken) : undefined;
    if (groupToken && (!group || !group.permissions.create_devices)) return igtimiError(401, 'Invalid device group token');
    if (!/^[A-Z]{2}-[A-Z]{2}$/.test(prefix) || (group && !prefix.startsWith(group.prefix.replace(/-$/, '')))) {
      return igtimiError(400, 'Invalid prefix', 'The prefix must be approved for your application, e.g. GA-EN');
    }
    const uid = text(form, 'uid') ?? null;
    const imei = text(form, 'imei') ?? null;
    // "If device identifiers already exist then the existing device information is returned".
    const existing = state.devices.find((d) => (uid && d.uid === uid) || (!uid && imei && d.imei === imei));
    if (existing) return jsonResponse(200, { device: view(existing, true, false, false) });
    let serial: string;
    do serial = `${prefix}-${context.random.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
    while (state.devices.some((d) => d.serial_number === serial));
    const register = flag(form, 'register', true);
    const created: SimDevice = {
      id: Math.max(...state.devices.map((d) => d.id)) + 1,
      name: null,
      serial_number: serial,
      uid,
      imei,
      service_tag: context.random.chars(4, 'ABCDEFGHJKLMNPQRSTUVWXYZ'),
      owner_id: register ? caller.user.id : null,
      device_user_group_id: null,
      admin_device_user_group_id: null,
      permissions: { read: true, modify: true },
      blob: false,
      blob_content: null,
      next_stream_id: 1,
      info: null,
      boat: null,
    };
    state.devices.push(created);
    return jsonResponse(200, { device: { ...view(created, true, false, false), next_stream_id: 1 } });
  });

  route('POST', `${V1}/devices/register`, (request, caller) => {
    const form = params(request);
    const device = state.devices.find((d) => d.serial_number === text(form, 'serial_number') && d.service_tag === text(form, 'service_tag'));
    if (!device || (device.owner_id !== null && device.owner_id !== caller.user.id)) return igtimiError(401, 'Invalid Device Details');
    device.owner_id = caller.user.id;
    return jsonResponse(200, { device: view(device, true, false, false) });
  });

  route('DELETE', `${V1}/devices/:serial/unregister`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    if (!device) return NO_DEVICE;
    device.owner_id = null;
    return SUCCESS;
  });

  route('PUT', `${V1}/devices/:serial`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    if (!device) return NO_DEVICE;
    const name = text(params(request), 'name');
    if (!name?.trim()) return igtimiError(400, 'Invalid name', 'name must not be blank');
    device.name = name.trim();
    return SUCCESS;
  });

  route('GET', `${V1}/devices/:serial/blob`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    return device ? blobAnswer(device.blob_content ?? null) : igtimiError(401, "Resource does not exist");
  });

  route('POST', `${V1}/devices/:serial/blob`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    if (!device) return NO_DEVICE;
    device.blob_content = text(params(request), 'content') ?? '';
    device.blob = true;
    return SUCCESS;
  });

  route('GET', `${V1}/devices/:serial/device_info`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    return device ? jsonResponse(200, device.info ?? {}) : NO_DEVICE;
  });

  route('GET', `${V1}/devices/data_access_windows`, (request, caller) => {
    const query = params(request);
    const type = text(query, 'type');
    if (type !== 'read' && type !== 'modify') return igtimiError(400, 'Invalid type', 'type must be read or modify');
    const serials = list(query, 'serial_numbers');
    const from = millis(query, 'start_time') ?? -Infinity;
    const to = millis(query, 'end_time') ?? Infinity;
    const visible = new Set(state.devices.filter((d) => d.owner_id === caller.user.id).map((d) => d.serial_number));
    const windows = state.windows.filter(
      (x) =>
        visible.has(x.device_serial_number) &&
        (serials.length === 0 || serials.includes(x.device_serial_number)) &&
        x.permissions[type] &&
        x.end_time >= from &&
        x.start_time <= to,
    );
    return jsonResponse(200, { data_access_windows: windows.map((x) => ({ data_access_window: x })) });
  });

  route('POST', `${V1}/devices/:serial/data_access_windows`, (request, caller) => {
    const device = own(request.params.serial!, caller.user.id);
    if (!device) return NO_MODIFY;
    const form = params(request);
    const start = millis(form, 'start_time');
    const end = millis(form, 'end_time');
    const recipient = target(form);
    if (start === undefined || end === undefined || !(start <= end)) return igtimiError(400, 'Invalid time window');
    if (!recipient) return igtimiError(400, 'Must include either user_id or group_id');
    state.windows.push({
      id: Math.max(0, ...state.windows.map((x) => x.id)) + 1,
      start_time: start,
      end_time: end,
      device_serial_number: device.serial_number,
      recipient: recipient.kind === 'user' ? { user: { id: recipient.id } } : { group: { id: recipient.id } },
      permissions: { read: flag(form, 'read', false), modify: flag(form, 'modify', false) },
    });
    return SUCCESS;
  });
}

/** A device as the caller may see it: others' devices show public information only. */
function view(device: SimDevice, mine: boolean, content: boolean, withInfo: boolean): w.IgtimiWireDevice {
  const { info, boat: _boat, blob_content, ...wire } = device;
  if (!mine) return { ...wire, service_tag: null, imei: null, uid: null, permissions: { read: false, modify: false }, blob: false };
  return {
    ...wire,
    ...(content && device.blob ? { blob_content } : {}),
    device_info: withInfo ? (info ?? false) : info !== null,
  };
}

