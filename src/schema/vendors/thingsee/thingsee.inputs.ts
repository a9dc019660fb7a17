import type { RequestContext } from '../../../context/context';
import { BadUserInputError, TributaryError } from '../../../core/errors';
import { decodeIdOf } from '../../../core/ids';
import { THINGSEE_GROUP, THINGSEE_THING, isThingseeGroupId, isThingseeTuid, type ThingseeApi, type ThingseeMessageFilter, type ThingseeMessageIds } from '../../../vendors/thingsee';
import type { ThingseeAlertArgs, ThingseeMessageArgs } from './thingsee.args';

/** Checks of Thingsee arguments, all before any vendor call; errors name the argument. */
export function thingsee(ctx: RequestContext): ThingseeApi {
  return ctx.vendorApi('THINGSEE');
}

/** The tuid behind a ThingseeThing id. */
export function thingTuid(id: string, argument: string): string {
  return nativeIdOf(id, THINGSEE_THING, argument, isThingseeTuid);
}

/** The group id behind a ThingseeDeploymentGroup id. */
export function groupNativeId(id: string, argument: string): string {
  return nativeIdOf(id, THINGSEE_GROUP, argument, isThingseeGroupId);
}

export function messageFilter(args: ThingseeMessageArgs, ctx: RequestContext): ThingseeMessageFilter {
  const window = timeWindow(args);
  const limit = args.first ?? ctx.pageLimits.defaultSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > ctx.pageLimits.maxSize) {
    throw new BadUserInputError(`\`first\` must be from 1 to ${ctx.pageLimits.maxSize}, but got ${limit}`, { argument: 'first' });
  }
  return { ...window, ...messageIds(args), limit };
}

/** The message and event id filters, checked. */
export function messageIds(args: Pick<ThingseeMessageArgs, 'messageIds' | 'eventIds'>): ThingseeMessageIds {
  for (const name of ['messageIds', 'eventIds'] as const) {
    const bad = args[name]?.find((n) => !Number.isInteger(n) || n < 0);
    if (bad !== undefined) throw new BadUserInputError(`\`${name}\` must hold whole numbers >= 0, but got ${bad}`, { argument: name });
  }
  return { messageIds: args.messageIds ?? null, eventIds: args.eventIds ?? null };
}

export function timeWindow(args: ThingseeAlertArgs): { from: Date | null; to: Date | null } {
  const from = args.from ?? null;
  const to = args.to ?? null;
  if (from && to && from > to) {
    throw new BadUserInputError(`\`from\` (${from.toISOString()}) must not be after \`to\` (${to.toISOString()})`, { argument: 'from' });
  }
  return { from, to };
}

function nativeIdOf(id: string, typename: string, argument: string, valid: (nativeId: string) => boolean): string {
  let nativeId: string;
  try {
    nativeId = decodeIdOf(id, [typename], typename).nativeId;
  } catch (error) {
    if (error instanceof TributaryError) throw new BadUserInputError(`\`${argument}\`: ${error.message}`, { argument });
    throw error;
  }
  if (!valid(nativeId)) throw new BadUserInputError(`\`${argument}\`: "${nativeId}" is not a valid ${typename} id`, { argument });
  return nativeId;
}
