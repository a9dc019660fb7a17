import type { ChannelRecord, GroupRecord, ThingRecord } from '../../core/model';

export const MAINFLUX_THING = 'MainfluxThing';
export const MAINFLUX_CHANNEL = 'MainfluxChannel';
export const MAINFLUX_GROUP = 'MainfluxGroup';

/** A Mainflux thing; `key` is its secret, shown only on its explicit field (null when not read). */
export interface MainfluxThingRecord extends ThingRecord {
  typename: typeof MAINFLUX_THING;
  key: string | null;
}

export interface MainfluxChannelRecord extends ChannelRecord {
  typename: typeof MAINFLUX_CHANNEL;
}

export interface MainfluxGroupRecord extends GroupRecord {
  typename: typeof MAINFLUX_GROUP;
  ownerId: string | null;
  metadata: Record<string, unknown> | null;
  updatedAt: Date | null;
}

export interface MainfluxUserRecord {
  id: string;
  email: string;
  metadata: Record<string, unknown> | null;
}

export interface MainfluxOrgRecord {
  id: string;
  name: string;
  description: string | null;
  ownerId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface MainfluxOrgMemberRecord {
  id: string | null;
  email: string;
  role: string;
}

/** An API key's details; `value` (the key itself) only right after issuing it. */
export interface MainfluxKeyRecord {
  id: string;
  value: string | null;
  issuerId: string | null;
  subject: string | null;
  type: number | null;
  issuedAt: Date | null;
  expiresAt: Date | null;
}

export interface MainfluxWebhookRecord {
  thingId: string;
  name: string;
  format: 'senml' | 'json';
  url: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Mainflux ids (users, things, channels, groups, orgs, keys) are UUIDs. */
export function isMainfluxId(id: string): boolean {
  return UUID.test(id);
}

/** External ids given on create must be UUIDv4 (doc: "Create Thing with External ID"). */
export function isUuidV4(id: string): boolean {
  return UUID_V4.test(id);
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** Group ids: UUIDs, though the doc's create example answers a ULID `Location`; both are accepted. */
export function isMainfluxGroupId(id: string): boolean {
  return UUID.test(id) || ULID.test(id);
}
