import type { DeviceRecord, GroupRecord } from '../../core/model';

export const IOTAAP_DEVICE = 'IotaapDevice';
export const IOTAAP_GROUP = 'IotaapGroup';

/** An IoTaaP device; `token` is the device's MQTT secret, shown only on its explicit field. */
export interface IotaapDeviceRecord extends DeviceRecord {
  typename: typeof IOTAAP_DEVICE;
  groupNativeId: string | null;
  owner: string;
  token: string;
}

/** An IoTaaP group; `token` is the group's secret, shown only on its explicit field. */
export interface IotaapGroupRecord extends GroupRecord {
  typename: typeof IOTAAP_GROUP;
  owner: string;
  token: string;
}

export interface IotaapUserRecord {
  id: string;
  email: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  role: string;
  plan: string;
  createdAt: Date | null;
}

/** IoTaaP ids are 24-hex MongoDB ObjectIds. */
export function isIotaapObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}
