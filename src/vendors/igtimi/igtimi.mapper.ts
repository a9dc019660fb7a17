import { redact } from '../../core/redact';
import { measurementNamesOf } from './igtimi.catalogue';
import {
  IGTIMI_DEVICE,
  IGTIMI_DEVICE_GROUP,
  IGTIMI_GROUP,
  IGTIMI_SESSION,
  IGTIMI_USER,
  type IgtimiDataAccessWindowRecord,
  type IgtimiDataTypeRecord,
  type IgtimiDeviceGroupRecord,
  type IgtimiDeviceGroupTokenRecord,
  type IgtimiDeviceRecord,
  type IgtimiGroupRecord,
  type IgtimiMemberRecord,
  type IgtimiResourceRecord,
  type IgtimiSessionRecord,
  type IgtimiSyncFileRecord,
  type IgtimiUserRecord,
} from './igtimi.model';
import type * as w from './igtimi.wire';

/** Pure mapping from Igtimi payloads to Tributary records. */
export function mapIgtimiDevice(wire: w.IgtimiWireDevice): IgtimiDeviceRecord {
  const info = typeof wire.device_info === 'object' && wire.device_info !== null ? wire.device_info : null;
  return {
    typename: IGTIMI_DEVICE,
    vendor: 'IGTIMI',
    nativeId: wire.serial_number,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    serialNumber: wire.serial_number,
    // The device info's `target` (e.g. "YachtBot") is the closest thing Igtimi has to a model.
    model: typeof info?.target === 'string' ? info.target : null,
    // Device payloads carry no timestamps: `IgtimiDevice.lastSeenAt` is resolved from data (igtimi.reads-last-seen.ts).
    lastSeenAt: null,
    createdAt: null,
    deviceId: wire.id,
    serviceTag: wire.service_tag ?? null,
    ownerId: wire.owner_id,
    permissions: { read: wire.permissions.read, modify: wire.permissions.modify },
    blob: wire.blob,
    blobContent: wire.blob_content ?? null,
    deviceInfo: info,
    // Without `device_info=true` the payload says only whether the device has some (`true`).
    deviceInfoUnread: wire.device_info === true,
  };
}

export function mapIgtimiGroup(wire: w.IgtimiWireGroup): IgtimiGroupRecord {
  return {
    typename: IGTIMI_GROUP,
    vendor: 'IGTIMI',
    nativeId: String(wire.id),
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    // Igtimi groups have neither a description nor a creation time.
    description: null,
    createdAt: null,
    hidden: wire.hidden ?? null,
    permissions: wire.permissions ? { read: wire.permissions.read, modify: wire.permissions.modify } : null,
    blob: wire.blob ?? false,
    blobContent: wire.blob_content ?? null,
  };
}

export function mapIgtimiDeviceGroup(wire: w.IgtimiWireDeviceGroup): IgtimiDeviceGroupRecord {
  return {
    typename: IGTIMI_DEVICE_GROUP,
    vendor: 'IGTIMI',
    nativeId: String(wire.id),
    raw: redact(wire as unknown as Record<string, unknown>),
    // A device group is known by its serial prefix; it has no name of its own.
    name: wire.prefix,
    description: null,
    createdAt: null,
    prefix: wire.prefix,
    token: wire.token,
    createDevices: wire.permissions.create_devices,
    createTokens: wire.permissions.create_tokens,
    expiry: epoch(wire.expiry),
    defaultOwnerId: wire.default_owner_id,
  };
}

export function mapIgtimiSession(wire: w.IgtimiWireSession): IgtimiSessionRecord {
  return {
    typename: IGTIMI_SESSION,
    vendor: 'IGTIMI',
    nativeId: String(wire.id),
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    // Times come with fractions of a millisecond (`1362361340333.454`).
    startTime: wire.start_time === null ? null : new Date(Math.floor(wire.start_time)),
    endTime: wire.end_time === null ? null : new Date(Math.floor(wire.end_time)),
    owner: wire.owner_id === null ? null : String(wire.owner_id),
    ownerId: wire.owner_id,
    permissions: { read: wire.permissions.read, modify: wire.permissions.modify },
    sessionGroupId: wire.session_group_id,
    adminSessionGroupId: wire.admin_session_group_id,
    blob: wire.blob ?? false,
    blobContent: wire.blob_content ?? null,
  };
}

export function mapIgtimiUser(wire: w.IgtimiWireUser): IgtimiUserRecord {
  return {
    typename: IGTIMI_USER,
    vendor: 'IGTIMI',
    nativeId: String(wire.id),
    raw: redact(wire as unknown as Record<string, unknown>),
    userId: wire.id,
    firstName: wire.first_name,
    surname: wire.surname,
    email: wire.email,
    blob: wire.blob ?? null,
  };
}

export function mapIgtimiResource(wire: w.IgtimiWireResource): IgtimiResourceRecord {
  return {
    id: wire.id,
    serialNumber: wire.device_serial_number,
    startTime: new Date(Math.floor(wire.start_time)),
    endTime: wire.end_time === null ? null : new Date(Math.floor(wire.end_time)),
    dataTypes: wire.data_types,
    permissions: { read: wire.permissions.read, modify: wire.permissions.modify },
    blob: wire.blob,
    archived: wire.is_archived ?? false,
  };
}

export function mapIgtimiDataAccessWindow(wire: w.IgtimiWireDataAccessWindow): IgtimiDataAccessWindowRecord {
  const user = 'user' in wire.recipient ? wire.recipient.user : null;
  return {
    id: wire.id,
    serialNumber: wire.device_serial_number,
    startTime: new Date(Math.floor(wire.start_time)),
    endTime: new Date(Math.floor(wire.end_time)),
    recipientKind: user ? 'USER' : 'GROUP',
    recipientId: user ? user.id : (wire.recipient as { group: { id: number } }).group.id,
    permissions: { read: wire.permissions.read, modify: wire.permissions.modify },
  };
}

export function mapIgtimiMember(wire: w.IgtimiWireMember): IgtimiMemberRecord {
  if ('user' in wire) return { kind: 'USER', id: wire.user.id, permissions: { ...wire.user.permissions } };
  if ('group' in wire) return { kind: 'GROUP', id: wire.group.id, permissions: { ...wire.group.permissions } };
  return { kind: 'PUBLIC', id: null, permissions: null };
}

export function mapIgtimiDeviceGroupToken(wire: w.IgtimiWireDeviceGroupToken): IgtimiDeviceGroupTokenRecord {
  // `"2018-07-16 02:49:30 UTC"` is not ISO; make it so before parsing.
  const expiry = wire.expiry ? new Date(wire.expiry.replace(' ', 'T').replace(' UTC', 'Z')) : null;
  return { id: wire.id, token: wire.token, expiry: expiry && !Number.isNaN(expiry.getTime()) ? expiry : null, parentId: wire.parent_devicegroup_token_id };
}

export function mapIgtimiDataType(wire: w.IgtimiWireDataType): IgtimiDataTypeRecord {
  return { id: wire.id, name: wire.name, description: wire.description ?? null, measurementNames: measurementNamesOf(wire.id) };
}

export function mapIgtimiSyncFiles(wire: w.IgtimiWireSyncFiles): IgtimiSyncFileRecord[] {
  const files = wire.device_syncfiles;
  const states = [
    ['ERROR', files.error_files],
    ['PENDING', files.pending_files],
    ['PROCESSING', files.processing_files],
    ['COMPLETED', files.completed_files],
  ] as const;
  return states.flatMap(([state, list]) =>
    (list ?? []).map((file) => ({
      state,
      fileName: file.file_name,
      md5: file.md5,
      uploadedAt: new Date(file.uploaded_at),
      updatedAt: new Date(file.updated_at),
      message: file.msg ?? null,
    })),
  );
}

/**
 * Device group `expiry`: the doc names it a ms timestamp, but its sample (1531709370) is in
 * seconds; values below 10^11 are read as seconds.
 */
function epoch(value: number | null): Date | null {
  if (value === null) return null;
  return new Date(value < 1e11 ? value * 1000 : value);
}
