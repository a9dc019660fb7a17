/**
 * IoTaaP payloads as documented (shared/vendor-api/iotaap-groups.txt, device endpoints and
 * login from VENDOR-NOTES.md). Types only: simulators import these with `import type`.
 * Validation schemas for the edge live in iotaap.schemas.ts.
 */

/** A group object (`GET /groups/{id}`). `token` is a secret (16 chars). */
export interface IotaapWireGroup {
  _id: string;
  name: string;
  token: string;
  created_at: string;
  owner: string;
  __v: number;
}

/** A device object. `token` is a secret (12 chars); `group` absent when ungrouped. */
export interface IotaapWireDevice {
  _id: string;
  type: string;
  name: string;
  token: string;
  last_contact: string | null;
  created_at: string;
  owner: string;
  group?: string;
  __v: number;
}

/** DataTables-style list envelope shared by every list endpoint. */
export interface IotaapWireListEnvelope {
  recordsTotal: number;
  recordsFiltered: number;
  draw: string;
}

export interface IotaapWireGroupList extends IotaapWireListEnvelope {
  groups: IotaapWireGroup[];
}

export interface IotaapWireDeviceList extends IotaapWireListEnvelope {
  devices: IotaapWireDevice[];
}

/** Query parameters every list endpoint takes. */
export interface IotaapWireListParams {
  search_value?: string;
  offset?: number;
  limit?: number;
  draw?: string;
  order_dir?: 'asc' | 'desc';
}

export interface IotaapWireLoginRequest {
  email: string;
  password: string;
  rememberMe?: boolean;
}

export interface IotaapWireLoginResponse {
  user: { id: string; role: string };
  token: string;
}

/** `GET /users/current`. */
export interface IotaapWireUser {
  _id: string;
  email: string;
  username: string;
  first_name?: string;
  last_name?: string;
  role: string;
  plan: string;
  created_at: string;
}

/** `PUT /users/current` body: the editable fields. */
export interface IotaapWireUserUpdate {
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface IotaapWireGroupCreate {
  name?: string;
}

export interface IotaapWireGroupUpdate {
  name: string;
}

export interface IotaapWireDeviceCreate {
  name?: string;
}

/** `PUT /devices/{id}`: `group: "undefined"` removes the device from its group. */
export interface IotaapWireDeviceUpdate {
  name?: string;
  group?: string;
}

/** Every error body: `{ message, error? }`; a bad token gets plain-text `Unauthorized`. */
export interface IotaapWireError {
  message: string;
  error?: string;
}

export interface IotaapWireMessage {
  message: string;
}
