import { z } from 'zod';
import type {
  MainfluxWireChannel,
  MainfluxWireChannelList,
  MainfluxWireGroup,
  MainfluxWireGroupList,
  MainfluxWireGroupMembers,
  MainfluxWireIdentity,
  MainfluxWireIssuedKey,
  MainfluxWireKey,
  MainfluxWireMessage,
  MainfluxWireMessageList,
  MainfluxWireOrg,
  MainfluxWireOrgList,
  MainfluxWireOrgMemberList,
  MainfluxWireThing,
  MainfluxWireThingList,
  MainfluxWireToken,
  MainfluxWireUser,
  MainfluxWireUserList,
  MainfluxWireWebhookList,
} from './mainflux.wire';

/** Edge validation of Mainflux answers; unknown keys pass through into `raw`. */
const metadata = z.record(z.string(), z.unknown()).optional();
const page = { total: z.number(), offset: z.number(), limit: z.number() };

export const tokenSchema = z.looseObject({ token: z.string().min(1) }) satisfies z.ZodType<MainfluxWireToken>;

export const userSchema = z.looseObject({ id: z.string(), email: z.string(), metadata }) satisfies z.ZodType<MainfluxWireUser>;
export const userListSchema = z.looseObject({ ...page, Users: z.array(userSchema) }) satisfies z.ZodType<MainfluxWireUserList>;

export const thingSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  key: z.string().optional(),
  metadata,
}) satisfies z.ZodType<MainfluxWireThing>;
export const thingListSchema = z.looseObject({ ...page, things: z.array(thingSchema) }) satisfies z.ZodType<MainfluxWireThingList>;
export const thingsCreatedSchema = z.looseObject({ things: z.array(thingSchema) });

export const channelSchema = z.looseObject({ id: z.string(), name: z.string().optional(), metadata }) satisfies z.ZodType<MainfluxWireChannel>;
export const channelListSchema = z.looseObject({ ...page, channels: z.array(channelSchema) }) satisfies z.ZodType<MainfluxWireChannelList>;
export const channelsCreatedSchema = z.looseObject({ channels: z.array(channelSchema) });

export const identitySchema = z.looseObject({ id: z.string() }) satisfies z.ZodType<MainfluxWireIdentity>;

export const messageSchema = z.looseObject({
  channel: z.string().optional(),
  channel_name: z.string().optional(),
  subtopic: z.string().optional(),
  publisher: z.string(),
  protocol: z.string(),
  name: z.string(),
  unit: z.string().optional(),
  time: z.number(),
  value: z.number().optional(),
  string_value: z.string().optional(),
  bool_value: z.boolean().optional(),
  data_value: z.string().optional(),
  sum: z.number().optional(),
  update_time: z.number().optional(),
}) satisfies z.ZodType<MainfluxWireMessage>;
export const messageListSchema = z.looseObject({
  ...page,
  format: z.string().optional(),
  messages: z.array(messageSchema),
}) satisfies z.ZodType<MainfluxWireMessageList>;

const dated = { created_at: z.string().optional(), updated_at: z.string().optional() };
export const groupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  owner_id: z.string().optional(),
  description: z.string().optional(),
  metadata,
  ...dated,
}) satisfies z.ZodType<MainfluxWireGroup>;
export const groupListSchema = z.looseObject({ ...page, groups: z.array(groupSchema) }) satisfies z.ZodType<MainfluxWireGroupList>;
export const groupMembersSchema = z.looseObject({ ...page, members: z.array(thingSchema) }) satisfies z.ZodType<MainfluxWireGroupMembers>;

export const orgSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  owner_id: z.string().optional(),
  description: z.string().optional(),
  metadata,
  ...dated,
}) satisfies z.ZodType<MainfluxWireOrg>;
export const orgListSchema = z.looseObject({ ...page, orgs: z.array(orgSchema) }) satisfies z.ZodType<MainfluxWireOrgList>;
export const orgMemberListSchema = z.looseObject({
  ...page,
  members: z.array(z.looseObject({ id: z.string().optional(), email: z.string(), role: z.string() })),
}) satisfies z.ZodType<MainfluxWireOrgMemberList>;

export const issuedKeySchema = z.looseObject({
  id: z.string(),
  value: z.string(),
  issued_at: z.string(),
  expires_at: z.string().optional(),
}) satisfies z.ZodType<MainfluxWireIssuedKey>;
export const keySchema = z.looseObject({
  id: z.string(),
  issuer_id: z.string(),
  subject: z.string(),
  type: z.number(),
  issued_at: z.string(),
  expires_at: z.string().optional(),
}) satisfies z.ZodType<MainfluxWireKey>;

export const webhookListSchema = z.looseObject({
  webhooks: z.array(
    z.looseObject({ thing_id: z.string(), name: z.string(), format: z.enum(['senml', 'json']), url: z.string() }),
  ),
}) satisfies z.ZodType<MainfluxWireWebhookList>;

/** Answers with no body (201/200/204); anything is accepted, nothing is read. */
export const emptySchema = z.unknown();
