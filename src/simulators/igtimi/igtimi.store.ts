/**
 * What the Igtimi route files share: the simulator context, the authenticated route
 * registrar, parameter readers and Igtimi's answers (`{ success }`, `{ error, reason }`).
 */
import { createPrng, type Prng } from '../prng';
import { firstValue, jsonResponse, type SimQuery, type SimRequest, type SimResponse } from '../router';
import type { IgtimiSimState, SimUser } from './igtimi.seed';

/** Who a token speaks for: a user, or an application acting for its owner. */
export interface SimCaller {
  user: SimUser;
  /** Client credentials tokens are "application" tokens; some lists treat them differently (sessions are forced public). */
  application: boolean;
}

export interface IgtimiContext {
  state: IgtimiSimState;
  now(): number;
  random: Prng;
  /** Runtime tokens: issued by `/oauth/token`, revocable. */
  tokens: Map<string, IssuedToken>;
  /** Life of the tokens the authorization-code and refresh grants issue, in seconds. */
  userTokenTtlSeconds: number;
  /** Live resources opened by the live generator (serial → start ms); data exists from then to now. */
  liveSince: Map<string, number>;
}

/** A token `/oauth/token` issued. */
export interface IssuedToken {
  userId: number;
  /** Set for client-credentials (application) tokens. */
  clientId: string | null;
  revoked: boolean;
  /** Ms epoch; null never expires (application tokens). */
  expiresAt: number | null;
  /** Renews a user token once (`grant_type=refresh_token`); null for application tokens. */
  refreshToken: string | null;
}

/** Doorkeeper's default life of an access token: 2 hours. */
export const IGTIMI_USER_TOKEN_TTL_SECONDS = 7200;

export function createContext(state: IgtimiSimState, now: () => number, userTokenTtlSeconds = IGTIMI_USER_TOKEN_TTL_SECONDS): IgtimiContext {
  return { state, now, random: createPrng('igtimi-runtime'), tokens: new Map(), userTokenTtlSeconds, liveSince: new Map() };
}

export type IgtimiHandler = (request: SimRequest, caller: SimCaller) => SimResponse | Promise<SimResponse>;
export type IgtimiRoute = (method: string, pattern: string, handler: IgtimiHandler) => void;

export const SUCCESS: SimResponse = jsonResponse(200, { success: true });

/** Igtimi's error body; note that "does not exist" and missing permissions come as 401 too. */
export function igtimiError(status: number, error: string, reason?: string): SimResponse {
  return jsonResponse(status, reason ? { error, reason } : { error });
}

export const UNAUTHORIZED = igtimiError(401, 'Unauthorized', 'Invalid or missing access token');

/** Query and form fields together (Igtimi takes parameters either way). */
export function params(request: SimRequest): SimQuery {
  const form = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as SimQuery) : {};
  return { ...request.query, ...form };
}

export function list(query: SimQuery, key: string): string[] {
  const value = query[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function text(query: SimQuery, key: string): string | undefined {
  return firstValue(query[key]);
}

export function flag(query: SimQuery, key: string, fallback: boolean): boolean {
  const value = text(query, key);
  return value === undefined ? fallback : value === 'true' || value === '1';
}

/** A millisecond timestamp parameter; `NaN` when present but not a number. */
export function millis(query: SimQuery, key: string): number | undefined {
  const value = text(query, key);
  return value === undefined || value === '' ? undefined : Number(value);
}

export function int(query: SimQuery, key: string): number | undefined {
  const value = text(query, key);
  return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
}

/** `user_id` or `group_id`, as member, grant and window endpoints take them. */
export function target(query: SimQuery): { kind: 'user' | 'group'; id: number } | undefined {
  const user = int(query, 'user_id');
  const group = int(query, 'group_id');
  if (user !== undefined) return { kind: 'user', id: user };
  if (group !== undefined) return { kind: 'group', id: group };
  return undefined;
}

/** Blob answers are "the blob data exactly as it was saved": plain text, not JSON. */
export function blobAnswer(content: string | null): SimResponse {
  return { status: 200, text: content ?? '', headers: { 'content-type': 'text/plain; charset=utf-8' } };
}
