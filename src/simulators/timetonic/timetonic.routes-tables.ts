/**
 * Smart table reads: getBookTables, getTableValues, getNamedTableValues, getTableRows,
 * getTableValueSubset, computeTableOperation, getPivotValues, getTableValueComments.
 * Table reads page with `offset` + `maxRows`, 100 rows by default (doc history, 6.41).
 */
import type { TimetonicWireField } from '../../vendors/timetonic/timetonic.wire';
import type { SimResponse } from '../router';
import { visibleBook } from './timetonic.routes-books';
import { cellWire, matchingRowIds, parseRowFilter, readableTable } from './timetonic.routes-cells';
import { NOK, ok, TimetonicNok, type Params, type TimetonicSimState, type TimetonicSimTable } from './timetonic.store';

/** Rows a table read answers when `maxRows` is empty. */
export const TIMETONIC_DEFAULT_ROWS = 100;
/** Past this the real server may fail with a 500 (doc); the simulator refuses it plainly. */
export const TIMETONIC_MAX_ROWS = 1_000;

export function getBookTables(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const book = visibleBook(state, user, params.string('b_o'), params.string('b_c'));
  const withFields = params.bool('includeFields');
  const tables = state.tables.filter((t) => t.b_o === book.b_o && t.b_c === book.b_c);
  return ok('getBookTables', {
    sstamp: state.sstamp,
    bookTables: {
      id: 6525,
      name: `${book.b_c}.${book.b_o}`,
      description: null,
      creator: book.b_o,
      public: false,
      right: book.members.find((m) => m.u_c === user)?.right ?? 1,
      tabs: tables.map((t, i) => ({ id: 1100 + i, category_id: t.id, view_id: null, order: i, hidden: false })),
      categories: tables.map((t, i) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        order: i,
        syncCode: t.syncCode,
        locked: false,
        lastModified: new Date(t.lastModified * 1000).toISOString().slice(0, 19).replace('T', ' '),
        views: t.views,
        selectedViewId: t.views[0]?.id ?? null,
        fields: withFields ? t.fields : null,
      })),
    },
  });
}

export function getTableValues(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const table = readableTable(state, user, params.int('catId'));
  return tableValues('getTableValues', state, table, table.fields, params);
}

/** Like getTableValues, by table sync code, optionally narrowed to fields by sync code. */
export function getNamedTableValues(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const book = visibleBook(state, user, params.string('b_o'), params.string('b_c'));
  const code = params.string('catCode');
  const table = state.tables.find((t) => t.b_o === book.b_o && t.b_c === book.b_c && t.syncCode === code);
  if (!table) throw NOK.table(code);
  const codes = params.optional('fieldCodes')?.split(',').map((c) => c.trim());
  const unknown = codes?.find((c) => !table.fields.some((f) => f.syncCode === c));
  if (unknown) throw NOK.field(unknown);
  const fields = codes ? table.fields.filter((f) => codes.includes(f.syncCode ?? '')) : table.fields;
  return tableValues('getNamedTableValues', state, table, fields, params);
}

/** The "android" format: values keyed by field id, paged by `page` × `pageSize`, or exactly `rowIds`. */
export function getTableRows(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const table = readableTable(state, user, params.int('catId'));
  const wanted = params.json('rowIds');
  if (wanted !== undefined && (!Array.isArray(wanted) || wanted.some((id) => !Number.isSafeInteger(Number(id))))) {
    throw NOK.param('rowIds', 'stringified array of row ids');
  }
  const pageSize = Math.min(params.int('pageSize', TIMETONIC_DEFAULT_ROWS), TIMETONIC_MAX_ROWS);
  const page = Math.max(params.int('page', 1), 1);
  const ids = wanted ? (wanted as unknown[]).map(Number).filter((id) => table.rows.has(id)) : [...table.rows.keys()];
  const rows = ids.slice((page - 1) * pageSize, page * pageSize).map((id) => ({
    id,
    values: Object.fromEntries([...(table.rows.get(id) ?? [])].map(([fieldId, value]) => [String(fieldId), value])),
  }));
  return ok('getTableRows', { sstamp: state.sstamp, catId: table.id, rows });
}

export function getTableValueSubset(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const table = readableTable(state, user, params.int('catId'));
  const fieldIds = idList(params.string('fieldIds'), 'fieldIds');
  const rowIds = idList(params.string('rowIds'), 'rowIds');
  const badField = fieldIds.find((id) => !table.fields.some((f) => f.id === id));
  if (badField !== undefined) throw NOK.field(badField);
  const badRow = rowIds.find((id) => !table.rows.has(id));
  if (badRow !== undefined) throw NOK.row(badRow);
  return ok('getTableValueSubset', { tableValues: rowIds.map((r) => fieldIds.map((f) => table.rows.get(r)?.get(f) ?? null)) });
}

export function computeTableOperation(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const table = readableTable(state, user, params.int('catId'));
  if (params.string('operation') !== 'count') throw new TimetonicNok('apiProcess320', 'invalid operation: only "count" is supported');
  return ok('computeTableOperation', { result: { count: matchingRowIds(table, parseRowFilter(params.optional('filterRowIds'))).length } });
}

/** Rows of a view grouped by the view's first filtered field (or the table's first field), counted. */
export function getPivotValues(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const table = readableTable(state, user, params.int('catID'));
  const viewId = params.int('viewId');
  const view = table.views.find((v) => v.id === viewId);
  if (!view) throw new TimetonicNok('apiProcess304', `unknown view ${viewId}`);
  const fieldId = Number(view.filterGroup?.filters[0]?.field_id ?? table.fields[0].id);
  const counts: Record<string, number> = {};
  for (const id of matchingRowIds(table, { rowIds: null, exclude: false, viewId })) {
    const key = String(table.rows.get(id)?.get(fieldId) ?? '');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return ok('getPivotValues', { pivotValues: { viewId, fieldId, counts } });
}

export function getTableValueComments(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const rowId = params.int('rowId');
  const fieldId = params.int('fieldId');
  const table = state.tables.find((t) => t.rows.has(rowId));
  if (!table) throw NOK.row(rowId);
  readableTable(state, user, table.id);
  if (!table.fields.some((f) => f.id === fieldId)) throw NOK.field(fieldId);
  const comments = state.comments.get(`${rowId}:${fieldId}`) ?? [];
  const users = Object.fromEntries(
    state.users.filter((u) => comments.some((c) => c.uc === u.u_c)).map((u) => [u.u_c, { n: `${u.firstName} ${u.lastName}`, s: 0 }]),
  );
  return ok('getTableValueComments', {
    sstamp: state.sstamp,
    fieldId,
    rowId,
    data: {
      status: 'ok',
      formLastModified: table.lastModified,
      users,
      summary: { sstamp: comments.at(-1)?.s ?? 0, total: comments.length, totalUnread: 0, notifSubscribe: null, from: comments[0]?.id ?? 0 },
      comments,
    },
  });
}

// Private:

/** The shared body of getTableValues and getNamedTableValues, in the `rows` or `columns` format. */
function tableValues(req: string, state: TimetonicSimState, table: TimetonicSimTable, fields: TimetonicWireField[], params: Params): SimResponse {
  const maxRows = params.int('maxRows', TIMETONIC_DEFAULT_ROWS);
  if (maxRows > TIMETONIC_MAX_ROWS) throw new TimetonicNok('apiProcess321', `maxRows must be at most ${TIMETONIC_MAX_ROWS}`);
  const offset = params.int('offset', 0);
  const ids = matchingRowIds(table, parseRowFilter(params.optional('filterRowIds')));
  const page = ids.slice(offset, offset + maxRows);
  const format = params.optional('format') ?? 'columns';
  const base = { sstamp: state.sstamp, catId: table.id, nbRows: ids.length };
  if (format === 'rows') {
    const rows = page.map((id) => ({
      id,
      fields: Object.fromEntries(fields.map((f) => [f.name, cellWire(state, f, table.rows.get(id)?.get(f.id))])),
    }));
    return ok(req, { ...base, fields, rows });
  }
  if (format !== 'columns') throw new TimetonicNok('apiProcess322', `invalid format ${format}: "columns" or "rows" expected`);
  const columns = fields.map((f) => ({ ...f, values: page.map((id) => ({ id, ...cellWire(state, f, table.rows.get(id)?.get(f.id)) })) }));
  return ok(req, { ...base, fields: columns });
}

function idList(text: string, name: string): number[] {
  const ids = text.split(',').map((id) => Number(id.trim()));
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw NOK.param(name, 'comma separated ids');
  return ids;
}
