import type { BookRecord, NodeRecord } from '../../core/model';

export const TIMETONIC_BOOK = 'TimetonicBook';
export const TIMETONIC_MESSAGE = 'TimetonicBookMessage';
export const TIMETONIC_TABLE = 'TimetonicTable';

/** Book member rights (doc "About member rights", changed in 3.23). */
export const TIMETONIC_RIGHTS: Readonly<Record<number, string>> = { 1: 'READ', 2: 'READ_WRITE', 3: 'ADMIN', 4: 'READ_WRITE_DELETE' };

export interface TimetonicMemberRecord {
  user: string;
  /** `accepted`, `sent`, … as TimeTonic says it. */
  invite: string;
  right: string;
}

export interface TimetonicAttachmentRecord {
  id: number;
  kind: 'MEDIA' | 'DOC';
  name: string;
  extension: string;
  size: number;
  /** Session-bound URL (`/dbi/ic|odc/...` by message id and count): POST it with o_u, u_c, sesskey. */
  url: string;
  /** Public URL by internal name (`/dbi/in|dn/...`), the one form that needs no session. */
  publicUrl: string;
  /** The gateway's own path for the file (timetonic.ops-files.ts), served with the caller's credential. */
  downloadPath: string;
}

export interface TimetonicEventRecord {
  start: Date;
  end: Date;
  timezone: string | null;
  allDay: boolean;
  participants: string[];
}

/** A book message. Structurally a NodeRecord so it travels through relation pages. */
export interface TimetonicMessageRecord extends NodeRecord {
  typename: typeof TIMETONIC_MESSAGE;
  bookNativeId: string;
  smid: number;
  author: string;
  text: string;
  body: string | null;
  type: string;
  method: string;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The server stamp of the message's last change: the live cursor. */
  sstamp: number;
  commentCount: number;
  attachments: TimetonicAttachmentRecord[];
  event: TimetonicEventRecord | null;
}

export interface TimetonicBookRecord extends BookRecord {
  typename: typeof TIMETONIC_BOOK;
  members: TimetonicMemberRecord[];
  memberCount: number;
  messageCount: number | null;
  lastMessage: TimetonicMessageRecord | null;
  archived: boolean;
  favorite: boolean;
  sstamp: number;
}

export interface TimetonicFieldRecord {
  id: number;
  name: string;
  type: string;
  linkedTableId: number | null;
}

export interface TimetonicFilterRecord {
  id: string;
  fieldId: number;
  type: string;
  predicate: string;
  /** The operand as JSON text (TimeTonic operands are strings, numbers or lists). */
  operand: string;
}

export interface TimetonicViewRecord {
  id: number;
  name: string;
  description: string | null;
  locked: boolean;
  filterOperator: string | null;
  filters: TimetonicFilterRecord[];
}

/** A smart table (a TimeTonic "category"); structurally a NodeRecord for relation pages. */
export interface TimetonicTableRecord extends NodeRecord {
  typename: typeof TIMETONIC_TABLE;
  tableId: number;
  bookNativeId: string | null;
  name: string;
  description: string | null;
  locked: boolean;
  fields: TimetonicFieldRecord[];
  views: TimetonicViewRecord[];
}

export interface TimetonicCellRecord {
  fieldId: number;
  fieldName: string;
  /** Strings as they are; numbers, booleans and lists as JSON text; null when empty. */
  value: string | null;
  /** TimeTonic's display text, when it differs from the value (links, enums). */
  text: string | null;
  /** For link fields: the linked rows' ids. */
  linkedRowIds: number[] | null;
}

export interface TimetonicRowRecord {
  id: number;
  tableId: number;
  cells: TimetonicCellRecord[];
}

export interface TimetonicCommentRecord {
  id: number;
  text: string;
  author: string;
  authorName: string | null;
  createdAt: Date;
}

export interface TimetonicUserInfoRecord {
  user: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  language: string | null;
  account: string | null;
  bookCount: number;
  rights: string[];
  sstamp: number;
}

/** A book's native id: `<b_o>:<b_c>` (owner, then code: the composite key, DESIGN.md). */
export function bookNativeId(owner: string, code: string): string {
  return `${owner}:${code}`;
}

const BOOK_ID = /^([A-Za-z0-9+][A-Za-z0-9._@+-]{0,99}):([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/** Owner and code of a book native id, or null when it is not one. */
export function splitBookId(nativeId: string): { owner: string; code: string } | null {
  const match = BOOK_ID.exec(nativeId);
  return match ? { owner: match[1], code: match[2] } : null;
}

export function isTimetonicBookId(nativeId: string): boolean {
  return BOOK_ID.test(nativeId);
}

/** Tables, rows, fields, views and messages are positive integers at TimeTonic. */
export function isTimetonicNumericId(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** A new row's temporary id (doc: "a uniquely identifying id starting with `tmp`"). */
export function isTimetonicTmpId(value: string): boolean {
  return /^tmp[A-Za-z0-9_-]{1,60}$/.test(value);
}
