/**
 * Igtimi payloads as documented (shared/vendor-api/igtimi.txt; data format, latest data and
 * the WebSocket frames from VENDOR-NOTES.md). Types only: simulators import these with
 * `import type`. Validation schemas for the edge live in igtimi.schemas.ts.
 */

/** `permissions` of devices, resources, sessions, groups and windows. */
export interface IgtimiWirePermissions {
  read: boolean;
  modify: boolean;
}

/** `POST /oauth/token` answer (standard OAuth2; the doc says only "the application access token"). */
export interface IgtimiWireToken {
  access_token: string;
  token_type: string;
  expires_in?: number | null;
  scope?: string | null;
  /** Authorization-code grants (Doorkeeper): renews the token once, with the client's secret. */
  refresh_token?: string | null;
}

/** Every error body: `{ error, reason? }` (VENDOR-NOTES). */
export interface IgtimiWireError {
  error: string;
  reason?: string;
}

export interface IgtimiWireSuccess {
  success: boolean;
}

/** `POST /resources/data/upload` with a file for a resource. */
export interface IgtimiWireResourceDatumAnswer {
  resource_datum: { resource_id: number; md5: string; source: number };
}

/** `POST /resources/data/upload` with an .IPB import (`igtimi/binary_data`). */
export interface IgtimiWireSyncFileAnswer {
  device_syncfile: { file_id: string; md5: string };
}

/** A device. `device_info` is a flag, or the info itself when listed with `device_info=true`. */
export interface IgtimiWireDevice {
  id: number;
  name: string | null;
  serial_number: string;
  uid?: string | null;
  imei?: string | null;
  service_tag?: string | null;
  owner_id: number | null;
  device_user_group_id?: number | null;
  admin_device_user_group_id?: number | null;
  permissions: IgtimiWirePermissions;
  blob: boolean;
  blob_content?: string | null;
  device_info?: boolean | Record<string, unknown>;
  next_stream_id?: number;
}

export interface IgtimiWireDeviceList {
  devices: Array<{ device: IgtimiWireDevice }>;
}

export interface IgtimiWireDeviceAnswer {
  device: IgtimiWireDevice;
}

/** A device group; `token` is a secret. `expiry` is a number (the sample is in seconds) or null. */
export interface IgtimiWireDeviceGroup {
  id: number;
  token: string;
  prefix: string;
  permissions: { create_devices: boolean; create_tokens: boolean };
  default_owner_id: number | null;
  default_admin_id: number | null;
  default_user_id: number | null;
  expiry: number | null;
}

export interface IgtimiWireDeviceGroupList {
  devicegroups: Array<{ devicegroup: IgtimiWireDeviceGroup }>;
}

export interface IgtimiWireDeviceGroupAnswer {
  devicegroup: IgtimiWireDeviceGroup;
}

/** A device group token; `expiry` is a `"2018-07-16 02:49:30 UTC"` string or null. */
export interface IgtimiWireDeviceGroupToken {
  id: number;
  token: string;
  expiry: string | null;
  parent_devicegroup_token_id: number | null;
}

export interface IgtimiWireDeviceGroupTokenList {
  devicegroup_tokens: Array<{ devicegroup_token: IgtimiWireDeviceGroupToken }>;
}

export interface IgtimiWireServerList {
  web_socket_servers: string[];
}

/** `GET /account` shows no `blob`; `GET /users` and `/users/:id` do. */
export interface IgtimiWireUser {
  id: number;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  blob?: boolean;
}

export interface IgtimiWireUserAnswer {
  user: IgtimiWireUser;
}

/** The doc's sample (`"users": [ "user": {…} ]`) is not valid JSON; read as `[{ user }]`. */
export interface IgtimiWireUserList {
  users: Array<{ user: IgtimiWireUser }>;
}

export interface IgtimiWireSession {
  id: number;
  name: string | null;
  start_time: number | null;
  end_time: number | null;
  owner_id: number | null;
  session_group_id: number | null;
  admin_session_group_id: number | null;
  permissions: IgtimiWirePermissions;
  blob?: boolean;
  blob_content?: string | null;
}

export interface IgtimiWireSessionList {
  sessions: Array<{ session: IgtimiWireSession }>;
}

export interface IgtimiWireSessionAnswer {
  session: IgtimiWireSession;
}

export interface IgtimiWireDataAccessWindow {
  id: number;
  start_time: number;
  end_time: number;
  device_serial_number: string;
  recipient: { user: { id: number } } | { group: { id: number } };
  permissions: IgtimiWirePermissions;
}

export interface IgtimiWireDataAccessWindowList {
  data_access_windows: Array<{ data_access_window: IgtimiWireDataAccessWindow }>;
}

export interface IgtimiWireGroup {
  id: number;
  name: string;
  hidden?: boolean;
  permissions?: IgtimiWirePermissions;
  blob?: boolean;
  blob_content?: string | null;
}

export interface IgtimiWireGroupList {
  groups: Array<{ group: IgtimiWireGroup }>;
}

export interface IgtimiWireGroupAnswer {
  group: IgtimiWireGroup;
}

export type IgtimiWireMember =
  | { user: { id: number; permissions: IgtimiWirePermissions } }
  | { group: { id: number; permissions: IgtimiWirePermissions } }
  | { public: boolean };

export interface IgtimiWireMemberList {
  members: IgtimiWireMember[];
}

export type * from './igtimi.wire-data';
