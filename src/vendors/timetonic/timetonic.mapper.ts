import { redact } from '../../core/redact';
import { timetonicDownloadPath } from './timetonic.ops-files';
import {
  TIMETONIC_BOOK,
  TIMETONIC_MESSAGE,
  TIMETONIC_RIGHTS,
  TIMETONIC_TABLE,
  bookNativeId,
  type TimetonicAttachmentRecord,
  type TimetonicBookRecord,
  type TimetonicCellRecord,
  type TimetonicCommentRecord,
  type TimetonicFieldRecord,
  type TimetonicMessageRecord,
  type TimetonicRowRecord,
  type TimetonicTableRecord,
  type TimetonicUserInfoRecord,
} from './timetonic.model';
import type {
  TimetonicWireBook,
  TimetonicWireCategory,
  TimetonicWireCell,
  TimetonicWireComments,
  TimetonicWireField,
  TimetonicWireMedia,
  TimetonicWireMessage,
  TimetonicWireUserInfo,
} from './timetonic.wire';

/**
 * Pure mapping from TimeTonic payloads to Tributary records. `files` is the base URL the
 * doc's file URLs hang off (`https://timetonic.com/live`), so mapping stays free of config.
 */
export function mapTimetonicBook(wire: TimetonicWireBook, files: string): TimetonicBookRecord {
  const id = bookNativeId(wire.b_o, wire.b_c);
  return {
    typename: TIMETONIC_BOOK,
    vendor: 'TIMETONIC',
    nativeId: id,
    raw: redact(wire as unknown as Record<string, unknown>),
    code: wire.b_c,
    owner: wire.b_o,
    // The title lives in the owner's preferences; a book without one is shown by its code.
    title: typeof wire.ownerPrefs.title === 'string' && wire.ownerPrefs.title ? wire.ownerPrefs.title : wire.b_c,
    unreadCount: wire.nbNotRead,
    members: wire.members.map((m) => ({ user: m.u_c, invite: m.invite, right: TIMETONIC_RIGHTS[m.right] ?? 'UNKNOWN' })),
    memberCount: wire.nbMembers,
    messageCount: wire.nbMsgs ?? null,
    lastMessage: wire.lastMsg ? mapTimetonicMessage(wire.lastMsg, wire.b_o, wire.b_c, files) : null,
    archived: wire.archived,
    favorite: wire.favorite,
    sstamp: wire.sstamp,
  };
}

export function mapTimetonicMessage(wire: TimetonicWireMessage, owner: string, code: string, files: string): TimetonicMessageRecord {
  const place = { owner, code, smid: wire.smid, files };
  return {
    typename: TIMETONIC_MESSAGE,
    vendor: 'TIMETONIC',
    nativeId: String(wire.smid),
    raw: redact(wire as unknown as Record<string, unknown>),
    bookNativeId: bookNativeId(owner, code),
    smid: wire.smid,
    author: wire.u_c,
    text: wire.msg,
    body: wire.msgBody || null,
    type: wire.msgType,
    method: wire.msgMethod,
    deleted: wire.del,
    createdAt: fromUnix(wire.created),
    updatedAt: fromUnix(wire.lastModified),
    sstamp: wire.sstamp,
    commentCount: wire.nbComments ?? 0,
    // Counts number attachments per kind (the `mdc` of the doc's URLs), deleted ones included.
    attachments: [
      ...(wire.medias ?? []).flatMap((m, i) => (m.del ? [] : [mapAttachment(m, i, 'MEDIA', place)])),
      ...(wire.docs ?? []).flatMap((d, i) => (d.del ? [] : [mapAttachment(d, i, 'DOC', place)])),
    ],
    event: wire.event
      ? {
          start: fromUnix(wire.event.eventStart),
          end: fromUnix(wire.event.eventEnd),
          timezone: wire.event.eventTimezone ?? null,
          allDay: wire.event.eventAllDay ?? false,
          participants: (wire.event.eventParticipants ?? []).map((p) => p.id),
        }
      : null,
  };
}

export function mapTimetonicTable(wire: TimetonicWireCategory, book: string | null): TimetonicTableRecord {
  return {
    typename: TIMETONIC_TABLE,
    vendor: 'TIMETONIC',
    nativeId: String(wire.id),
    raw: redact(wire as unknown as Record<string, unknown>),
    tableId: wire.id,
    bookNativeId: book,
    name: wire.name,
    description: wire.description,
    locked: wire.locked,
    fields: (wire.fields ?? []).map(mapTimetonicField),
    views: wire.views.map((v) => ({
      id: v.id,
      name: v.name,
      description: v.description,
      locked: v.locked,
      filterOperator: v.filterGroup?.operator ?? null,
      filters: (v.filterGroup?.filters ?? []).map((f) => ({
        id: String(f.id),
        fieldId: Number(f.field_id),
        type: f.filter_type,
        predicate: f.json.predicate,
        operand: JSON.stringify(f.json.operand ?? null),
      })),
    })),
  };
}

export function mapTimetonicField(wire: TimetonicWireField): TimetonicFieldRecord {
  return { id: wire.id, name: wire.name, type: wire.type, linkedTableId: wire.linkedCatId ?? null };
}

/** A row of the `rows` format: cells are keyed by field name, so fields give the ids back. */
export function mapTimetonicRow(
  wire: { id: number; fields: Record<string, TimetonicWireCell> },
  tableId: number,
  fields: readonly TimetonicWireField[],
): TimetonicRowRecord {
  const cells: TimetonicCellRecord[] = fields.map((field) => {
    const cell = wire.fields[field.name];
    return mapCell(field, cell?.value, cell?.text);
  });
  return { id: wire.id, tableId, cells };
}

export function mapTimetonicComments(wire: TimetonicWireComments): TimetonicCommentRecord[] {
  const name = (user: string) => wire.data.users[user]?.n ?? null;
  return wire.data.comments.map((c) => ({ id: c.id, text: c.m, author: c.uc, authorName: name(c.uc), createdAt: fromUnix(c.c) }));
}

export function mapTimetonicUserInfo(wire: TimetonicWireUserInfo): TimetonicUserInfoRecord {
  const prefs = wire.userInfo.userPrefs;
  return {
    user: wire.userInfo.u_c,
    firstName: prefs.fname || null,
    lastName: prefs.lname || null,
    email: prefs.mail1 || null,
    language: prefs.lang || null,
    account: prefs.account || null,
    bookCount: wire.userInfo.nbBooks,
    rights: Object.keys(wire.userInfo.rights ?? {}).filter((name) => wire.userInfo.rights?.[name]),
    sstamp: wire.sstamp,
  };
}

// Private:

function mapCell(field: TimetonicWireField, value: unknown, text: string | undefined): TimetonicCellRecord {
  const empty = value === undefined || value === null || value === '';
  const links = field.type === 'link' && Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : null;
  return {
    fieldId: field.id,
    fieldName: field.name,
    value: empty ? null : typeof value === 'string' ? value : JSON.stringify(value),
    text: text ?? null,
    linkedRowIds: field.type === 'link' ? (links ?? []) : null,
  };
}

interface Place {
  owner: string;
  code: string;
  smid: number;
  files: string;
}

/** The doc's file URL patterns: `/dbi/ic/norm/…` for images, `/dbi/odc/full/…` for documents. */
function mapAttachment(wire: TimetonicWireMedia, count: number, kind: 'MEDIA' | 'DOC', place: Place): TimetonicAttachmentRecord {
  const segments = (parts: Array<string | number>) => parts.map((p) => encodeURIComponent(String(p))).join('/');
  const byMessage = kind === 'MEDIA' ? ['dbi', 'ic', 'norm'] : ['dbi', 'odc', 'full'];
  const byName = kind === 'MEDIA' ? ['dbi', 'in', 'norm'] : ['dbi', 'odn', 'full'];
  return {
    id: wire.id,
    kind,
    name: wire.originName,
    extension: wire.ext,
    size: wire.size,
    url: `${place.files}/${segments([...byMessage, place.owner, place.code, place.smid, count, wire.originName])}`,
    downloadPath: timetonicDownloadPath({ by: 'message', kind, owner: place.owner, code: place.code, smid: place.smid, count, name: wire.originName }),
    publicUrl: `${place.files}/${segments([...byName, wire.internName, wire.originName])}`,
  };
}

/** TimeTonic stamps are unix seconds. */
function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}
