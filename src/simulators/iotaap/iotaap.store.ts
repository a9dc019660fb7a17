/**
 * What the IoTaaP route files share: the simulator context, the authenticated route
 * registrar, ownership lookups and the generators for new ids, tokens and names.
 */
import type { IotaapWireDevice, IotaapWireGroup, IotaapWireUser } from '../../vendors/iotaap/iotaap.wire';
import { ALPHANUMERIC, type Prng } from '../prng';
import { jsonResponse, type SimRequest, type SimResponse } from '../router';
import { objectId, type IotaapSimState, type IotaapSimUser } from './iotaap.seed';

/** State and clock of one IoTaaP simulator. */
export interface IotaapContext {
  state: IotaapSimState;
  now(): Date;
  /** Draws ids, tokens and names of entities created at runtime (seeded: same ids every run). */
  random: Prng;
}

/** A handler behind the token check, given the caller. */
export type IotaapHandler = (request: SimRequest, user: IotaapSimUser) => SimResponse | Promise<SimResponse>;

/**
 * Registers an authenticated route. `failure` is the documented 500 message
 * ("Error when getting groups") answered, with the error text, if the handler throws.
 */
export type IotaapRoute = (method: string, pattern: string, failure: string, handler: IotaapHandler) => void;

/** `{ message }` with a status: IoTaaP's error (and some success) body. */
export function message(status: number, text: string): SimResponse {
  return jsonResponse(status, { message: text });
}

export const NO_SUCH_GROUP = message(404, 'No such group');
export const NO_SUCH_DEVICE = message(404, 'No such device');

/** IoTaaP ids are MongoDB ObjectIds: 24 hex digits. */
export function isObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}

/** The caller's group with this id; another user's group is as absent as a missing one. */
export function findOwnGroup(context: IotaapContext, user: IotaapSimUser, id: string): IotaapWireGroup | undefined {
  const wanted = id.toLowerCase();
  return context.state.groups.find((group) => group._id === wanted && group.owner === user._id);
}

/** The caller's device with this id. */
export function findOwnDevice(context: IotaapContext, user: IotaapSimUser, id: string): IotaapWireDevice | undefined {
  const wanted = id.toLowerCase();
  return context.state.devices.find((device) => device._id === wanted && device.owner === user._id);
}

/** A fresh ObjectId stamped with the context clock, unique in the state. */
export function newObjectId(context: IotaapContext): string {
  const taken = new Set([...context.state.groups, ...context.state.devices].map((entity) => entity._id));
  let id: string;
  do id = objectId(context.now().getTime(), context.random);
  while (taken.has(id));
  return id;
}

/** Random letters and digits, for tokens and for the 10-character names given to unnamed entities. */
export function randomChars(context: IotaapContext, length: number): string {
  return context.random.chars(length, ALPHANUMERIC);
}

/**
 * Reads an optional string field of a JSON or form body. `undefined` when absent; an Error
 * response when present with another type.
 */
export function optionalString(body: unknown, field: string): string | undefined | SimResponse {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined || typeof value === 'string') return value;
  return message(400, `${field} must be a string, but got: ${JSON.stringify(value)}`);
}

/** The user as `GET /users/current` shows it: never the password. */
export function publicUser(user: IotaapSimUser): IotaapWireUser {
  const { password: _password, ...visible } = user;
  return visible;
}
