import { z } from 'zod';
import type {
  IotaapWireDevice,
  IotaapWireDeviceList,
  IotaapWireGroup,
  IotaapWireGroupList,
  IotaapWireLoginResponse,
  IotaapWireMessage,
  IotaapWireUser,
} from './iotaap.wire';

/** Edge validation of IoTaaP answers; unknown keys pass through into `raw`. */
export const groupSchema = z.looseObject({
  _id: z.string(),
  name: z.string(),
  token: z.string(),
  created_at: z.string(),
  owner: z.string(),
  __v: z.number(),
}) satisfies z.ZodType<IotaapWireGroup>;

export const deviceSchema = z.looseObject({
  _id: z.string(),
  type: z.string(),
  name: z.string(),
  token: z.string(),
  last_contact: z.string().nullable(),
  created_at: z.string(),
  owner: z.string(),
  group: z.string().optional(),
  __v: z.number(),
}) satisfies z.ZodType<IotaapWireDevice>;

const envelope = { recordsTotal: z.number(), recordsFiltered: z.number(), draw: z.string() };

export const groupListSchema = z.looseObject({ groups: z.array(groupSchema), ...envelope }) satisfies z.ZodType<IotaapWireGroupList>;
export const deviceListSchema = z.looseObject({ devices: z.array(deviceSchema), ...envelope }) satisfies z.ZodType<IotaapWireDeviceList>;

export const loginSchema = z.looseObject({
  user: z.looseObject({ id: z.string(), role: z.string() }),
  token: z.string(),
}) satisfies z.ZodType<IotaapWireLoginResponse>;

export const userSchema = z.looseObject({
  _id: z.string(),
  email: z.string(),
  username: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  role: z.string(),
  plan: z.string(),
  created_at: z.string(),
}) satisfies z.ZodType<IotaapWireUser>;

export const messageSchema = z.looseObject({ message: z.string() }) satisfies z.ZodType<IotaapWireMessage>;
