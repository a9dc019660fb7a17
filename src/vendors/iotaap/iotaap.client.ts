import { VendorNotConfiguredError } from '../../core/errors';
import type { QueryValue, VendorCalls, VendorRequest } from '../http';
import { withToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import {
  deviceListSchema,
  deviceSchema,
  groupListSchema,
  groupSchema,
  messageSchema,
  userSchema,
} from './iotaap.schemas';
import { iotaapAuthHeader } from './iotaap.auth';
import type {
  IotaapWireDevice,
  IotaapWireDeviceCreate,
  IotaapWireDeviceList,
  IotaapWireDeviceUpdate,
  IotaapWireGroup,
  IotaapWireGroupCreate,
  IotaapWireGroupList,
  IotaapWireGroupUpdate,
  IotaapWireListParams,
  IotaapWireMessage,
  IotaapWireUser,
  IotaapWireUserUpdate,
} from './iotaap.wire';
import type { z } from 'zod';

/** One method per IoTaaP endpoint; answers validated, never mapped. */
export class IotaapClient {
  constructor(
    private readonly http: VendorCalls,
    private readonly tokens: TokenProvider | null,
    private readonly authScheme: string,
  ) {}

  listGroups(params: IotaapWireListParams): Promise<IotaapWireGroupList> {
    return this.call('groups.list', groupListSchema, { method: 'GET', path: ['groups'], query: listQuery(params) });
  }

  getGroup(id: string): Promise<IotaapWireGroup> {
    return this.call('groups.get', groupSchema, { method: 'GET', path: ['groups', id] });
  }

  listGroupDevices(id: string, params: IotaapWireListParams): Promise<IotaapWireDeviceList> {
    return this.call('groups.devices', deviceListSchema, {
      method: 'GET',
      path: ['groups', 'devices', id],
      query: listQuery(params),
    });
  }

  createGroup(body: IotaapWireGroupCreate): Promise<IotaapWireGroup> {
    return this.call('groups.create', groupSchema, { method: 'POST', path: ['groups'], json: body });
  }

  updateGroup(id: string, body: IotaapWireGroupUpdate): Promise<IotaapWireGroup> {
    // PUT with the full editable state is idempotent, so it may be retried.
    return this.call('groups.update', groupSchema, { method: 'PUT', path: ['groups', id], json: body, idempotent: true });
  }

  deleteGroup(id: string): Promise<IotaapWireMessage> {
    return this.call('groups.delete', messageSchema, { method: 'DELETE', path: ['groups', id] });
  }

  listDevices(params: IotaapWireListParams): Promise<IotaapWireDeviceList> {
    return this.call('devices.list', deviceListSchema, { method: 'GET', path: ['devices'], query: listQuery(params) });
  }

  getDevice(id: string): Promise<IotaapWireDevice> {
    return this.call('devices.get', deviceSchema, { method: 'GET', path: ['devices', id] });
  }

  createDevice(body: IotaapWireDeviceCreate): Promise<IotaapWireDevice> {
    return this.call('devices.create', deviceSchema, { method: 'POST', path: ['devices'], json: body });
  }

  updateDevice(id: string, body: IotaapWireDeviceUpdate): Promise<IotaapWireDevice> {
    return this.call('devices.update', deviceSchema, { method: 'PUT', path: ['devices', id], json: body, idempotent: true });
  }

  deleteDevice(id: string): Promise<IotaapWireMessage> {
    return this.call('devices.delete', messageSchema, { method: 'DELETE', path: ['devices', id] });
  }

  getCurrentUser(): Promise<IotaapWireUser> {
    return this.call('users.current', userSchema, { method: 'GET', path: ['users', 'current'] });
  }

  updateCurrentUser(body: IotaapWireUserUpdate): Promise<IotaapWireUser> {
    return this.call('users.update', userSchema, { method: 'PUT', path: ['users', 'current'], json: body, idempotent: true });
  }

  // Private:

  private async call<S extends z.ZodType>(
    operation: string,
    schema: S,
    request: Omit<VendorRequest, 'operation' | 'headers'>,
  ): Promise<z.infer<S>> {
    if (!this.tokens) throw new VendorNotConfiguredError('IOTAAP');
    const response = await withToken(this.tokens, (token) => this.http.request({ ...request, operation, headers: iotaapAuthHeader(this.authScheme, token) }), this.http);
    return parseWire('IOTAAP', operation, schema, response.json);
  }
}

function listQuery(params: IotaapWireListParams): Record<string, QueryValue> {
  return { ...params };
}
