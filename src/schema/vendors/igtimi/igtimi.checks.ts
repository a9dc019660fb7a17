import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { decodeIdOf } from '../../../core/ids';
import { IGTIMI_DEVICE, IGTIMI_GROUP, IGTIMI_SESSION, IGTIMI_USER, isIgtimiNumericId, isIgtimiSerial, type IgtimiApi, type IgtimiTarget } from '../../../vendors/igtimi';
import { BLOB_PATHS, type IgtimiBlobKind } from './igtimi.enums';

/** Input checks of the `igtimi…` fields: all run before any call, naming the argument at fault. */
export function igtimi(ctx: RequestContext): IgtimiApi {
  return ctx.vendorApi('IGTIMI');
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

/** Whom a member change or a shared window names: `id` (an IgtimiUser or IgtimiGroup), or the deprecated `userId` / `groupId`. */
export interface TargetInput {
  id?: string | null;
  userId?: number | null;
  groupId?: string | null;
}

/** Exactly one of `id` (global id of an IgtimiUser or IgtimiGroup), or the deprecated `userId` (Int) / `groupId`. */
export function targetArg(input: TargetInput, argument: string): IgtimiTarget {
  const given = [input.id, input.userId, input.groupId].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw new BadUserInputError(`\`${argument}\` needs exactly one of id, userId or groupId`, { argument });
  if (input.userId != null) return { user_id: positiveIntArg(input.userId, `${argument}.userId`) };
  if (input.groupId != null) return { group_id: Number(nativeArg(input.groupId, IGTIMI_GROUP, `${argument}.groupId`)) };
  const decoded = decodeIdOf(input.id as string, [IGTIMI_USER, IGTIMI_GROUP], 'IgtimiUser or IgtimiGroup');
  if (!isIgtimiNumericId(decoded.nativeId)) throw new BadUserInputError(`"${decoded.nativeId}" is not a valid ${decoded.type} id`, { argument: `${argument}.id` });
  return decoded.type === IGTIMI_USER ? { user_id: Number(decoded.nativeId) } : { group_id: Number(decoded.nativeId) };
}

/** A user: its global id (`argument`), or the deprecated Int id (`legacyArgument`); exactly one. */
export function userArg(id: string | null, userId: number | null, argument = 'id', legacyArgument = 'userId'): number {
  if ((id == null) === (userId == null)) throw new BadUserInputError(`Name the user with exactly one of \`${argument}\` and \`${legacyArgument}\``, { argument });
  if (userId != null) return positiveIntArg(userId, legacyArgument);
  return Number(nativeArg(id as string, IGTIMI_USER, argument));
}

/** The path segment of each kind of record a blob belongs to. */
const BLOB_PATH_OF_TYPE: Readonly<Record<string, BlobPath>> = {
  [IGTIMI_DEVICE]: 'devices',
  [IGTIMI_GROUP]: 'groups',
  [IGTIMI_SESSION]: 'sessions',
  [IGTIMI_USER]: 'users',
};

export type BlobPath = (typeof BLOB_PATHS)[keyof typeof BLOB_PATHS];

/** What a blob argument set names: a record's global id, an Igtimi resource (no global id), or the deprecated `kind` + `id`. */
export interface BlobTargetInput {
  recordId?: string | null;
  resourceId?: number | null;
  kind?: IgtimiBlobKind | null;
  id?: string | null;
}

/** The blob's `<kind>/:id`: exactly one of `recordId`, `resourceId` or `kind` + `id`. */
export function blobTarget(input: BlobTargetInput): { path: BlobPath; id: string } {
  const legacy = input.kind != null || input.id != null;
  const given = [input.recordId != null, input.resourceId != null, legacy].filter(Boolean).length;
  if (given !== 1) throw new BadUserInputError('Name the blob with exactly one of `recordId`, `resourceId`, or `kind` with `id`', { argument: 'recordId' });
  if (input.resourceId != null) return { path: 'resources', id: String(positiveIntArg(input.resourceId, 'resourceId')) };
  if (legacy) {
    if (input.kind == null || input.id == null) throw new BadUserInputError('`kind` and `id` go together', { argument: 'kind' });
    const path = BLOB_PATHS[input.kind];
    return { path, id: blobIdArg(path, input.id) };
  }
  const decoded = decodeIdOf(input.recordId as string, Object.keys(BLOB_PATH_OF_TYPE), 'IgtimiDevice, IgtimiGroup, IgtimiSession or IgtimiUser');
  const path = BLOB_PATH_OF_TYPE[decoded.type] as BlobPath;
  return { path, id: blobIdArg(path, decoded.nativeId, 'recordId') };
}

export function blobIdArg(kind: string, id: string, argument = 'id'): string {
  const valid = kind === 'devices' ? isIgtimiSerial(id) : isIgtimiNumericId(id);
  if (!valid) throw new BadUserInputError(`"${id.slice(0, 40)}" is not a valid id for an Igtimi ${kind} blob`, { argument });
  return id;
}
