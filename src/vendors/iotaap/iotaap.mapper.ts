import { redact } from '../../core/redact';
import { IOTAAP_DEVICE, IOTAAP_GROUP, type IotaapDeviceRecord, type IotaapGroupRecord, type IotaapUserRecord } from './iotaap.model';
import type { IotaapWireDevice, IotaapWireGroup, IotaapWireUser } from './iotaap.wire';

/** Pure mapping from IoTaaP payloads to Tributary records. */
export function mapIotaapDevice(wire: IotaapWireDevice): IotaapDeviceRecord {
  return {
    typename: IOTAAP_DEVICE,
    vendor: 'IOTAAP',
    nativeId: wire._id,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    // IoTaaP has no serial number; the device id is its only identity.
    serialNumber: null,
    model: wire.type || null,
    lastSeenAt: toDate(wire.last_contact),
    createdAt: toDate(wire.created_at),
    // `"undefined"` is how IoTaaP spells "no group" on writes; treat it the same on reads.
    groupNativeId: wire.group && wire.group !== 'undefined' ? wire.group : null,
    owner: wire.owner,
    token: wire.token,
  };
}

export function mapIotaapGroup(wire: IotaapWireGroup): IotaapGroupRecord {
  return {
    typename: IOTAAP_GROUP,
    vendor: 'IOTAAP',
    nativeId: wire._id,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    // IoTaaP groups have no description.
    description: null,
    createdAt: toDate(wire.created_at),
    owner: wire.owner,
    token: wire.token,
  };
}

export function mapIotaapUser(wire: IotaapWireUser): IotaapUserRecord {
  return {
    id: wire._id,
    email: wire.email,
    username: wire.username,
    firstName: wire.first_name ?? null,
    lastName: wire.last_name ?? null,
    role: wire.role,
    plan: wire.plan,
    createdAt: toDate(wire.created_at),
  };
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
