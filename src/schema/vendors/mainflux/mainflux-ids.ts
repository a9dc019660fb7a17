import type { RequestContext } from '../../../context/context';
import { TributaryError } from '../../../core/errors';
import { decodeId } from '../../../core/ids';
import type { Vendor } from '../../../core/vendor';

/**
 * The native id inside a global id of one Mainflux type, checked before any vendor call; a
 * wrong or malformed id is BAD_USER_INPUT with `vendor: MAINFLUX`.
 */
export function mainfluxNativeId(ctx: RequestContext, id: string, typename: string, argument = 'id'): string {
  let decoded: ReturnType<typeof decodeId>;
  try {
    decoded = decodeId(id);
  } catch {
    throw new TributaryError(`"${id.slice(0, 60)}" is not a Tributary id; use the \`id\` of a ${typename}`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  if (decoded.vendor !== 'MAINFLUX' || decoded.type !== typename) {
    throw new TributaryError(`Expected the id of a ${typename}, but got the id of a ${decoded.type}`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  if (!ctx.services.registry.type(typename)?.isValidNativeId(decoded.nativeId)) {
    throw new TributaryError(`"${decoded.nativeId.slice(0, 60)}" is not a valid ${typename} id`, 'BAD_USER_INPUT', 'MAINFLUX', { argument });
  }
  return decoded.nativeId;
}

export function mainfluxNativeIds(ctx: RequestContext, ids: readonly string[], typename: string, argument: string): string[] {
  return ids.map((id) => mainfluxNativeId(ctx, id, typename, argument));
}

/** The publisher filter of `Channel.messages`: a thing of the channel's own vendor. */
export function publisherNativeId(ctx: RequestContext, id: string, vendor: Vendor): string {
  const thingTypes = ctx.services.registry.typenamesOf('Thing').filter((t) => ctx.services.registry.type(t)?.vendor === vendor);
  let decoded: ReturnType<typeof decodeId>;
  try {
    decoded = decodeId(id);
  } catch {
    throw new TributaryError('`publisher` must be the id of a thing', 'BAD_USER_INPUT', vendor, { argument: 'publisher' });
  }
  if (!thingTypes.includes(decoded.type) || !ctx.services.registry.type(decoded.type)?.isValidNativeId(decoded.nativeId)) {
    throw new TributaryError(`\`publisher\` must be the id of a ${vendor} thing, but got the id of a ${decoded.type}`, 'BAD_USER_INPUT', vendor, { argument: 'publisher' });
  }
  return decoded.nativeId;
}
