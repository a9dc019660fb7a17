import { randomUUID } from 'node:crypto';
import type { VendorDownload } from '../http';
import type { MultipartFile } from '../multipart-body';
import type { TimetonicClient } from './timetonic.client';

/** Where the gateway serves TimeTonic's stored files (docs/files.md); the vendor's session never appears in it. */
export const TIMETONIC_FILES_PATH = '/files/timetonic';

/** A stored file: by message and attachment number, or by its internal name (cell files). */
export type TimetonicFileRef =
  | { by: 'message'; kind: 'MEDIA' | 'DOC'; owner: string; code: string; smid: number; count: number; name: string }
  | { by: 'name'; kind: 'MEDIA' | 'DOC'; internName: string; name: string };

export interface TimetonicUploadedFileRecord {
  id: number;
  uuid: string;
  kind: 'MEDIA' | 'DOC';
  /** The file's number among the message's (or cell's) medias or docs. */
  count: number;
  extension: string;
  name: string;
  messageId: number | null;
  rowId: number | null;
  fieldId: number | null;
  downloadPath: string;
}

/** Where a file is attached: a message of the book, or a cell of one of its tables. */
export type TimetonicUploadTarget = { messageId: number } | { rowId: number; fieldId: number };

const KIND_SEGMENTS = { MEDIA: 'media', DOC: 'doc' } as const;

/** The gateway's path for a stored file, e.g. `/files/timetonic/doc/<b_o>/<b_c>/<smid>/<count>/<name>`. */
export function timetonicDownloadPath(ref: TimetonicFileRef): string {
  const kind = KIND_SEGMENTS[ref.kind];
  const parts = ref.by === 'message' ? [kind, ref.owner, ref.code, ref.smid, ref.count, ref.name] : [`${kind}-name`, ref.internName, ref.name];
  return `${TIMETONIC_FILES_PATH}/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}

/** The file a gateway path names (segments after TIMETONIC_FILES_PATH, decoded), or null. */
export function parseTimetonicDownloadPath(segments: readonly string[]): TimetonicFileRef | null {
  const [kindSegment, ...rest] = segments;
  const kind = kindSegment === 'media' || kindSegment === 'media-name' ? 'MEDIA' : kindSegment === 'doc' || kindSegment === 'doc-name' ? 'DOC' : null;
  if (!kind || rest.some((s) => s === '' || s === '.' || s === '..')) return null;
  if (kindSegment!.endsWith('-name')) {
    const [internName, name] = rest;
    return rest.length === 2 && internName && name ? { by: 'name', kind, internName, name } : null;
  }
  const [owner, code, smid, count, name] = rest;
  if (rest.length !== 5 || !owner || !code || !name || !/^\d{1,12}$/.test(smid ?? '') || !/^\d{1,6}$/.test(count ?? '')) return null;
  return { by: 'message', kind, owner, code, smid: Number(smid), count: Number(count), name };
}

/** The doc's file URL below the base: originals (`full`) of images (`ic`/`in`) and documents (`odc`/`odn`). */
function vendorPath(ref: TimetonicFileRef): string[] {
  if (ref.by === 'message') return ['dbi', ref.kind === 'MEDIA' ? 'ic' : 'odc', 'full', ref.owner, ref.code, String(ref.smid), String(ref.count), ref.name];
  return ['dbi', ref.kind === 'MEDIA' ? 'in' : 'odn', 'full', ref.internName, ref.name];
}

/** TimeTonic's stored files: `fileUpload` in, the `/dbi` file URLs out. */
export class TimetonicFiles {
  constructor(private readonly client: TimetonicClient) {}

  async upload(book: { owner: string; code: string }, target: TimetonicUploadTarget, file: MultipartFile): Promise<TimetonicUploadedFileRecord> {
    const uuid = randomUUID();
    const where = 'messageId' in target ? { smid: target.messageId } : { rowId: target.rowId, fieldId: target.fieldId };
    const answer = await this.client.fileUpload({ b_o: book.owner, b_c: book.code, uuid, ...where }, file);
    const kind = answer.type === 'media' ? 'MEDIA' : 'DOC';
    const count = Number(answer.mdc);
    const ref: TimetonicFileRef =
      'messageId' in target
        ? { by: 'message', kind, owner: book.owner, code: book.code, smid: target.messageId, count, name: answer.originName }
        : { by: 'name', kind, internName: answer.internName, name: answer.originName };
    return {
      id: Number(answer.id),
      uuid: answer.uuid,
      kind,
      count,
      extension: answer.ext,
      name: answer.originName,
      messageId: 'messageId' in target ? target.messageId : null,
      rowId: 'rowId' in target ? target.rowId : null,
      fieldId: 'fieldId' in target ? target.fieldId : null,
      downloadPath: timetonicDownloadPath(ref),
    };
  }

  download(ref: TimetonicFileRef): Promise<VendorDownload> {
    return this.client.download(vendorPath(ref));
  }
}
