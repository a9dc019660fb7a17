/**
 * `fileUpload` (doc: "Upload an image or document file … via a regular POST FORM", file part
 * `qqfile`): attaches the file to a message (`smid`) or a table cell (`rowId` + `fieldId`) and
 * keeps its bytes in memory, served back by the `/dbi` routes (timetonic.routes-files.ts).
 */
import { ALPHANUMERIC } from '../prng';
import type { SimFile, SimResponse } from '../router';
import type { TimetonicWireMedia } from '../../vendors/timetonic/timetonic.wire';
import { messageChanged, visibleBook, writable, type BooksContext } from './timetonic.routes-books';
import { NOK, nextStamp, ok, TimetonicNok, type Params } from './timetonic.store';

/** Images, audio and video are medias; everything else is a document. */
const MEDIA_TYPES = /^(image|audio|video)\//;

export function fileUpload(ctx: BooksContext, user: string, params: Params, files: readonly SimFile[]): SimResponse {
  const { state } = ctx;
  const part = files.find((f) => f.field === 'qqfile');
  if (!part) throw new TimetonicNok('apiProcess81', 'missing file qqfile');
  const book = visibleBook(state, user, params.string('b_o'), params.string('b_c'));
  writable(book, user);
  const type = MEDIA_TYPES.test(part.type) ? 'media' : 'doc';
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(part.name)?.[1]?.toLowerCase() ?? '';
  state.nextMediaId += 1;
  const file: TimetonicWireMedia = {
    id: state.nextMediaId,
    ext,
    originName: part.name,
    internName: `FU-${ctx.now()}-${ctx.random.chars(13, ALPHANUMERIC)}`,
    uuid: params.optional('uuid') ?? ctx.random.chars(16, ALPHANUMERIC),
    size: part.bytes.length,
    type,
    emailCid: '',
    del: false,
  };
  const smid = params.optional('smid');
  let count: number;
  if (smid !== undefined) {
    const message = book.messages.find((m) => String(m.smid) === smid && !m.del);
    if (!message) throw NOK.message(smid);
    const list = type === 'media' ? (message.medias ??= []) : (message.docs ??= []);
    count = list.length;
    list.push(file);
    message.sstamp = nextStamp(state);
    book.sstamp = state.sstamp;
    messageChanged(ctx, book, message);
  } else {
    const rowId = params.int('rowId');
    const fieldId = params.int('fieldId');
    const table = state.tables.find((t) => t.rows.has(rowId) && t.b_o === book.b_o && t.b_c === book.b_c);
    if (!table) throw NOK.row(rowId);
    if (!table.fields.some((f) => f.id === fieldId)) throw NOK.field(fieldId);
    const key = `${rowId}:${fieldId}`;
    const list = state.cellFiles.get(key) ?? [];
    count = list.length;
    state.cellFiles.set(key, [...list, file]);
    nextStamp(state);
  }
  state.fileBytes.set(file.internName, part.bytes);
  return ok('fileUpload', {
    sstamp: state.sstamp,
    smid: smid ?? null,
    rowId: params.optional('rowId') ?? null,
    fieldId: params.optional('fieldId') ?? null,
    uuid: file.uuid,
    id: String(file.id),
    type,
    mdc: String(count),
    ext,
    originName: file.originName,
    internName: file.internName,
  });
}
