import { BadUserInputError } from '../../../core/errors';
import { decodeIdOf } from '../../../core/ids';
import type { TimetonicCellWrite, TimetonicRowFilter } from '../../../vendors/timetonic/timetonic.ops-tables';
import type { TimetonicWireEvent } from '../../../vendors/timetonic/timetonic.wire';
import { TIMETONIC_BOOK, isTimetonicNumericId, isTimetonicTmpId, splitBookId } from '../../../vendors/timetonic';
import { TimetonicBookParam, TimetonicUserInfoParam } from './timetonic-system.enums';
import type { TimetonicCellInput, TimetonicEventInput, TimetonicRowFilterInput, TimetonicRowInput } from './timetonic.inputs';

/**
 * Input checks for TimeTonic operations, run before any vendor call: a bad id, window or
 * value is BAD_USER_INPUT with the argument named, and TimeTonic is never asked.
 */

/** Rows one read or write may name (the page limit TimeTonic applies by default). */
export const TIMETONIC_MAX_ROWS_PER_CALL = 100;
const MAX_TEXT = 10_000;

export function bookKey(id: string, argument = 'bookId'): { nativeId: string; owner: string; code: string } {
  const { nativeId } = decodeIdOf(id, [TIMETONIC_BOOK], 'TimetonicBook');
  const key = splitBookId(nativeId);
  if (!key) throw new BadUserInputError(`"${nativeId}" is not a TimetonicBook id (<owner>:<code>)`, { argument });
  return { nativeId, ...key };
}

export function positiveId(value: number, argument: string): number {
  if (!isTimetonicNumericId(value)) throw new BadUserInputError(`\`${argument}\` must be a positive id, but got ${value}`, { argument });
  return value;
}

/** 1 to 100 different positive ids. */
export function idList(ids: readonly number[], argument: string): number[] {
  if (ids.length === 0 || ids.length > TIMETONIC_MAX_ROWS_PER_CALL || new Set(ids).size !== ids.length) {
    throw new BadUserInputError(`\`${argument}\` must name 1 to ${TIMETONIC_MAX_ROWS_PER_CALL} different ids`, { argument });
  }
  return ids.map((id) => positiveId(id, argument));
}

/** Table and field sync codes (getNamedTableValues): letters, digits, `_` and `-`. */
export function syncCodes(codes: readonly string[], argument: string): string[] {
  if (codes.some((code) => !/^[A-Za-z0-9_-]{1,64}$/.test(code))) {
    throw new BadUserInputError('Sync codes are 1 to 64 letters, digits, `_` or `-`', { argument });
  }
  return [...codes];
}

export function rowFilter(input: TimetonicRowFilterInput | null | undefined): TimetonicRowFilter | null {
  if (!input) return null;
  const rowIds = input.rowIds ?? null;
  if (rowIds && (rowIds.length === 0 || rowIds.length > TIMETONIC_MAX_ROWS_PER_CALL)) {
    throw new BadUserInputError(`\`filter.rowIds\` must name 1 to ${TIMETONIC_MAX_ROWS_PER_CALL} rows, but got ${rowIds.length}`, { argument: 'filter' });
  }
  rowIds?.forEach((id) => positiveId(id, 'filter.rowIds'));
  const viewId = input.viewId == null ? null : positiveId(input.viewId, 'filter.viewId');
  if (input.exclude && !rowIds) throw new BadUserInputError('`filter.exclude` needs `filter.rowIds`', { argument: 'filter' });
  return { rowIds, exclude: input.exclude ?? false, viewId };
}

/**
 * The row a write names, as TimeTonic takes it: an existing row by `rowId` (an Int, the
 * `TimetonicTableRow.id` a read answers) or a new one by `tmpId` (`tmp…`, used once). Exactly one.
 */
export function rowTarget(input: { rowId?: number | null; tmpId?: string | null }, prefix = ''): string {
  const hasRow = input.rowId != null;
  const hasTmp = input.tmpId != null;
  if (hasRow === hasTmp) {
    throw new BadUserInputError(`Name the row with exactly one of \`${prefix}rowId\` (an existing row) and \`${prefix}tmpId\` (a new row)`, {
      argument: `${prefix}rowId`,
    });
  }
  if (hasRow) return String(positiveId(input.rowId as number, `${prefix}rowId`));
  const text = (input.tmpId as string).trim();
  if (!isTimetonicTmpId(text)) {
    throw new BadUserInputError(`\`${prefix}tmpId\` must be \`tmp\` followed by 1 to 60 letters, digits, \`_\` or \`-\`, but got "${text.slice(0, 40)}"`, {
      argument: `${prefix}tmpId`,
    });
  }
  return text;
}

export function cells(input: readonly TimetonicCellInput[], argument = 'cells'): TimetonicCellWrite[] {
  if (input.length === 0) throw new BadUserInputError(`\`${argument}\` must name at least one field`, { argument });
  const seen = new Set<number>();
  return input.map((cell) => {
    positiveId(cell.fieldId, `${argument}.fieldId`);
    if (seen.has(cell.fieldId)) throw new BadUserInputError(`Field ${cell.fieldId} appears twice in \`${argument}\``, { argument });
    seen.add(cell.fieldId);
    if (cell.value.length > MAX_TEXT) throw new BadUserInputError(`A value may have at most ${MAX_TEXT} characters`, { argument });
    return { fieldId: cell.fieldId, value: cell.value };
  });
}

/** Several rows: 1 to 100, each id once (a `tmp` id names exactly one new row). */
export function rows(input: readonly TimetonicRowInput[]): Array<{ rowId: string; cells: TimetonicCellWrite[] }> {
  if (input.length === 0 || input.length > TIMETONIC_MAX_ROWS_PER_CALL) {
    throw new BadUserInputError(`\`rows\` must hold 1 to ${TIMETONIC_MAX_ROWS_PER_CALL} rows, but got ${input.length}`, { argument: 'rows' });
  }
  const seen = new Set<string>();
  return input.map((row) => {
    const id = rowTarget(row, 'rows.');
    if (seen.has(id)) throw new BadUserInputError(`Row ${id} appears twice in \`rows\`; a \`tmp\` id names one new row`, { argument: 'rows' });
    seen.add(id);
    return { rowId: id, cells: cells(row.cells, 'rows.cells') };
  });
}

export function messageText(text: string, argument = 'text'): string {
  if (!text.trim() || text.length > MAX_TEXT) {
    throw new BadUserInputError(`\`${argument}\` must be 1 to ${MAX_TEXT} characters, not blank`, { argument });
  }
  return text;
}

/** The event of a message; a window that ends before it starts is refused. */
export function event(input: TimetonicEventInput | null | undefined): TimetonicWireEvent | null {
  if (!input) return null;
  if (input.end.getTime() < input.start.getTime()) {
    throw new BadUserInputError('`event.end` must not be before `event.start`', { argument: 'event' });
  }
  return {
    eventStart: Math.floor(input.start.getTime() / 1000),
    eventEnd: Math.floor(input.end.getTime() / 1000),
    eventTimezone: input.timezone ?? undefined,
    eventAllDay: input.allDay ?? false,
    eventParticipants: (input.participants ?? []).map((id) => ({ id })),
  };
}

/** The value of a book parameter: a title of 1 to 200 characters, else `true` or `false`. */
export function bookParamValue(param: TimetonicBookParam, value: string): string {
  if (param === TimetonicBookParam.TITLE) return shortText(value, 200, 'value');
  if (value !== 'true' && value !== 'false') throw new BadUserInputError(`\`value\` of ${param} must be \`true\` or \`false\``, { argument: 'value' });
  return value;
}

/** The value of a user info parameter: a name of 1 to 100 characters, or a two-letter language. */
export function userInfoValue(param: TimetonicUserInfoParam, value: string): string {
  if (param !== TimetonicUserInfoParam.LANGUAGE) return shortText(value, 100, 'value');
  if (!/^[A-Za-z]{2}$/.test(value)) throw new BadUserInputError('`value` of lang must be two letters, e.g. `EN`', { argument: 'value' });
  return value.toUpperCase();
}

function shortText(value: string, max: number, argument: string): string {
  const text = value.trim();
  if (!text || text.length > max) throw new BadUserInputError(`\`${argument}\` must be 1 to ${max} characters, not blank`, { argument });
  return text;
}
