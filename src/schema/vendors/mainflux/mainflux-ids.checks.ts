import type { RequestContext } from '../../../context/context';
import { TributaryError } from '../../../core/errors';
import { decodeId, encodeId, type GlobalId } from '../../../core/ids';
import { MAINFLUX_CHANNEL, MAINFLUX_GROUP, MAINFLUX_THING, isMainfluxId } from '../../../vendors/mainflux';

/**
 * Global-id type names of Mainflux records that are not `Node`s (no `node(id)` lookup): their
 * ids are still global ids, so every argument naming a Mainflux record takes the `id` a read answered.
 */
export const MAINFLUX_USER = 'MainfluxUser';
export const MAINFLUX_ORG = 'MainfluxOrg';
export const MAINFLUX_API_KEY = 'MainfluxApiKey';

/** Things a policy may be about (doc: policies name a thing, channel or group as `object`). */
const POLICY_OBJECTS = [MAINFLUX_THING, MAINFLUX_CHANNEL, MAINFLUX_GROUP] as const;

/** The global id of a Mainflux user, org or API key. */
export function mainfluxRecordId(typename: typeof MAINFLUX_USER | typeof MAINFLUX_ORG | typeof MAINFLUX_API_KEY, nativeId: string): string {
  return encodeId('MAINFLUX', typename, nativeId);
}

/** The global id of the user a record names (an owner, an issuer), when it names one. */
export function mainfluxUserId(nativeId: string | null): string | null {
  return nativeId ? mainfluxRecordId(MAINFLUX_USER, nativeId) : null;
}

/**
 * The native id inside a global id of one Mainflux type, checked before any vendor call; a
 * wrong or malformed id is BAD_USER_INPUT with `vendor: MAINFLUX`.
 */
export function mainfluxNativeId(ctx: RequestContext, id: string, typename: string, argument = 'id'): string {
  return decodeMainflux(id, [typename], typename, argument, (decoded) => isServedId(ctx, decoded)).nativeId;
}

export function mainfluxNativeIds(ctx: RequestContext, ids: readonly string[], typename: string, argument: string): string[] {
  return ids.map((id) => mainfluxNativeId(ctx, id, typename, argument));
}

/** The UUID inside the global id of a Mainflux user, org or API key. */
export function mainfluxRecordNativeId(id: string, typename: string, argument = 'id'): string {
  return decodeMainflux(id, [typename], typename, argument, (decoded) => isMainfluxId(decoded.nativeId)).nativeId;
}

export function mainfluxRecordNativeIds(ids: readonly string[], typename: string, argument: string): string[] {
  return ids.map((id) => mainfluxRecordNativeId(id, typename, argument));
}

/** A policy's object: the id of a Mainflux thing, channel or group. */
export function policyObjectNativeId(ctx: RequestContext, id: string): string {
  return decodeMainflux(id, POLICY_OBJECTS, 'MainfluxThing, MainfluxChannel or MainfluxGroup', 'object', (decoded) => isServedId(ctx, decoded)).nativeId;
}

// Private:

function isServedId(ctx: RequestContext, decoded: GlobalId): boolean {
  return ctx.services.registry.type(decoded.type)?.isValidNativeId(decoded.nativeId) ?? false;
}

function decodeMainflux(id: string, typenames: readonly string[], what: string, argument: string, isValid: (decoded: GlobalId) => boolean): GlobalId {
  let decoded: GlobalId;
  try {
    decoded = decodeId(id);
  } catch {
    throw new TributaryError(`"${id.slice(0, 60)}" is not a Tributary id; use the \`id\` of a ${what}`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  if (decoded.vendor !== 'MAINFLUX' || !typenames.includes(decoded.type)) {
    throw new TributaryError(`Expected the id of a ${what}, but got the id of a ${decoded.vendor} ${decoded.type}`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  if (!isValid(decoded)) {
    throw new TributaryError(`"${decoded.nativeId.slice(0, 60)}" is not a valid ${decoded.type} id`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  return decoded;
}
