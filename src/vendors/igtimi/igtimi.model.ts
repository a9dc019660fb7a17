import type { DeviceRecord, GroupRecord, NodeRecord, SessionRecord } from '../../core/model';

export const IGTIMI_DEVICE = 'IgtimiDevice';
export const IGTIMI_GROUP = 'IgtimiGroup';
export const IGTIMI_DEVICE_GROUP = 'IgtimiDeviceGroup';
export const IGTIMI_SESSION = 'IgtimiSession';
/** Users are members of groups (a Node there), but not a unified kind: `node(id)` does not load them. */
export const IGTIMI_USER = 'IgtimiUser';

export interface IgtimiPermissions {
  read: boolean;
  modify: boolean;
}

/** An Igtimi device; its serial number is its native id (every device endpoint takes it). */
export interface IgtimiDeviceRecord extends DeviceRecord {
  typename: typeof IGTIMI_DEVICE;
  deviceId: number;
  serviceTag: string | null;
  ownerId: number | null;
  permissions: IgtimiPermissions;
  blob: boolean;
  blobContent: string | null;
  /** The device information when listed with `device_info=true`; null when it has none. */
  deviceInfo: Record<string, unknown> | null;
  /**
   * Read without `device_info=true` (the device list) from a device that has some: `deviceInfo`,
   * `model` and `raw` are known only after a detailed read (`IgtimiApi.detailed`).
   */
  deviceInfoUnread: boolean;
}

/** A user group (`/groups`). */
export interface IgtimiGroupRecord extends GroupRecord {
  typename: typeof IGTIMI_GROUP;
  hidden: boolean | null;
  permissions: IgtimiPermissions | null;
  blob: boolean;
  blobContent: string | null;
}

/** A device group (`/devicegroups`); `token` is its secret, shown only on its explicit field. */
export interface IgtimiDeviceGroupRecord extends GroupRecord {
  typename: typeof IGTIMI_DEVICE_GROUP;
  prefix: string;
  token: string;
  createDevices: boolean;
  createTokens: boolean;
  expiry: Date | null;
  defaultOwnerId: number | null;
}

export interface IgtimiSessionRecord extends SessionRecord {
  typename: typeof IGTIMI_SESSION;
  owner: string | null;
  ownerId: number | null;
  permissions: IgtimiPermissions;
  sessionGroupId: number | null;
  adminSessionGroupId: number | null;
  blob: boolean;
  blobContent: string | null;
}

export interface IgtimiUserRecord extends NodeRecord {
  typename: typeof IGTIMI_USER;
  userId: number;
  firstName: string | null;
  surname: string | null;
  email: string | null;
  blob: boolean | null;
}

export interface IgtimiResourceRecord {
  id: number;
  serialNumber: string;
  startTime: Date;
  endTime: Date | null;
  dataTypes: number[];
  permissions: IgtimiPermissions;
  blob: boolean;
  archived: boolean;
}

export interface IgtimiDataAccessWindowRecord {
  id: number;
  serialNumber: string;
  startTime: Date;
  endTime: Date;
  recipientKind: 'USER' | 'GROUP';
  recipientId: number;
  permissions: IgtimiPermissions;
}

export interface IgtimiMemberRecord {
  kind: 'USER' | 'GROUP' | 'PUBLIC';
  id: number | null;
  permissions: IgtimiPermissions | null;
}

export interface IgtimiDeviceGroupTokenRecord {
  id: number;
  token: string;
  expiry: Date | null;
  parentId: number | null;
}

export interface IgtimiDataTypeRecord {
  id: number;
  name: string;
  description: string | null;
  /** Measurement names this gateway maps the type to (empty: not mapped). */
  measurementNames: string[];
}

export interface IgtimiSyncFileRecord {
  state: 'ERROR' | 'PENDING' | 'PROCESSING' | 'COMPLETED';
  fileName: string;
  md5: string;
  uploadedAt: Date;
  updatedAt: Date;
  message: string | null;
}

/** Serials look like `GA-EN-AAEJ`: two letters, two letters, four (VENDOR-NOTES). */
export function isIgtimiSerial(value: string): boolean {
  return /^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$/.test(value);
}

/** Sessions, groups, device groups, resources, windows and users have positive integer ids. */
export function isIgtimiNumericId(value: string): boolean {
  return /^[1-9]\d{0,9}$/.test(value);
}

/** Device group prefixes look like `AA-AA` (an optional trailing `-` as in the doc's `AA-AD-`). */
export function isIgtimiPrefix(value: string): boolean {
  return /^[A-Z]{2}-[A-Z]{2}-?$/.test(value);
}
