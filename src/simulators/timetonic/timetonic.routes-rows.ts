/**
 * Smart table writes: updateTableValue, createOrUpdateTableRow(s), deleteTableRow(s). Every
 * write is checked whole before anything changes (a bad value, an unknown row or a reused
 * `tmp` id writes nothing), and bumps the server stamp.
 */
import type { SimResponse } from '../router';
import { parseValue, readableTable, writableTable } from './timetonic.routes-cells';
import { NOK, nextStamp, ok, TimetonicNok, type Params, type TimetonicSimState, type TimetonicSimTable, type TimetonicSimValue } from './timetonic.store';

interface RowPlan {
  table: TimetonicSimTable;
  /** An existing row, or null for a new one. */
  rowId: number | null;
  tmpId: string | null;
  values: Map<number, TimetonicSimValue>;
}

export function updateTableValue(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const fieldId = params.int('fieldId');
  const plan = planRow(state, user, params.string('rowId').replace(/^"|"$/g, ''), { [fieldId]: params.optional('value') ?? '' }, null);
  return ok('updateTableValue', { sstamp: state.sstamp, ...written([apply(state, plan)]) });
}

export function createOrUpdateTableRow(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const values = params.json('fieldValues') ?? {};
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw NOK.param('fieldValues', 'JSON object');
  const catId = params.optional('catId') === undefined ? null : params.int('catId');
  const plan = planRow(state, user, params.string('rowId'), values as Record<string, unknown>, catId);
  return ok('createOrUpdateTableRow', written([apply(state, plan)]));
}

/** Many rows in one request: `rows` maps row ids (or `tmp…` ids) to field values. */
export function createOrUpdateTableRows(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const rows = params.json('rows');
  if (typeof rows !== 'object' || rows === null || Array.isArray(rows) || Object.keys(rows).length === 0) {
    throw NOK.param('rows', 'JSON object of row ids to field values');
  }
  const plans = Object.entries(rows as Record<string, unknown>).map(([rowId, values]) => {
    if (typeof values !== 'object' || values === null) throw NOK.param(`rows.${rowId}`, 'JSON object');
    return planRow(state, user, rowId, values as Record<string, unknown>, null);
  });
  const applied = plans.map((plan) => apply(state, plan));
  return ok('createOrUpdateTableRows', {
    modified: applied.filter((p) => p.tmpId === null).length,
    created: applied.filter((p) => p.tmpId !== null).length,
    ...written(applied),
  });
}

export function deleteTableRow(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const [deleted] = deleteRows(state, user, [params.int('rowId')]);
  return ok('deleteTableRow', { formLastModified: state.sstamp, deletedRow: { id: String(deleted) } });
}

/** The batch form VENDOR-NOTES names: `rowIds` as a JSON array. */
export function deleteTableRows(state: TimetonicSimState, user: string, params: Params): SimResponse {
  const ids = params.json('rowIds');
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => !Number.isSafeInteger(Number(id)))) {
    throw NOK.param('rowIds', 'JSON array of row ids');
  }
  const deleted = deleteRows(state, user, ids.map(Number));
  return ok('deleteTableRows', { formLastModified: state.sstamp, deletedRows: deleted.map((id) => ({ id: String(id) })) });
}

// Private:

function planRow(state: TimetonicSimState, user: string, rowId: string, values: Record<string, unknown>, catId: number | null): RowPlan {
  const fieldIds = Object.keys(values).map(Number);
  if (fieldIds.some((id) => !Number.isSafeInteger(id))) throw NOK.param('fieldValues', 'field ids as keys');
  let table: TimetonicSimTable | undefined;
  let existing: number | null = null;
  let tmpId: string | null = null;
  if (rowId.startsWith('tmp')) {
    // A new row: its table comes from `catId` or from the fields written (doc).
    table = catId !== null ? readableTable(state, user, catId) : state.tables.find((t) => t.fields.some((f) => f.id === fieldIds[0]));
    if (!table) throw fieldIds.length ? NOK.field(fieldIds[0]) : NOK.param('catId', 'table id');
    if (table.usedTmpIds.has(rowId)) throw new TimetonicNok('apiProcess311', `tmp row id ${rowId} already used (row ${table.usedTmpIds.get(rowId)})`);
    tmpId = rowId;
  } else {
    existing = Number(rowId);
    table = Number.isSafeInteger(existing) ? state.tables.find((t) => t.rows.has(existing as number)) : undefined;
    if (!table) throw NOK.row(rowId);
    readableTable(state, user, table.id);
  }
  writableTable(state, user, table);
  const parsed = new Map<number, TimetonicSimValue>();
  for (const id of fieldIds) {
    const field = table.fields.find((f) => f.id === id);
    if (!field) throw NOK.field(id);
    parsed.set(id, parseValue(state, field, values[String(id)]));
  }
  return { table, rowId: existing, tmpId, values: parsed };
}

function apply(state: TimetonicSimState, plan: RowPlan): RowPlan & { rowId: number } {
  let rowId = plan.rowId;
  if (rowId === null) {
    state.nextRowId += 1;
    rowId = state.nextRowId;
    plan.table.rows.set(rowId, new Map());
    plan.table.usedTmpIds.set(plan.tmpId as string, rowId);
  }
  const row = plan.table.rows.get(rowId) as Map<number, TimetonicSimValue>;
  for (const [fieldId, value] of plan.values) row.set(fieldId, value);
  plan.table.lastModified = nextStamp(state);
  return { ...plan, rowId };
}

function written(applied: Array<RowPlan & { rowId: number }>) {
  return {
    newRows: applied.filter((p) => p.tmpId !== null).map((p) => ({ id: p.rowId, tmpId: p.tmpId, info: { order: p.table.rows.size } })),
  };
}

function deleteRows(state: TimetonicSimState, user: string, ids: number[]): number[] {
  const tables = ids.map((id) => {
    const table = state.tables.find((t) => t.rows.has(id));
    if (!table) throw NOK.row(id);
    readableTable(state, user, table.id);
    writableTable(state, user, table);
    return table;
  });
  ids.forEach((id, i) => tables[i].rows.delete(id));
  nextStamp(state);
  return ids;
}
