import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { decodeIdOf } from '../../../core/ids';
import { isIgtimiNumericId, isIgtimiSerial, type IgtimiApi, type IgtimiTarget } from '../../../vendors/igtimi';

/** Input checks of the `igtimi…` fields: all run before any call, naming the argument at fault. */
export function igtimi(ctx: RequestContext): IgtimiApi {
  return ctx.api('IGTIMI') as IgtimiApi;
}

export function serialArg(value: string, argument = 'serialNumber'): string {
  if (!isIgtimiSerial(value)) {
    throw new BadUserInputError(`\`${argument}\` must be an Igtimi serial number like GA-EN-AAEJ, but got "${value.slice(0, 40)}"`, { argument });
  }
  return value;
}

export function serialsArg(values: readonly string[] | null | undefined, argument = 'serialNumbers'): string[] | null {
  if (!values) return null;
  if (values.length === 0 || values.length > 100) throw new BadUserInputError(`\`${argument}\` must name 1 to 100 serial numbers`, { argument });
  return values.map((value) => serialArg(value, argument));
}

/** The native id inside a global id of one Igtimi type. */
export function nativeArg(id: string, typename: string, argument: string): string {
  const decoded = decodeIdOf(id, [typename], typename);
  if (!isIgtimiNumericId(decoded.nativeId)) throw new BadUserInputError(`"${decoded.nativeId}" is not a valid ${typename} id`, { argument });
  return decoded.nativeId;
}

export function positiveIntArg(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1) throw new BadUserInputError(`\`${argument}\` must be a positive id, but got ${value}`, { argument });
  return value;
}

export function rangeArg(from: Date | null | undefined, to: Date | null | undefined, argument = 'from'): void {
  if (from && to && from > to) throw new BadUserInputError('`from` must not be after `to`', { argument });
}

/** Exactly one of a user id or an IgtimiGroup global id. */
export function targetArg(input: { userId?: number | null; groupId?: string | null }, argument: string): IgtimiTarget {
  const hasUser = input.userId !== undefined && input.userId !== null;
  const hasGroup = input.groupId !== undefined && input.groupId !== null;
  if (hasUser === hasGroup) throw new BadUserInputError(`\`${argument}\` needs exactly one of userId or groupId`, { argument });
  return hasUser ? { user_id: positiveIntArg(input.userId!, `${argument}.userId`) } : { group_id: Number(nativeArg(input.groupId!, 'IgtimiGroup', `${argument}.groupId`)) };
}

export function blobIdArg(kind: string, id: string): string {
  const valid = kind === 'devices' ? isIgtimiSerial(id) : isIgtimiNumericId(id);
  if (!valid) throw new BadUserInputError(`"${id.slice(0, 40)}" is not a valid id for an Igtimi ${kind} blob`, { argument: 'id' });
  return id;
}
