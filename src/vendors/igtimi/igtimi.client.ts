import type { z } from 'zod';
import { VendorNotConfiguredError } from '../../core/errors';
import { encodeParams, type QueryValue, type VendorCalls, type VendorRequest, type VendorResponse } from '../http';
import { multipartBody, type MultipartFile } from '../multipart-body';
import { withToken, withTokenOnce, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { igtimiAuthHeader } from './igtimi.auth';
import * as s from './igtimi.schemas';
import type * as w from './igtimi.wire';

const V1 = ['api', 'v1'] as const;
/** The content type that makes an upload an .IPB import (doc: "must equal igtimi/binary_data"). */
export const IGTIMI_IMPORT_TYPE = 'igtimi/binary_data';
/** Past this query length a read goes as `POST` with `_method=GET`, as the notes suggest for long id lists. */
const MAX_QUERY_CHARS = 1500;

export type IgtimiBlobOwner = 'devices' | 'groups' | 'sessions' | 'resources' | 'users';
/** `user_id` or `group_id`: whom a member, grant or window is for. */
export type IgtimiTarget = { user_id: number } | { group_id: number };
type Params = Record<string, QueryValue>;

/** One method per Igtimi endpoint; answers validated, never mapped. */
export class IgtimiClient {
  constructor(
    private readonly http: VendorCalls,
    private readonly tokens: TokenProvider | null,
    /** Called before every write, so shared list reads of this credential are not served stale after it. */
    private readonly onWrite: () => void = () => undefined,
  ) {}

  /** The same credential outside the operation: for live feeds, which outlive it. */
  background(): IgtimiClient {
    return new IgtimiClient(this.http.background, this.tokens, this.onWrite);
  }

  // Devices
  listDevices(params: Params): Promise<w.IgtimiWireDeviceList> {
    return this.read('devices.list', s.deviceListSchema, ['devices'], params);
  }
  createDevice(form: Params): Promise<w.IgtimiWireDeviceAnswer> {
    return this.write('devices.create', s.deviceAnswerSchema, 'POST', ['devices'], form);
  }
  registerDevice(serial: string, serviceTag: string): Promise<w.IgtimiWireDeviceAnswer> {
    return this.write('devices.register', s.deviceAnswerSchema, 'POST', ['devices', 'register'], { serial_number: serial, service_tag: serviceTag });
  }
  unregisterDevice(serial: string): Promise<w.IgtimiWireSuccess> {
    return this.write('devices.unregister', s.successSchema, 'DELETE', ['devices', serial, 'unregister'], {});
  }
  updateDevice(serial: string, name: string): Promise<w.IgtimiWireSuccess> {
    return this.write('devices.update', s.successSchema, 'PUT', ['devices', serial], { name }, true);
  }
  deviceInfo(serial: string): Promise<Record<string, unknown>> {
    return this.text('devices.device_info', ['devices', serial, 'device_info']).then((r) => (r.json ?? {}) as Record<string, unknown>);
  }
  listDataAccessWindows(params: Params): Promise<w.IgtimiWireDataAccessWindowList> {
    return this.read('data_access_windows.list', s.dataAccessWindowListSchema, ['devices', 'data_access_windows'], params);
  }
  createDataAccessWindow(serial: string, form: Params): Promise<w.IgtimiWireSuccess> {
    return this.write('data_access_windows.create', s.successSchema, 'POST', ['devices', serial, 'data_access_windows'], form);
  }

  // Device groups
  listDeviceGroups(params: Params): Promise<w.IgtimiWireDeviceGroupList> {
    return this.read('devicegroups.list', s.deviceGroupListSchema, ['devicegroups'], params);
  }
  createDeviceGroup(form: Params): Promise<w.IgtimiWireDeviceGroupAnswer> {
    return this.write('devicegroups.create', s.deviceGroupAnswerSchema, 'POST', ['devicegroups'], form);
  }
  listDeviceGroupTokens(): Promise<w.IgtimiWireDeviceGroupTokenList> {
    return this.read('devicegroup_tokens.list', s.deviceGroupTokenListSchema, ['devicegroup_tokens'], {});
  }

  /** `GET /server_listers/web_sockets` lives outside `/api/v1`. */
  async serverList(): Promise<w.IgtimiWireServerList> {
    return this.call('server_listers.web_sockets', s.serverListSchema, { method: 'GET', path: ['server_listers', 'web_sockets'] });
  }

  // Account and users
  account(): Promise<w.IgtimiWireUserAnswer> {
    return this.read('account.show', s.userAnswerSchema, ['account'], {});
  }
  listUsers(): Promise<w.IgtimiWireUserList> {
    return this.read('users.list', s.userListSchema, ['users'], {});
  }
  getUser(id: number): Promise<w.IgtimiWireUserAnswer> {
    return this.read('users.show', s.userAnswerSchema, ['users', String(id)], {});
  }

  // Blobs of devices, groups, sessions, resources and users: "exactly as it was saved".
  async getBlob(owner: IgtimiBlobOwner, id: string): Promise<string> {
    return (await this.text(`${owner}.blob.get`, [owner, id, 'blob'])).text;
  }
  saveBlob(owner: IgtimiBlobOwner, id: string, content: string): Promise<w.IgtimiWireSuccess> {
    return this.write(`${owner}.blob.save`, s.successSchema, 'POST', [owner, id, 'blob'], { content });
  }

  // Resources and data
  listResources(params: Params): Promise<w.IgtimiWireResourceList> {
    return this.read('resources.list', s.resourceListSchema, ['resources'], params);
  }
  data(params: Params): Promise<w.IgtimiWireData> {
    return this.read('resources.data', s.dataSchema, ['resources', 'data'], params);
  }
  latest(type: number, serials: readonly string[]): Promise<w.IgtimiWireLatestData> {
    return this.read('resources.data.latest', s.latestDataSchema, ['resources', 'data', 'latest'], { type, serial_numbers: serials });
  }
  listImports(fileId: string | null): Promise<w.IgtimiWireSyncFiles> {
    return this.read('resources.data.upload.list', s.syncFilesSchema, ['resources', 'data', 'upload'], { file_id: fileId });
  }
  /** `POST /resources/data/upload`: a file into a resource (`resource_id`, or `stream_id` + `serial_number`). */
  uploadResourceFile(fields: Params, file: MultipartFile): Promise<w.IgtimiWireResourceDatumAnswer> {
    return this.upload('resources.data.upload', s.resourceDatumAnswerSchema, fields, file);
  }
  /** `POST /resources/data/upload` of an .IPB file: the file part's content type is `igtimi/binary_data`. */
  importFile(file: MultipartFile): Promise<w.IgtimiWireSyncFileAnswer> {
    return this.upload('resources.data.upload.import', s.syncFileAnswerSchema, {}, { ...file, contentType: IGTIMI_IMPORT_TYPE });
  }
  dataTypes(): Promise<w.IgtimiWireDataTypeList> {
    return this.read('data_types.list', s.dataTypeListSchema, ['data_types'], {});
  }

  // Sessions
  listSessions(params: Params): Promise<w.IgtimiWireSessionList> {
    return this.read('sessions.list', s.sessionListSchema, ['sessions'], params);
  }
  createSession(): Promise<w.IgtimiWireSessionAnswer> {
    return this.write('sessions.create', s.sessionAnswerSchema, 'POST', ['sessions'], {});
  }
  getSession(id: string): Promise<w.IgtimiWireSessionAnswer> {
    return this.read('sessions.get', s.sessionAnswerSchema, ['sessions', id], {});
  }
  deleteSession(id: string): Promise<w.IgtimiWireSuccess> {
    return this.write('sessions.delete', s.successSchema, 'DELETE', ['sessions', id], {});
  }
  async sessionLog(id: string, since: number | null): Promise<string> {
    return (await this.text('sessions.logs.list', ['sessions', id, 'logs'], { start_time: since })).text;
  }
  async appendSessionLog(id: string, xml: string): Promise<w.IgtimiWireSuccess> {
    // Appending is not idempotent: POST, never retried.
    const response = await this.withAuth((headers) =>
      this.http.request({ operation: 'sessions.logs.create', method: 'POST', path: [...V1, 'sessions', id, 'logs'], headers, body: { text: xml, contentType: 'application/xml' } }),
    );
    return parseWire('IGTIMI', 'sessions.logs.create', s.successSchema, response.json);
  }

  // Groups
  listGroups(params: Params): Promise<w.IgtimiWireGroupList> {
    return this.read('groups.list', s.groupListSchema, ['groups'], params);
  }
  createGroup(name: string): Promise<w.IgtimiWireGroupAnswer> {
    return this.write('groups.create', s.groupAnswerSchema, 'POST', ['groups'], { name });
  }
  deleteGroup(id: string): Promise<w.IgtimiWireSuccess> {
    return this.write('groups.delete', s.successSchema, 'DELETE', ['groups', id], {});
  }
  listMembers(id: string): Promise<w.IgtimiWireMemberList> {
    return this.read('groups.members.list', s.memberListSchema, ['groups', id, 'members'], { hidden: true });
  }
  changeGroup(id: string, action: 'members.add' | 'members.remove' | 'grant_modify' | 'revoke_modify', target: IgtimiTarget): Promise<w.IgtimiWireSuccess> {
    const method = action === 'members.add' || action === 'grant_modify' ? 'POST' : 'DELETE';
    const path = action.startsWith('members') ? 'members' : action;
    return this.write(`groups.${action}`, s.successSchema, method, ['groups', id, path], { ...target });
  }
  setGroupPublic(id: string, visible: boolean): Promise<w.IgtimiWireSuccess> {
    const action = visible ? 'make_public' : 'make_private';
    return this.write(`groups.${action}`, s.successSchema, 'POST', ['groups', id, action], {});
  }

  /** The token in use (live sockets send it in their config frame). */
  token(): Promise<string> {
    if (!this.tokens) throw new VendorNotConfiguredError('IGTIMI');
    return this.tokens.get(this.http);
  }

  // Private:

  /** A read below `/api/v1`; long parameter lists go as `POST _method=GET` (still a read: retried, cached, served stale). */
  private read<S extends z.ZodType>(operation: string, schema: S, path: readonly string[], params: Params): Promise<z.infer<S>> {
    const long = encodeParams(params).toString().length > MAX_QUERY_CHARS;
    const request: Omit<VendorRequest, 'operation' | 'headers'> = long
      ? { method: 'POST', path: [...V1, ...path], form: { _method: 'GET', ...params }, read: true }
      : { method: 'GET', path: [...V1, ...path], query: params };
    return this.call(operation, schema, request);
  }

  /** A write below `/api/v1`: form-encoded for POST/PUT, query parameters for DELETE. */
  private write<S extends z.ZodType>(
    operation: string,
    schema: S,
    method: 'POST' | 'PUT' | 'DELETE',
    path: readonly string[],
    params: Params,
    idempotent = false,
  ): Promise<z.infer<S>> {
    const body = method === 'DELETE' ? { query: params } : { form: params };
    this.onWrite();
    return this.call(operation, schema, { method, path: [...V1, ...path], ...body, idempotent });
  }

  private async text(operation: string, path: readonly string[], params: Params = {}): Promise<VendorResponse> {
    return this.withAuth((headers) => this.http.request({ operation, method: 'GET', path: [...V1, ...path], query: params, headers }));
  }

  private async call<S extends z.ZodType>(operation: string, schema: S, request: Omit<VendorRequest, 'operation' | 'headers'>): Promise<z.infer<S>> {
    const response = await this.withAuth((headers) => this.http.request({ ...request, operation, headers }));
    return parseWire('IGTIMI', operation, schema, response.json);
  }

  /** A streamed multipart write: sent once (the file cannot be read twice), so a refused token is not retried. */
  private async upload<S extends z.ZodType>(operation: string, schema: S, fields: Params, file: MultipartFile): Promise<z.infer<S>> {
    if (!this.tokens) throw new VendorNotConfiguredError('IGTIMI');
    this.onWrite();
    const { stream, contentType } = multipartBody(fields, [file]);
    const response = await withTokenOnce(
      this.tokens,
      (token) => this.http.request({ operation, method: 'POST', path: [...V1, 'resources', 'data', 'upload'], headers: igtimiAuthHeader(token), stream: { stream, contentType } }),
      this.http,
    );
    return parseWire('IGTIMI', operation, schema, response.json);
  }

  private withAuth<T>(fn: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    if (!this.tokens) throw new VendorNotConfiguredError('IGTIMI');
    return withToken(this.tokens, (token) => fn(igtimiAuthHeader(token)), this.http);
  }
}
