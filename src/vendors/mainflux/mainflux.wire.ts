/**
 * Mainflux payloads as documented (shared/vendor-api/mainflux.txt; readers' fields and the
 * thing/channel relation lists from VENDOR-NOTES.md, Mainflux). Types only: simulators import
 * these with `import type`. Validation schemas for the edge live in mainflux.schemas.ts.
 */

/** Every list answer: `{ total, offset, limit, <items> }` (limit default 10, max 100). */
export interface MainfluxWirePage {
  total: number;
  offset: number;
  limit: number;
}

export interface MainfluxWireListParams {
  offset?: number;
  limit?: number;
  name?: string;
}

/** `POST /tokens` answer; the token is a short-lived JWT (minutes to hours). */
export interface MainfluxWireToken {
  token: string;
}

export interface MainfluxWireCredentials {
  email: string;
  password: string;
}

export interface MainfluxWireUser {
  id: string;
  email: string;
  metadata?: Record<string, unknown>;
}

/** `GET /users`: note the capitalised `Users` key, as documented. */
export interface MainfluxWireUserList extends MainfluxWirePage {
  Users: MainfluxWireUser[];
}

export interface MainfluxWirePasswordChange {
  old_password: string;
  password: string;
}

/** A thing. `key` is its secret (a UUID): the MQTT password and HTTP `Thing` credential. */
export interface MainfluxWireThing {
  id: string;
  name?: string;
  key?: string;
  metadata?: Record<string, unknown>;
}

/** One element of `POST /things` (bulk); `id` only as an external UUIDv4. */
export interface MainfluxWireThingCreate {
  id?: string;
  name?: string;
  key?: string;
  metadata?: Record<string, unknown>;
}

export interface MainfluxWireThingList extends MainfluxWirePage {
  order?: string;
  direction?: string;
  things: MainfluxWireThing[];
}

export interface MainfluxWireChannel {
  id: string;
  name?: string;
  metadata?: Record<string, unknown>;
}

export interface MainfluxWireChannelCreate {
  id?: string;
  name?: string;
  metadata?: Record<string, unknown>;
}

export interface MainfluxWireChannelList extends MainfluxWirePage {
  order?: string;
  direction?: string;
  channels: MainfluxWireChannel[];
}

/** `PUT /things/{id}` and `PUT /channels/{id}`: the full editable state. */
export interface MainfluxWireEntityUpdate {
  name?: string;
  metadata?: Record<string, unknown>;
}

/** `POST /connect` and `PUT /disconnect`: every thing to every channel. */
export interface MainfluxWireConnection {
  channel_ids: string[];
  thing_ids: string[];
}

/** `POST /identify` and `/identify/channels/{id}/access-by-key`. */
export interface MainfluxWireKeyBody {
  token: string;
}

export interface MainfluxWireAccessById {
  thing_id: string;
}

export interface MainfluxWireIdentity {
  id: string;
}

/** One SenML record as a thing sends it (RFC 8428 labels). */
export interface MainfluxWireSenml {
  bn?: string;
  bt?: number;
  bu?: string;
  bv?: number;
  bs?: number;
  bver?: number;
  n?: string;
  u?: string;
  v?: number;
  vs?: string;
  vb?: boolean;
  vd?: string;
  s?: number;
  t?: number;
  ut?: number;
}

/** A stored message as the readers answer it: base fields resolved, time in seconds. */
export interface MainfluxWireMessage {
  channel?: string;
  channel_name?: string;
  subtopic?: string;
  publisher: string;
  protocol: string;
  name: string;
  unit?: string;
  time: number;
  value?: number;
  string_value?: string;
  bool_value?: boolean;
  data_value?: string;
  sum?: number;
  update_time?: number;
}

export interface MainfluxWireMessageList extends MainfluxWirePage {
  format?: string;
  messages: MainfluxWireMessage[];
}

/** Readers' query: `from`/`to` are seconds (floats). */
export interface MainfluxWireMessageQuery {
  offset: number;
  limit: number;
  name?: string;
  publisher?: string;
  from?: number;
  to?: number;
}

/** Every error body: `{ "error": "<message>" }`. */
export interface MainfluxWireError {
  error: string;
}

/** Groups, orgs, policies, API keys and webhooks. */
export type * from './mainflux.wire-admin';
