import { z } from 'zod';
import type * as w from './igtimi.wire';

/** Edge validation of Igtimi answers; unknown keys pass through into `raw`. */
const permissions = z.looseObject({ read: z.boolean(), modify: z.boolean() });
const id = z.number().int();
const nullableId = id.nullable();
const ms = z.number();

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().nullable().optional(),
  scope: z.string().nullable().optional(),
  refresh_token: z.string().min(1).nullable().optional(),
}) satisfies z.ZodType<w.IgtimiWireToken>;

export const successSchema = z.looseObject({ success: z.boolean() }) satisfies z.ZodType<w.IgtimiWireSuccess>;

export const deviceSchema = z.looseObject({
  id,
  name: z.string().nullable(),
  serial_number: z.string(),
  uid: z.string().nullable().optional(),
  imei: z.string().nullable().optional(),
  service_tag: z.string().nullable().optional(),
  owner_id: nullableId,
  device_user_group_id: nullableId.optional(),
  admin_device_user_group_id: nullableId.optional(),
  permissions,
  blob: z.boolean(),
  blob_content: z.string().nullable().optional(),
  device_info: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
  next_stream_id: z.number().optional(),
}) satisfies z.ZodType<w.IgtimiWireDevice>;

export const deviceListSchema = z.looseObject({
  devices: z.array(z.looseObject({ device: deviceSchema })),
}) satisfies z.ZodType<w.IgtimiWireDeviceList>;
export const deviceAnswerSchema = z.looseObject({ device: deviceSchema }) satisfies z.ZodType<w.IgtimiWireDeviceAnswer>;

export const deviceGroupSchema = z.looseObject({
  id,
  token: z.string(),
  prefix: z.string(),
  permissions: z.looseObject({ create_devices: z.boolean(), create_tokens: z.boolean() }),
  default_owner_id: nullableId,
  default_admin_id: nullableId,
  default_user_id: nullableId,
  expiry: z.number().nullable(),
}) satisfies z.ZodType<w.IgtimiWireDeviceGroup>;

export const deviceGroupListSchema = z.looseObject({
  devicegroups: z.array(z.looseObject({ devicegroup: deviceGroupSchema })),
}) satisfies z.ZodType<w.IgtimiWireDeviceGroupList>;
export const deviceGroupAnswerSchema = z.looseObject({ devicegroup: deviceGroupSchema }) satisfies z.ZodType<w.IgtimiWireDeviceGroupAnswer>;

export const deviceGroupTokenListSchema = z.looseObject({
  devicegroup_tokens: z.array(
    z.looseObject({
      devicegroup_token: z.looseObject({
        id,
        token: z.string(),
        expiry: z.string().nullable(),
        parent_devicegroup_token_id: nullableId,
      }),
    }),
  ),
}) satisfies z.ZodType<w.IgtimiWireDeviceGroupTokenList>;

export const serverListSchema = z.looseObject({ web_socket_servers: z.array(z.string()) }) satisfies z.ZodType<w.IgtimiWireServerList>;

const userSchema = z.looseObject({
  id,
  first_name: z.string().nullable(),
  surname: z.string().nullable(),
  email: z.string().nullable(),
  blob: z.boolean().optional(),
});
export const userAnswerSchema = z.looseObject({ user: userSchema }) satisfies z.ZodType<w.IgtimiWireUserAnswer>;
export const userListSchema = z.looseObject({ users: z.array(z.looseObject({ user: userSchema })) }) satisfies z.ZodType<w.IgtimiWireUserList>;

const resourceSchema = z.looseObject({
  id,
  start_time: ms,
  end_time: ms.nullable(),
  device_serial_number: z.string(),
  data_types: z.array(z.number()),
  permissions,
  blob: z.boolean(),
  is_archived: z.boolean().optional(),
});
export const resourceListSchema = z.looseObject({
  resources: z.array(z.looseObject({ resource: resourceSchema })),
}) satisfies z.ZodType<w.IgtimiWireResourceList>;

const seriesSchema = z.looseObject({ t: z.array(ms) }).catchall(z.array(z.number()));
/** Serial keys hold series by `<type>[:<sourceId>]`; `archived_resources` holds ids. */
export const dataSchema = z
  .looseObject({ archived_resources: z.array(id).optional() })
  .catchall(z.union([z.record(z.string(), seriesSchema), z.array(z.number())])) as unknown as z.ZodType<w.IgtimiWireData>;

export const latestDataSchema = z.looseObject({
  latest_data: z.array(
    z.looseObject({
      latest_datum: z.looseObject({
        serial_number: z.string(),
        resource_id: id,
        c1: z.number().nullable(),
        c2: z.number().nullable(),
        timestamp: ms,
      }),
    }),
  ),
}) satisfies z.ZodType<w.IgtimiWireLatestData>;

export const dataTypeListSchema = z.looseObject({
  data_types: z.array(z.looseObject({ data_type: z.looseObject({ id, name: z.string(), description: z.string().nullable().optional() }) })),
}) satisfies z.ZodType<w.IgtimiWireDataTypeList>;

export const resourceDatumAnswerSchema = z.looseObject({
  resource_datum: z.looseObject({ resource_id: id, md5: z.string(), source: id }),
}) satisfies z.ZodType<w.IgtimiWireResourceDatumAnswer>;

export const syncFileAnswerSchema = z.looseObject({
  device_syncfile: z.looseObject({ file_id: z.string().min(1), md5: z.string() }),
}) satisfies z.ZodType<w.IgtimiWireSyncFileAnswer>;

const syncFile = z.looseObject({ file_name: z.string(), md5: z.string(), uploaded_at: ms, updated_at: ms, msg: z.string().optional() });
export const syncFilesSchema = z.looseObject({
  device_syncfiles: z.looseObject({
    error_files: z.array(syncFile).optional(),
    pending_files: z.array(syncFile).optional(),
    processing_files: z.array(syncFile).optional(),
    completed_files: z.array(syncFile).optional(),
  }),
}) satisfies z.ZodType<w.IgtimiWireSyncFiles>;

const sessionSchema = z.looseObject({
  id,
  name: z.string().nullable(),
  start_time: ms.nullable(),
  end_time: ms.nullable(),
  owner_id: nullableId,
  session_group_id: nullableId,
  admin_session_group_id: nullableId,
  permissions,
  blob: z.boolean().optional(),
  blob_content: z.string().nullable().optional(),
});
export const sessionListSchema = z.looseObject({
  sessions: z.array(z.looseObject({ session: sessionSchema })),
}) satisfies z.ZodType<w.IgtimiWireSessionList>;
export const sessionAnswerSchema = z.looseObject({ session: sessionSchema }) satisfies z.ZodType<w.IgtimiWireSessionAnswer>;

export const dataAccessWindowListSchema = z.looseObject({
  data_access_windows: z.array(
    z.looseObject({
      data_access_window: z.looseObject({
        id,
        start_time: ms,
        end_time: ms,
        device_serial_number: z.string(),
        recipient: z.union([z.looseObject({ user: z.looseObject({ id }) }), z.looseObject({ group: z.looseObject({ id }) })]),
        permissions,
      }),
    }),
  ),
}) satisfies z.ZodType<w.IgtimiWireDataAccessWindowList>;

const groupSchema = z.looseObject({
  id,
  name: z.string(),
  hidden: z.boolean().optional(),
  permissions: permissions.optional(),
  blob: z.boolean().optional(),
  blob_content: z.string().nullable().optional(),
});
export const groupListSchema = z.looseObject({ groups: z.array(z.looseObject({ group: groupSchema })) }) satisfies z.ZodType<w.IgtimiWireGroupList>;
export const groupAnswerSchema = z.looseObject({ group: groupSchema }) satisfies z.ZodType<w.IgtimiWireGroupAnswer>;

export const memberListSchema = z.looseObject({
  members: z.array(
    z.union([
      z.looseObject({ user: z.looseObject({ id, permissions }) }),
      z.looseObject({ group: z.looseObject({ id, permissions }) }),
      z.looseObject({ public: z.boolean() }),
    ]),
  ),
}) satisfies z.ZodType<w.IgtimiWireMemberList>;
