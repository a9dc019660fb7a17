/**
 * What the Thingsee route files share: the context, the authenticated route registrar, the
 * `{ data }` envelope and the `{ statusCode, error, message }` errors.
 */
import { firstValue, jsonResponse, type SimQuery, type SimRequest, type SimResponse } from '../router';
import type { ThingseeSimClient, ThingseeSimState, ThingseeSimThing } from './thingsee.store-state';

export interface ThingseeContext {
  state: ThingseeSimState;
  /** Clock in ms epoch (runtime records: commands, installations, new messages). */
  now(): number;
}

export type ThingseeHandler = (request: SimRequest, client: ThingseeSimClient) => SimResponse | Promise<SimResponse>;

/** Registers a route behind the bearer check; `write` routes answer 403 to read-only clients. */
export type ThingseeRoute = (method: string, pattern: string, handler: ThingseeHandler) => void;

/** Every success: `{ data: … }`. */
export function ok(data: unknown): SimResponse {
  return jsonResponse(200, { data });
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** Every error: `{ statusCode, error, message }`. */
export function fail(statusCode: 400 | 401 | 403 | 404, message: string): SimResponse {
  return jsonResponse(statusCode, { statusCode, error: REASONS[statusCode], message });
}

export function findThing(context: ThingseeContext, tuid: string): ThingseeSimThing | undefined {
  return context.state.things.find((thing) => thing.tuid === tuid);
}

export const NO_SUCH_THING = fail(404, 'Thing not found');
export const NO_SUCH_GROUP = fail(404, 'Group not found');

/** A unix-seconds query parameter: undefined when absent, null when malformed. */
export function unixParam(query: SimQuery, name: string): number | undefined | null {
  const text = firstValue(query[name]);
  if (text === undefined || text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** A comma-separated list of whole numbers: undefined when absent, null when malformed. */
export function idListParam(query: SimQuery, name: string): number[] | undefined | null {
  const text = firstValue(query[name]);
  if (text === undefined || text === '') return undefined;
  const parts = text.split(',').map((part) => part.trim());
  return parts.every((part) => /^\d+$/.test(part)) ? parts.map(Number) : null;
}

/** A group id as the doc allows it: no whitespace, never `unassigned`. */
export function groupIdError(id: unknown): string | null {
  if (typeof id !== 'string' || id === '') return 'group_id is required';
  if (/\s/.test(id)) return 'group_id must not contain whitespace';
  if (id.toLowerCase() === 'unassigned') return 'group_id must not be "unassigned"';
  return null;
}

export function bodyField(body: unknown, field: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[field] : undefined;
}
