/**
 * The mutable state of one TimeTonic simulator and the helpers every request handler uses:
 * the `sstamp` clock, `ok`/`nok` answers and form parameter readers.
 */
import type { TimetonicWireField, TimetonicWireMedia, TimetonicWireMember, TimetonicWireMessage, TimetonicWireView } from '../../vendors/timetonic/timetonic.wire';
import { firstValue, jsonResponse, type SimQuery, type SimResponse } from '../router';

export interface TimetonicSimUser {
  u_c: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Interface language (`userPrefs.lang`); `EN` when never set. */
  lang?: string;
}

export interface TimetonicSimBook {
  b_o: string;
  b_c: string;
  title: string;
  members: TimetonicWireMember[];
  archived: boolean;
  favorite: boolean;
  /** Unread messages per member (`nbNotRead` is the reader's own); a member not listed has none. */
  nbNotRead: Record<string, number>;
  sstamp: number;
  /** Newest last. */
  messages: TimetonicWireMessage[];
}

/** A stored cell value: text, number, boolean, or the linked row ids of a link field. */
export type TimetonicSimValue = string | number | boolean | number[];

export interface TimetonicSimTable {
  id: number;
  b_o: string;
  b_c: string;
  name: string;
  syncCode: string;
  description: string | null;
  fields: TimetonicWireField[];
  views: TimetonicWireView[];
  /** Row id → field id → value, in creation order. */
  rows: Map<number, Map<number, TimetonicSimValue>>;
  /** `tmp…` ids already turned into rows: reusing one is refused (nothing is created twice). */
  usedTmpIds: Map<string, number>;
  lastModified: number;
}

export interface TimetonicSimComment {
  id: number;
  m: string;
  mid: number;
  action: unknown[];
  uc: string;
  c: number;
  s: number;
}

export interface TimetonicSimState {
  users: TimetonicSimUser[];
  books: TimetonicSimBook[];
  tables: TimetonicSimTable[];
  /** `<rowId>:<fieldId>` → comments, oldest first. */
  comments: Map<string, TimetonicSimComment[]>;
  /** The server stamp: bumped on every change (VENDOR-NOTES: opaque, monotonic). */
  sstamp: number;
  nextSmid: number;
  nextRowId: number;
  nextMediaId: number;
  /** Uploaded file bytes by internal name (`fileUpload`); seeded files have none (placeholder bytes). */
  fileBytes: Map<string, Buffer>;
  /** Files attached to table cells by `fileUpload` with rowId + fieldId, by `<rowId>:<fieldId>`. */
  cellFiles: Map<string, TimetonicWireMedia[]>;
  /** appkey → appname; oauthkey → user; sesskey → user. */
  appkeys: Map<string, string>;
  oauthkeys: Map<string, string>;
  sessions: Map<string, string>;
}

/** Seed times count from here (2023-11-14T22:13:20Z), never from the clock. */
export const TIMETONIC_BASE_EPOCH = 1_700_000_000;

/** The simulator build shown in every answer's `createdVNB`. */
export const TIMETONIC_VNB = 'sim-6.41';

/** Bumps and returns the server stamp: call once per change. */
export function nextStamp(state: TimetonicSimState): number {
  state.sstamp += 1;
  return state.sstamp;
}

export function ok(req: string, body: Record<string, unknown>): SimResponse {
  return jsonResponse(200, { status: 'ok', ...body, createdVNB: TIMETONIC_VNB, req });
}

/** Errors come with HTTP 200 (doc; VENDOR-NOTES "Always check status"). */
export function nok(req: string, errorCode: string, errorMsg: string): SimResponse {
  return jsonResponse(200, { status: 'nok', errorCode, errorMsg, createdVNB: TIMETONIC_VNB, req });
}

/** Thrown by parameter readers and handlers; the dispatcher answers it as `nok`. */
export class TimetonicNok extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const NOK = {
  param: (name: string, expected: string) => new TimetonicNok('apiProcess12', `missing or invalid parameter ${name} (${expected} expected)`),
  book: (owner: string, code: string) => new TimetonicNok('apiProcess41', `unknown book ${code}.${owner}`),
  table: (id: string | number) => new TimetonicNok('apiProcess301', `unknown table ${id}`),
  row: (id: string | number) => new TimetonicNok('apiProcess302', `unknown row ${id}`),
  field: (id: string | number) => new TimetonicNok('apiProcess303', `unknown field ${id}`),
  message: (id: string | number) => new TimetonicNok('apiProcess52', `unknown message ${id}`),
};

/** Form field readers: absent optional fields are undefined; bad ones throw `TimetonicNok`. */
export class Params {
  constructor(private readonly fields: SimQuery) {}

  optional(name: string): string | undefined {
    const value = firstValue(this.fields[name]);
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw NOK.param(name, 'string');
    return value;
  }

  int(name: string, fallback?: number): number {
    const value = this.optional(name)?.replace(/^"|"$/g, '');
    if (value === undefined && fallback !== undefined) return fallback;
    const n = Number(value);
    if (value === undefined || !Number.isSafeInteger(n) || n < 0) throw NOK.param(name, 'integer');
    return n;
  }

  json(name: string): unknown {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw NOK.param(name, 'JSON');
    }
  }

  bool(name: string): boolean {
    return ['true', '1'].includes(this.optional(name)?.toLowerCase() ?? '');
  }
}

/** Unix seconds of the simulator clock. */
export function unixNow(now: () => Date): number {
  return Math.floor(now().getTime() / 1000);
}
