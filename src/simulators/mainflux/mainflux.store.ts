/**
 * What the Mainflux route files share: the simulator state and context, the authenticated
 * route registrars (user Bearer token, thing key), the `{ "error": … }` answers, paging and ids.
 */
import type * as w from '../../vendors/mainflux/mainflux.wire';
import { HEX, type Prng } from '../prng';
import { firstValue, jsonResponse, type SimQuery, type SimRequest, type SimResponse } from '../router';

export interface MainfluxSimUser extends w.MainfluxWireUser {
  password: string;
  /** Admins list every org and may change policies. */
  admin: boolean;
}

export interface MainfluxSimThing extends w.MainfluxWireThing {
  key: string;
  owner: string;
}

export interface MainfluxSimChannel extends w.MainfluxWireChannel {
  owner: string;
}

export interface MainfluxSimGroup extends w.MainfluxWireGroup {
  members: string[];
}

export interface MainfluxSimKey extends w.MainfluxWireKey {
  value: string;
}

/** A stored message: the readers' shape plus the channel it went to. */
export interface MainfluxSimMessage extends w.MainfluxWireMessage {
  channel: string;
}

/** The mutable state of one Mainflux simulator. Plain data: safe to compare and clone. */
export interface MainfluxSimState {
  users: MainfluxSimUser[];
  things: MainfluxSimThing[];
  channels: MainfluxSimChannel[];
  /** `channelId/thingId` pairs. */
  connections: string[];
  groups: MainfluxSimGroup[];
  orgs: w.MainfluxWireOrg[];
  orgMembers: Array<{ orgId: string; userId: string; role: string }>;
  orgGroups: Array<{ orgId: string; groupId: string }>;
  policies: Array<{ subject: string; object: string; action: string }>;
  keys: MainfluxSimKey[];
  webhooks: w.MainfluxWireWebhook[];
  /** Newest last; readers answer newest first. */
  messages: MainfluxSimMessage[];
}

/** State, clock, ids and the MQTT publisher of one simulator. */
export interface MainfluxContext {
  state: MainfluxSimState;
  now(): Date;
  random: Prng;
  /** Forwards an accepted SenML pack to MQTT subscribers (no-op without a broker). */
  publish(channelId: string, publisher: string, pack: unknown): void;
}

export type UserHandler = (request: SimRequest, user: MainfluxSimUser) => SimResponse | Promise<SimResponse>;
export type ThingHandler = (request: SimRequest, thing: MainfluxSimThing) => SimResponse | Promise<SimResponse>;
/** Registers a route behind `Authorization: Bearer <token>`. */
export type UserRoute = (method: string, pattern: string, handler: UserHandler) => void;
/** Registers a route behind `Authorization: Thing <key>`. */
export type ThingRoute = (method: string, pattern: string, handler: ThingHandler) => void;

/** Mainflux's error body: `{ "error": "<message>" }`. */
export function fail(status: number, message: string): SimResponse {
  return jsonResponse(status, { error: message });
}

export const UNAUTHORIZED = fail(401, 'missing or invalid credentials provided');
export const NOT_FOUND_ENTITY = fail(404, 'non-existent entity');
export const UNSUPPORTED = fail(415, 'unsupported content type');

export const empty = (status: number, headers?: Record<string, string>): SimResponse => ({ status, headers });

/** 201 with a `Location` and an empty body, as every single create in the doc answers. */
export function created(location: string): SimResponse {
  return { status: 201, headers: { location, 'access-control-expose-headers': 'Location' } };
}

/** A JSON body requires a JSON media type (415 otherwise), like Mainflux's decoders. */
export function jsonBody(request: SimRequest): { body: unknown } | { problem: SimResponse } {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) return { problem: UNSUPPORTED };
  if (request.body === undefined) return { problem: fail(400, 'malformed entity specification') };
  return { body: request.body };
}

/** Reads `offset` (0) and `limit` (10, at most 100): out of range is a 400, never a clamp. */
export function paging(query: SimQuery): { offset: number; limit: number } | { problem: SimResponse } {
  const offset = Number(firstValue(query.offset) ?? 0);
  const limit = Number(firstValue(query.limit) ?? 10);
  if (!Number.isInteger(offset) || offset < 0) return { problem: fail(400, 'invalid offset') };
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { problem: fail(400, 'limit must be from 1 to 100') };
  return { offset, limit };
}

/** A page of `items` under `key`, with the documented envelope. */
export function listAnswer<T>(key: string, items: readonly T[], page: { offset: number; limit: number }, extra: object = {}): SimResponse {
  return jsonResponse(200, {
    total: items.length,
    offset: page.offset,
    limit: page.limit,
    ...extra,
    [key]: items.slice(page.offset, page.offset + page.limit),
  });
}

/** Items whose name contains the `name` query (Mainflux's name filter). */
export function byName<T extends { name?: string }>(items: readonly T[], query: SimQuery): T[] {
  const name = firstValue(query.name)?.toLowerCase();
  return name ? items.filter((item) => item.name?.toLowerCase().includes(name)) : [...items];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);
export const isUuidV4 = (id: unknown): id is string => typeof id === 'string' && UUID_V4.test(id);

/** A UUIDv4 drawn from the PRNG (deterministic per run). */
export function uuid4(random: Prng): string {
  const hex = random.chars(32, HEX).split('');
  hex[12] = '4';
  hex[16] = '89ab'[random.int(0, 3)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A fresh UUIDv4 not used by any entity yet. */
export function newId(context: MainfluxContext): string {
  const { state } = context;
  const taken = new Set<string>([...state.users, ...state.things, ...state.channels, ...state.groups, ...state.orgs, ...state.keys].map((e) => e.id));
  let id: string;
  do id = uuid4(context.random);
  while (taken.has(id));
  return id;
}

export function isConnected(state: MainfluxSimState, channelId: string, thingId: string): boolean {
  return state.connections.includes(`${channelId}/${thingId}`);
}

/** A string array field of an object body, or undefined. */
export function stringArray(body: unknown, field: string): string[] | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** The thing as the API shows it (key included: the owner may see it). */
export function publicThing(thing: MainfluxSimThing): w.MainfluxWireThing {
  const { owner: _owner, ...visible } = thing;
  return visible;
}

export function publicChannel(channel: MainfluxSimChannel): w.MainfluxWireChannel {
  const { owner: _owner, ...visible } = channel;
  return visible;
}

export function publicGroup(group: MainfluxSimGroup): w.MainfluxWireGroup {
  const { members: _members, ...visible } = group;
  return visible;
}
