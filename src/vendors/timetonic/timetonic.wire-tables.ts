/**
 * TimeTonic smart table payloads as documented (getBookTables, getTableValues and
 * getNamedTableValues in the `rows` and `columns` formats, computeTableOperation, row writes,
 * getTableValueComments). Types only; re-exported by timetonic.wire.ts.
 */
import type { TimetonicWireEnvelope, TimetonicWireStamp } from './timetonic.wire';

/** A field (column) of a smart table. `values` only in the `columns` format. */
export interface TimetonicWireField {
  id: number;
  name: string;
  /** e.g. `text`, `number`, `date`, `checkbox`, `link`, `enum`. */
  type: string;
  syncCode?: string | null;
  /** For `link` fields: the linked table. */
  linkedCatId?: number | null;
  values?: Array<{ id: number; value: unknown; text?: string }>;
}

export interface TimetonicWireFilter {
  id: number | string;
  field_id: number | string;
  filter_type: string;
  json: { predicate: string; operand: unknown };
}

export interface TimetonicWireView {
  id: number;
  name: string;
  description: string | null;
  presentation?: number;
  locked: boolean;
  filterGroup: { id: number; operator: string; filters: TimetonicWireFilter[] } | null;
}

export interface TimetonicWireCategory {
  id: number;
  name: string;
  description: string | null;
  order: number;
  syncCode?: string | null;
  locked: boolean;
  lastModified: string;
  views: TimetonicWireView[];
  selectedViewId: number | null;
  /** Null unless `includeFields` is true. */
  fields: TimetonicWireField[] | null;
}

export interface TimetonicWireBookTables extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  bookTables: { id: number; name: string; right: number; categories: TimetonicWireCategory[] };
}

/** One cell in the `rows` format: `{ value, text? }`. */
export interface TimetonicWireCell {
  value: unknown;
  text?: string;
}

/** `getTableValues` / `getNamedTableValues` with `format=rows`. */
export interface TimetonicWireTableRows extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  catId: number;
  /** Rows matching the filter, before `offset`/`maxRows`. */
  nbRows: number;
  fields: TimetonicWireField[];
  rows: Array<{ id: number; fields: Record<string, TimetonicWireCell> }>;
}

/** `getTableValues` with `format=columns` (the default). */
export interface TimetonicWireTableColumns extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  catId: number;
  nbRows: number;
  fields: TimetonicWireField[];
}

export interface TimetonicWireCount extends TimetonicWireEnvelope {
  result: { count: number };
}

export interface TimetonicWireValueSubset extends TimetonicWireEnvelope {
  tableValues: unknown[][];
}

export interface TimetonicWirePivot extends TimetonicWireEnvelope {
  pivotValues: Record<string, unknown>;
}

export interface TimetonicWireRowWrite extends TimetonicWireEnvelope {
  newRows?: Array<{ id: number; tmpId: string; info?: Record<string, unknown> }>;
  rows?: unknown[];
}

export interface TimetonicWireRowsWrite extends TimetonicWireEnvelope {
  modified: number;
  created: number;
  newRows?: Array<{ id: number; tmpId: string }>;
}

export interface TimetonicWireRowDelete extends TimetonicWireEnvelope {
  deletedRow?: { id: string };
  deletedRows?: Array<{ id: string }>;
}

export interface TimetonicWireComment {
  id: number;
  m: string;
  mid: number;
  uc: string;
  c: number;
  s: number;
}

export interface TimetonicWireComments extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  fieldId: number;
  rowId: number;
  data: {
    users: Record<string, { n: string; s: number }>;
    summary: { sstamp: number; total: number; totalUnread: number };
    comments: TimetonicWireComment[];
  };
}
