/**
 * What table reads and writes share: access to a table, the `filterRowIds` parameter (doc,
 * getTableValues), cells as the `rows` format shows them, and typed value parsing.
 */
import type { TimetonicWireCell, TimetonicWireField, TimetonicWireFilter } from '../../vendors/timetonic/timetonic.wire';
import { visibleBook } from './timetonic.routes-books';
import { NOK, TimetonicNok, type TimetonicSimState, type TimetonicSimTable, type TimetonicSimValue } from './timetonic.store';

export interface RowFilter {
  rowIds: number[] | null;
  exclude: boolean;
  viewId: number | null;
}

/** The table if `user` may read its book; unknown otherwise. */
export function readableTable(state: TimetonicSimState, user: string, catId: number): TimetonicSimTable {
  const table = state.tables.find((t) => t.id === catId);
  if (!table) throw NOK.table(catId);
  try {
    visibleBook(state, user, table.b_o, table.b_c);
  } catch {
    throw NOK.table(catId);
  }
  return table;
}

export function writableTable(state: TimetonicSimState, user: string, table: TimetonicSimTable): void {
  const book = visibleBook(state, user, table.b_o, table.b_c);
  if ((book.members.find((m) => m.u_c === user)?.right ?? 0) < 2) {
    throw new TimetonicNok('apiProcess71', `no write rights on table ${table.id}`);
  }
}

/** `{"row_ids":[…],"exclude":true,"applyViewFilters":1256}`, or `123, 432`, or `! 567, 654`. */
export function parseRowFilter(raw: string | undefined): RowFilter | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text.startsWith('{')) {
    let json: { row_ids?: unknown; exclude?: unknown; applyViewFilters?: unknown };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw NOK.param('filterRowIds', 'JSON object');
    }
    const rowIds = Array.isArray(json.row_ids) ? json.row_ids.map(Number) : null;
    if (rowIds?.some((id) => !Number.isSafeInteger(id))) throw NOK.param('filterRowIds.row_ids', 'row ids');
    const viewId = typeof json.applyViewFilters === 'number' ? json.applyViewFilters : null;
    // Doc: with exclude=false, applyViewFilters is ignored and row_ids win.
    return { rowIds, exclude: json.exclude === true, viewId: rowIds && json.exclude !== true ? null : viewId };
  }
  const exclude = text.startsWith('!');
  const ids = text.replace(/^!/, '').split(',').map((id) => Number(id.trim()));
  if (ids.some((id) => !Number.isSafeInteger(id))) throw NOK.param('filterRowIds', 'row ids');
  return { rowIds: ids, exclude, viewId: null };
}

/** Row ids of `table` matching `filter`, in table order. */
export function matchingRowIds(table: TimetonicSimTable, filter: RowFilter | null): number[] {
  let ids = [...table.rows.keys()];
  if (filter?.viewId != null) {
    const view = table.views.find((v) => v.id === filter.viewId);
    if (!view) throw new TimetonicNok('apiProcess304', `unknown view ${filter.viewId}`);
    const filters = view.filterGroup?.filters ?? [];
    ids = ids.filter((id) => filters.every((f) => passes(table.rows.get(id)?.get(Number(f.field_id)), f)));
  }
  if (filter?.rowIds) {
    const wanted = new Set(filter.rowIds);
    ids = filter.exclude ? ids.filter((id) => !wanted.has(id)) : filter.rowIds.filter((id) => table.rows.has(id));
  }
  return ids;
}

/** A cell as the `rows` format shows it; links carry their rows' first-field text. */
export function cellWire(state: TimetonicSimState, field: TimetonicWireField, value: TimetonicSimValue | undefined): TimetonicWireCell {
  if (field.type !== 'link' || !Array.isArray(value)) return { value: value ?? null };
  const linked = state.tables.find((t) => t.id === field.linkedCatId);
  const text = value.map((id) => String(linked?.rows.get(id)?.get(linked.fields[0].id) ?? id)).join(', ');
  return { value, text };
}

/** Parses a written value for `field`, or refuses it as the wrong type. */
export function parseValue(state: TimetonicSimState, field: TimetonicWireField, raw: unknown): TimetonicSimValue {
  const text = typeof raw === 'string' ? raw.trim() : JSON.stringify(raw);
  const wrong = (expected: string) => new TimetonicNok('apiProcess310', `invalid value for field ${field.id} (${field.name}): ${expected} expected`);
  switch (field.type) {
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw wrong('number');
      return n;
    }
    case 'checkbox':
      if (!['true', 'false', '1', '0'].includes(text)) throw wrong('true or false');
      return text === 'true' || text === '1';
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) throw wrong('date (YYYY-MM-DD)');
      return text;
    case 'link': {
      const ids = text.startsWith('[') ? (JSON.parse(text) as unknown[]).map(Number) : text.split(',').map((id) => Number(id.trim()));
      const linked = state.tables.find((t) => t.id === field.linkedCatId);
      if (ids.some((id) => !linked?.rows.has(id))) throw wrong(`row ids of table ${field.linkedCatId}`);
      return ids;
    }
    default:
      if (text.length > 10_000) throw wrong('text of 10000 characters at most');
      return text;
  }
}

// Private:

function passes(value: TimetonicSimValue | undefined, filter: TimetonicWireFilter): boolean {
  const operand = filter.json.operand;
  switch (filter.json.predicate) {
    case 'is':
      return (value ?? false) === operand;
    case 'contains':
      return String(value ?? '').toLowerCase().includes(String(operand).toLowerCase());
    case 'lt':
      return typeof value === 'number' && value < Number(operand);
    case 'gt':
      return typeof value === 'number' && value > Number(operand);
    default:
      return true;
  }
}
