import DataLoader from 'dataloader';
import { NotFoundError } from '../../core/errors';
import type { VendorPage } from '../../core/model';
import type { ListArgs } from '../adapter';
import type { TimetonicClient } from './timetonic.client';
import { mapTimetonicComments, mapTimetonicRow } from './timetonic.mapper';
import type { TimetonicCommentRecord, TimetonicRowRecord } from './timetonic.model';
import type { TimetonicWireTableRows } from './timetonic.wire';

/** Which rows a table read covers: the doc's `filterRowIds` (ids, exclusion, a saved view's filters). */
export interface TimetonicRowFilter {
  rowIds: readonly number[] | null;
  exclude: boolean;
  viewId: number | null;
}

/** A cell write: the field (column) id and the new value as TimeTonic takes it (text). */
export interface TimetonicCellWrite {
  fieldId: number;
  value: string;
}

export interface TimetonicRowWrite {
  /** The row's id; for a new row, the id TimeTonic gave it. */
  rowId: number | null;
  /** The `tmp…` id the row was created under, for new rows. */
  tmpId: string | null;
}

export interface TimetonicRowsWrite {
  created: number;
  modified: number;
  newRows: TimetonicRowWrite[];
}

/** Smart tables of one request: reads, batched row loads, writes. */
export class TimetonicTables {
  /**
   * Rows by `<tableId>:<rowId>`. Every row asked for in one document is read with one
   * `getTableValues` per table (`filterRowIds: {"row_ids":[…]}`, the doc's batch form).
   */
  private readonly rowLoader = new DataLoader<string, TimetonicRowRecord>((keys) => this.loadRows(keys), { maxBatchSize: 100 });

  constructor(private readonly client: TimetonicClient) {}

  /** A page of rows (`offset` + `maxRows`; TimeTonic answers at most 100 rows by default). */
  async rows(tableId: number, args: ListArgs, filter: TimetonicRowFilter | null): Promise<VendorPage<TimetonicRowRecord>> {
    const answer = await this.client.getTableValues(tableId, { offset: args.offset, maxRows: args.limit, filterRowIds: filterJson(filter) });
    return this.primedPage(answer, tableId);
  }

  /** A page of a table named by its sync code, optionally narrowed to some fields (by sync code). */
  async namedRows(
    book: { owner: string; code: string },
    table: { code: string; fieldCodes: readonly string[] | null },
    args: ListArgs,
    filter: TimetonicRowFilter | null,
  ): Promise<VendorPage<TimetonicRowRecord>> {
    const answer = await this.client.getNamedTableValues({
      ...book,
      catCode: table.code,
      fieldCodes: table.fieldCodes,
      offset: args.offset,
      maxRows: args.limit,
      filterRowIds: filterJson(filter),
    });
    return this.primedPage(answer, answer.catId);
  }

  row(tableId: number, rowId: number): Promise<TimetonicRowRecord> {
    return this.rowLoader.load(`${tableId}:${rowId}`);
  }

  async count(tableId: number, filter: TimetonicRowFilter | null): Promise<number> {
    return (await this.client.computeTableOperation(tableId, filterJson(filter))).result.count;
  }

  /** Values of some fields of some rows, as a matrix in the order asked (`getTableValueSubset`). */
  async valueSubset(tableId: number, fieldIds: readonly number[], rowIds: readonly number[]): Promise<Array<Array<string | null>>> {
    const answer = await this.client.getTableValueSubset(tableId, fieldIds, rowIds);
    return answer.tableValues.map((row) => row.map((v) => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : JSON.stringify(v))));
  }

  async pivot(tableId: number, viewId: number): Promise<Record<string, unknown>> {
    return (await this.client.getPivotValues(tableId, viewId)).pivotValues;
  }

  async comments(rowId: number, fieldId: number): Promise<TimetonicCommentRecord[]> {
    return mapTimetonicComments(await this.client.getTableValueComments(rowId, fieldId));
  }

  async updateValue(rowId: string, cell: TimetonicCellWrite): Promise<TimetonicRowWrite> {
    const answer = await this.client.updateTableValue(rowId, cell.fieldId, cell.value);
    this.rowLoader.clearAll();
    return rowWrite(rowId, answer.newRows);
  }

  async writeRow(tableId: number | null, rowId: string, cells: readonly TimetonicCellWrite[]): Promise<TimetonicRowWrite> {
    const answer = await this.client.createOrUpdateTableRow(rowId, tableId, fieldValues(cells));
    this.rowLoader.clearAll();
    return rowWrite(rowId, answer.newRows);
  }

  /** Several rows in one `createOrUpdateTableRows` (the doc's batch form). */
  async writeRows(rows: ReadonlyArray<{ rowId: string; cells: readonly TimetonicCellWrite[] }>): Promise<TimetonicRowsWrite> {
    const answer = await this.client.createOrUpdateTableRows(Object.fromEntries(rows.map((r) => [r.rowId, fieldValues(r.cells)])));
    this.rowLoader.clearAll();
    return {
      created: answer.created,
      modified: answer.modified,
      newRows: (answer.newRows ?? []).map((n) => ({ rowId: n.id, tmpId: n.tmpId })),
    };
  }

  /** One `deleteTableRow`, or one `deleteTableRows` for several. */
  async deleteRows(rowIds: readonly number[]): Promise<number[]> {
    const answer = rowIds.length === 1 ? await this.client.deleteTableRow(rowIds[0]) : await this.client.deleteTableRows(rowIds);
    this.rowLoader.clearAll();
    const deleted = answer.deletedRows ?? (answer.deletedRow ? [answer.deletedRow] : []);
    return deleted.map((d) => Number(d.id));
  }

  // Private:

  private primedPage(answer: TimetonicWireTableRows, tableId: number): VendorPage<TimetonicRowRecord> {
    const items = answer.rows.map((r) => mapTimetonicRow(r, tableId, answer.fields));
    for (const row of items) this.rowLoader.clear(`${tableId}:${row.id}`).prime(`${tableId}:${row.id}`, row);
    return { items, total: answer.nbRows };
  }

  private async loadRows(keys: readonly string[]): Promise<Array<TimetonicRowRecord | Error>> {
    const byTable = new Map<number, number[]>();
    for (const key of keys) {
      const [table, row] = key.split(':').map(Number);
      byTable.set(table, [...(byTable.get(table) ?? []), row]);
    }
    const found = new Map<string, TimetonicRowRecord | Error>();
    await Promise.all(
      [...byTable].map(async ([tableId, rowIds]) => {
        try {
          const answer = await this.client.getTableValues(tableId, { offset: 0, maxRows: rowIds.length, filterRowIds: { row_ids: rowIds } });
          for (const row of answer.rows) found.set(`${tableId}:${row.id}`, mapTimetonicRow(row, tableId, answer.fields));
        } catch (error) {
          for (const rowId of rowIds) found.set(`${tableId}:${rowId}`, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return keys.map((key) => found.get(key) ?? new NotFoundError(`No TIMETONIC row ${key.split(':')[1]} in table ${key.split(':')[0]}`, 'TIMETONIC'));
  }
}

function filterJson(filter: TimetonicRowFilter | null): Record<string, unknown> | null {
  if (!filter || (!filter.rowIds && filter.viewId === null)) return null;
  return {
    ...(filter.rowIds ? { row_ids: filter.rowIds } : {}),
    ...(filter.exclude ? { exclude: true } : {}),
    ...(filter.viewId !== null ? { applyViewFilters: filter.viewId } : {}),
  };
}

function fieldValues(cells: readonly TimetonicCellWrite[]): Record<string, string> {
  return Object.fromEntries(cells.map((c) => [String(c.fieldId), c.value]));
}

function rowWrite(rowId: string, newRows: Array<{ id: number; tmpId: string }> | undefined): TimetonicRowWrite {
  const created = newRows?.find((n) => n.tmpId === rowId);
  if (created) return { rowId: created.id, tmpId: rowId };
  return { rowId: /^\d+$/.test(rowId) ? Number(rowId) : null, tmpId: null };
}
