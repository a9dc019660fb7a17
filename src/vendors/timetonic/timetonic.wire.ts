/**
 * TimeTonic payloads as documented (shared/vendor-api/timetonic.txt; facts beyond it from
 * VENDOR-NOTES.md). Every request is a form-encoded POST to `api.php` with `req=<name>`;
 * every answer carries `status: "ok" | "nok"` with HTTP 200. Types only: simulators import
 * these with `import type`. Validation schemas for the edge live in timetonic.schemas.ts.
 */

/** Fields every answer may carry. */
export interface TimetonicWireEnvelope {
  status: 'ok' | 'nok';
  /** Present when `status` is "nok" (doc ≥ 3.61). */
  errorCode?: string;
  errorMsg?: string;
  /** Older error form: `"apiProcess91: invalid appkey"`. */
  error?: string;
  createdVNB?: string;
  req?: string;
}

/** Current server stamp: opaque, monotonic, the change cursor (VENDOR-NOTES). */
export type TimetonicWireStamp = number;

/** `fileUpload`'s answer (doc: "Return values"). */
export interface TimetonicWireFileUpload extends TimetonicWireEnvelope {
  id: string;
  uuid: string;
  type: 'media' | 'doc';
  /** The file's number among the message's medias or docs (the `mdc` of the file URLs). */
  mdc: string;
  ext: string;
  originName: string;
  internName: string;
  smid?: string | null;
  rowId?: string | null;
  fieldId?: string | null;
}

export interface TimetonicWireAppkey extends TimetonicWireEnvelope {
  appkey: string;
}

export interface TimetonicWireOauthkey extends TimetonicWireEnvelope {
  oauthkey: string;
  o_u: string;
}

export interface TimetonicWireSesskey extends TimetonicWireEnvelope {
  sesskey: string;
}

/** `getUserInfo`. */
export interface TimetonicWireUserInfo extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  userInfo: {
    u_c: string;
    nbBooks: number;
    sstamp: number;
    userPrefs: Record<string, unknown> & { fname?: string; lname?: string; lang?: string; mail1?: string; account?: string };
    rights?: Record<string, boolean>;
    colors?: Record<string, string>;
    projectID?: number;
  };
}

/** An image, media file or document attached to a message. */
export interface TimetonicWireMedia {
  id: number;
  ext: string;
  originName: string;
  internName: string;
  uuid?: string;
  size: number;
  /** `media` (images, audio, video) or `doc`. */
  type: string;
  emailCid?: string;
  del: boolean;
}

/** The calendar event a `sendMsg` may carry. */
export interface TimetonicWireEvent {
  eventStart: number;
  eventEnd: number;
  eventTimezone?: string;
  eventAllDay?: boolean;
  isBusy?: boolean;
  eventParticipants?: Array<{ id: string }>;
  reminderData?: Record<string, unknown>;
}

/** A book message (`getBookMessages`, `lastMsg` of a book). */
export interface TimetonicWireMessage {
  smid: number;
  uuid: string;
  sstamp: number;
  u_c: string;
  msg: string;
  msgBody?: string;
  msgBodyHTML?: string;
  msgBodyHtml?: string;
  msgType: string;
  msgMethod: string;
  msgColor?: string;
  del: boolean;
  created: number;
  lastModified: number;
  pid?: number;
  nbComments?: number;
  lastCommentId?: number;
  nbMedias: number;
  nbDocs: number;
  nbEmailCids?: number;
  medias?: TimetonicWireMedia[];
  docs?: TimetonicWireMedia[];
  event?: TimetonicWireEvent | null;
  b_c?: string;
  b_o?: string;
}

export interface TimetonicWireBookMessages extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  b_c: string;
  b_o: string;
  bookMessages: TimetonicWireMessage[];
}

/** Rights: 1 read, 2 read/write, 3 admin, 4 read/write/delete (doc "About member rights", 3.23). */
export interface TimetonicWireMember {
  u_c: string;
  invite: string;
  right: number;
}

export interface TimetonicWireBook {
  accepted: boolean;
  archived: boolean;
  sstamp: number;
  del: boolean;
  b_c: string;
  b_o: string;
  contact_u_c: string | null;
  nbNotRead: number;
  nbMembers: number;
  nbMsgs?: number;
  members: TimetonicWireMember[];
  lastMsg?: TimetonicWireMessage | null;
  ownerPrefs: Record<string, unknown> & { title?: string };
  userPrefs?: Record<string, unknown>;
  fpForm?: { sfpid: number; name: string; lastModified: number };
  sbid?: number;
  lastMsgRead?: number;
  lastMedia?: number;
  favorite: boolean;
  order?: number;
}

export interface TimetonicWireContact {
  u_c: string;
  lastName: string;
  firstName: string;
  sstamp: number;
  isConfirmed: boolean;
}

export interface TimetonicWireAllBooks extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  allBooks: { nbBooks: number; nbContacts: number; contacts: TimetonicWireContact[]; books: TimetonicWireBook[] };
}

export interface TimetonicWireBookInfo extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  book: TimetonicWireBook;
}

/** `sendMsg` / `deleteMsg`: the new stamp, and for `sendMsg` the id of the message written. */
export interface TimetonicWireMessageWrite extends TimetonicWireEnvelope {
  sstamp: TimetonicWireStamp;
  createMessageId?: number;
}

// Smart tables (getBookTables, getTableValues, row writes, comments).
export type * from './timetonic.wire-tables';
// Socket frames.
export type * from './timetonic.wire-socket';

/** Every value a `req` parameter takes, as a form field. */
export type TimetonicWireForm = Record<string, string | number | boolean | undefined>;
