import type { z } from 'zod';
import { VendorNotConfiguredError } from '../../core/errors';
import type { VendorDownload, VendorCalls } from '../http';
import { multipartBody, type MultipartFile } from '../multipart-body';
import { withToken, withTokenOnce, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { TIMETONIC_API_VERSION, decodeSession, type TimetonicSession } from './timetonic.auth';
import * as s from './timetonic.schemas';
import type * as W from './timetonic.wire';
import type { TimetonicWireEvent, TimetonicWireForm } from './timetonic.wire';

/**
 * Requests that only read. Every TimeTonic request is a POST, so `VendorHttp` would treat each
 * as a write; these are marked reads (retried, cached, served stale when TimeTonic fails).
 */
export const TIMETONIC_READS: ReadonlySet<string> = new Set([
  'getUserInfo',
  'getAllBooks',
  'getBookInfo',
  'getBookMessages',
  'getBookTables',
  'getTableValues',
  'getNamedTableValues',
  'getTableValueSubset',
  'computeTableOperation',
  'getPivotValues',
  'getTableValueComments',
]);

export interface TableReadArgs {
  offset: number;
  maxRows: number;
  /** The doc's `filterRowIds` JSON (`{"row_ids":[…]}`, `{"applyViewFilters":1256}`), or null. */
  filterRowIds: Record<string, unknown> | null;
}

/** One method per TimeTonic `req`; answers validated, never mapped. */
export class TimetonicClient {
  constructor(
    private readonly http: VendorCalls,
    private readonly sessions: TokenProvider | null,
  ) {}

  /** The same session outside the operation: for live feeds, which outlive it. */
  background(): TimetonicClient {
    return new TimetonicClient(this.http.background, this.sessions);
  }

  getUserInfo() {
    return this.call<W.TimetonicWireUserInfo>('getUserInfo', s.userInfoSchema, {});
  }

  dropAllSessions() {
    return this.call<W.TimetonicWireEnvelope>('dropAllSessions', s.okSchema, {});
  }

  getAllBooks(sstamp?: number) {
    return this.call<W.TimetonicWireAllBooks>('getAllBooks', s.allBooksSchema, { sstamp });
  }

  getBookInfo(owner: string, code: string) {
    return this.call<W.TimetonicWireBookInfo>('getBookInfo', s.bookInfoSchema, { b_o: owner, b_c: code });
  }

  getBookMessages(args: {
    owner: string;
    code: string;
    nbMax?: number;
    page?: number;
    search?: string | null;
    sstamp?: number;
    smidFirst?: number;
    smidLast?: number;
  }) {
    return this.call<W.TimetonicWireBookMessages>('getBookMessages', s.bookMessagesSchema, {
      b_o: args.owner,
      b_c: args.code,
      nbMax: args.nbMax,
      page: args.page,
      search_string: args.search ?? undefined,
      sstamp: args.sstamp,
      smidFirst: args.smidFirst,
      smidLast: args.smidLast,
    });
  }

  sendMsg(args: { owner: string; code: string; msg: string; body?: string | null; msgId?: number; event?: TimetonicWireEvent | null }) {
    return this.call<W.TimetonicWireMessageWrite>('sendMsg', s.messageWriteSchema, {
      b_o: args.owner,
      b_c: args.code,
      msg: args.msg,
      body: args.body ?? undefined,
      msg_id: args.msgId,
      event: args.event ? JSON.stringify(args.event) : undefined,
    });
  }

  deleteMsg(owner: string, code: string, msgId: number) {
    return this.call<W.TimetonicWireMessageWrite>('deleteMsg', s.messageWriteSchema, { b_o: owner, b_c: code, msg_id: msgId });
  }

  getBookTables(owner: string, code: string) {
    return this.call<W.TimetonicWireBookTables>('getBookTables', s.bookTablesSchema, { b_o: owner, b_c: code, includeFields: true });
  }

  getTableValues(catId: number, args: TableReadArgs) {
    return this.call<W.TimetonicWireTableRows>('getTableValues', s.tableRowsSchema, { catId, format: 'rows', ...tableRead(args) });
  }

  getNamedTableValues(args: { owner: string; code: string; catCode: string; fieldCodes: readonly string[] | null } & TableReadArgs) {
    return this.call<W.TimetonicWireTableRows>('getNamedTableValues', s.tableRowsSchema, {
      b_o: args.owner,
      b_c: args.code,
      catCode: args.catCode,
      fieldCodes: args.fieldCodes?.length ? args.fieldCodes.join(',') : undefined,
      format: 'rows',
      ...tableRead(args),
    });
  }

  getTableValueSubset(catId: number, fieldIds: readonly number[], rowIds: readonly number[]) {
    return this.call<W.TimetonicWireValueSubset>('getTableValueSubset', s.valueSubsetSchema, { catId, fieldIds: fieldIds.join(','), rowIds: rowIds.join(',') });
  }

  computeTableOperation(catId: number, filterRowIds: Record<string, unknown> | null) {
    return this.call<W.TimetonicWireCount>('computeTableOperation', s.countSchema, {
      catId,
      operation: 'count',
      filterRowIds: filterRowIds ? JSON.stringify(filterRowIds) : undefined,
    });
  }

  getPivotValues(catId: number, viewId: number) {
    return this.call<W.TimetonicWirePivot>('getPivotValues', s.pivotSchema, {
      catID: catId,
      viewId,
      filterRowIds: JSON.stringify({ applyViewFilters: viewId }),
    });
  }

  updateTableValue(rowId: string, fieldId: number, value: string) {
    return this.call<W.TimetonicWireRowWrite>('updateTableValue', s.rowWriteSchema, { rowId, fieldId, value });
  }

  createOrUpdateTableRow(rowId: string, catId: number | null, fieldValues: Record<string, string>) {
    return this.call<W.TimetonicWireRowWrite>('createOrUpdateTableRow', s.rowWriteSchema, {
      rowId,
      catId: catId ?? undefined,
      fieldValues: JSON.stringify(fieldValues),
    });
  }

  createOrUpdateTableRows(rows: Record<string, Record<string, string>>) {
    return this.call<W.TimetonicWireRowsWrite>('createOrUpdateTableRows', s.rowsWriteSchema, { rows: JSON.stringify(rows) });
  }

  deleteTableRow(rowId: number) {
    return this.call<W.TimetonicWireRowDelete>('deleteTableRow', s.rowDeleteSchema, { rowId });
  }

  deleteTableRows(rowIds: readonly number[]) {
    return this.call<W.TimetonicWireRowDelete>('deleteTableRows', s.rowDeleteSchema, { rowIds: JSON.stringify(rowIds) });
  }

  getTableValueComments(rowId: number, fieldId: number) {
    return this.call<W.TimetonicWireComments>('getTableValueComments', s.commentsSchema, { rowId, fieldId });
  }

  /**
   * `fileUpload`: a multipart POST whose file part is `qqfile`, attached to a message (`smid`)
   * or a cell (`rowId` + `fieldId`). The file streams through, so it is sent once: a refused
   * session is dropped for the next call rather than retried with a spent stream.
   */
  async fileUpload(target: TimetonicWireForm, file: MultipartFile): Promise<W.TimetonicWireFileUpload> {
    if (!this.sessions) throw new VendorNotConfiguredError('TIMETONIC');
    const response = await withTokenOnce(this.sessions, (token) => {
      const { ou, sesskey } = decodeSession(token);
      const { stream, contentType } = multipartBody({ version: TIMETONIC_API_VERSION, req: 'fileUpload', o_u: ou, u_c: ou, sesskey, ...target }, [{ ...file, field: 'qqfile' }]);
      return this.http.request({ operation: 'fileUpload', method: 'POST', path: ['api.php'], stream: { stream, contentType } });
    }, this.http);
    return parseWire('TIMETONIC', 'fileUpload', s.fileUploadSchema, response.json) as W.TimetonicWireFileUpload;
  }

  /** A stored file from its URL path below the base (`dbi/…`), the session sent as POST fields (doc). */
  async download(path: readonly string[]): Promise<VendorDownload> {
    if (!this.sessions) throw new VendorNotConfiguredError('TIMETONIC');
    return withToken(this.sessions, (token) => {
      const { ou, sesskey } = decodeSession(token);
      return this.http.download({ operation: 'dbi.file', method: 'POST', path, form: { version: TIMETONIC_API_VERSION, o_u: ou, u_c: ou, sesskey } });
    }, this.http);
  }

  /** The session in use (runs the key chain when there is none yet), for the update socket. */
  async session(): Promise<TimetonicSession> {
    if (!this.sessions) throw new VendorNotConfiguredError('TIMETONIC');
    return decodeSession(await this.sessions.get(this.http));
  }

  /** Runs `fn` with the session (the socket's system messages); an invalid session reruns the chain once. */
  withSession<T>(fn: (session: TimetonicSession) => Promise<T>): Promise<T> {
    if (!this.sessions) throw new VendorNotConfiguredError('TIMETONIC');
    return withToken(this.sessions, (token) => fn(decodeSession(token)), this.http);
  }

  // Private:

  /** Sends `req` with the session (`o_u`, `u_c`, `sesskey`); an invalid session reruns the chain once. */
  private async call<T>(req: string, schema: z.ZodType, params: TimetonicWireForm): Promise<T> {
    if (!this.sessions) throw new VendorNotConfiguredError('TIMETONIC');
    const response = await withToken(this.sessions, (token) => {
      const { ou, sesskey } = decodeSession(token);
      return this.http.request({
        operation: req,
        method: 'POST',
        path: ['api.php'],
        form: { version: TIMETONIC_API_VERSION, req, o_u: ou, u_c: ou, sesskey, ...params },
        // Reads: retried, cached and served stale like any GET; everything else is a write.
        read: TIMETONIC_READS.has(req),
      });
    }, this.http);
    // The schema checks what the gateway reads; the wire type names the rest of the payload.
    return parseWire('TIMETONIC', req, schema, response.json) as T;
  }
}

function tableRead(args: TableReadArgs): TimetonicWireForm {
  return {
    offset: args.offset,
    maxRows: args.maxRows,
    filterRowIds: args.filterRowIds ? JSON.stringify(args.filterRowIds) : undefined,
  };
}
