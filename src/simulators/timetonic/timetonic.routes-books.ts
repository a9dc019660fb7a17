/**
 * Books and messages: getUserInfo, getAllBooks, getBookInfo, getBookMessages, sendMsg, deleteMsg.
 */
import type { TimetonicWireBook, TimetonicWireEvent, TimetonicWireMessage } from '../../vendors/timetonic/timetonic.wire';
import { ALPHANUMERIC, type Prng } from '../prng';
import type { SimResponse } from '../router';
import { newMessage } from './timetonic.seed';
import { NOK, nextStamp, ok, TimetonicNok, type Params, type TimetonicSimBook, type TimetonicSimState } from './timetonic.store';

/** `getBookMessages` answers this many messages when `nbMax` is empty (doc). */
export const TIMETONIC_DEFAULT_MESSAGES = 50;

export interface BooksContext {
  state: TimetonicSimState;
  random: Prng;
  /** Unix seconds. */
  now(): number;
  /** Called after a message is added, edited or deleted (the socket server pushes it on). */
  messageListeners: Array<(book: TimetonicSimBook, message: TimetonicWireMessage) => void>;
}

/** Tells every listener that `message` of `book` changed. */
export function messageChanged(ctx: BooksContext, book: TimetonicSimBook, message: TimetonicWireMessage): void {
  for (const listener of ctx.messageListeners) listener(book, message);
}

/** The book if `user` may read it (owner or accepted member); unknown otherwise, so nothing leaks. */
export function visibleBook(state: TimetonicSimState, user: string, owner: string, code: string): TimetonicSimBook {
  const book = state.books.find((b) => b.b_o === owner && b.b_c === code);
  if (!book || !book.members.some((m) => m.u_c === user && m.invite === 'accepted')) throw NOK.book(owner, code);
  return book;
}

export function getUserInfo(ctx: BooksContext, user: string): SimResponse {
  const u = ctx.state.users.find((candidate) => candidate.u_c === user) ?? ctx.state.users[0];
  return ok('getUserInfo', {
    sstamp: ctx.state.sstamp,
    userInfo: {
      firstTime: false,
      sstamp: ctx.state.sstamp,
      nbBooks: ctx.state.books.filter((b) => b.members.some((m) => m.u_c === user)).length,
      u_c: u.u_c,
      userPrefs: { mail1: u.email, fname: u.firstName, lname: u.lastName, lang: u.lang ?? 'EN', account: 'Pro', regiondf: 'EU' },
      rights: { 'form-pro': true, 'api-access': true },
      colors: { defaut: '#9FA8AD', red: '#FF3B47', green: '#7cc300' },
      projectID: 7845287998512,
    },
  });
}

export function getAllBooks(ctx: BooksContext, user: string, params: Params): SimResponse {
  const since = params.optional('sstamp') === undefined ? -1 : params.int('sstamp');
  const owner = params.optional('b_o');
  const code = params.optional('b_c');
  const books = ctx.state.books
    .filter((b) => b.members.some((m) => m.u_c === user))
    .filter((b) => b.sstamp > since && (!owner || b.b_o === owner) && (!code || b.b_c === code));
  const contacts = ctx.state.users
    .filter((u) => u.u_c !== user)
    .map((u) => ({ u_c: u.u_c, lastName: u.lastName, firstName: u.firstName, sstamp: 0, isConfirmed: true }));
  return ok('getAllBooks', {
    sstamp: ctx.state.sstamp,
    allBooks: { nbBooks: books.length, nbContacts: contacts.length, contacts, books: books.map((b) => bookWire(b, user)) },
  });
}

export function getBookInfo(ctx: BooksContext, user: string, params: Params): SimResponse {
  const book = visibleBook(ctx.state, user, params.string('b_o'), params.string('b_c'));
  return ok('getBookInfo', { sstamp: ctx.state.sstamp, book: bookWire(book, user) });
}

/**
 * Newest first, `nbMax` per `page`, deleted messages left out. With `sstamp`, every message
 * (deleted ones too) changed after it comes back as well, without paging (doc, 1.71).
 */
export function getBookMessages(ctx: BooksContext, user: string, params: Params): SimResponse {
  const book = visibleBook(ctx.state, user, params.string('b_o'), params.string('b_c'));
  const nbMax = params.int('nbMax', TIMETONIC_DEFAULT_MESSAGES);
  const page = Math.max(params.int('page', 1), 1);
  const search = params.optional('search_string')?.toLowerCase();
  const smidFirst = params.optional('smidFirst') === undefined ? null : params.int('smidFirst');
  const smidLast = params.optional('smidLast') === undefined ? null : params.int('smidLast');
  const inRange = (smid: number) =>
    smidFirst !== null && smidLast !== null
      ? smid > smidFirst || smid < smidLast
      : (smidFirst === null || smid > smidFirst) && (smidLast === null || smid < smidLast);
  const newestFirst = [...book.messages].reverse().filter((m) => inRange(m.smid));
  const paged = newestFirst
    .filter((m) => !m.del && (!search || m.msg.toLowerCase().includes(search) || (m.msgBody ?? '').toLowerCase().includes(search)))
    .slice((page - 1) * nbMax, page * nbMax);
  const since = params.optional('sstamp') === undefined ? null : params.int('sstamp');
  const changed = since === null ? [] : newestFirst.filter((m) => m.sstamp > since && !paged.includes(m));
  return ok('getBookMessages', { sstamp: ctx.state.sstamp, b_c: book.b_c, b_o: book.b_o, bookMessages: [...paged, ...changed] });
}

/** `sendMsg`: a new message, or with `msg_id` an edit of one. Answers `createMessageId` for fileUpload. */
export function sendMsg(ctx: BooksContext, user: string, params: Params): SimResponse {
  const text = params.string('msg');
  if (text.length > 10_000) throw new TimetonicNok('apiProcess61', 'msg too long (10000 characters at most)');
  // Doc: without b_o the sender's own book; without b_c the message's first word.
  const book = visibleBook(ctx.state, user, params.optional('b_o') ?? user, params.optional('b_c') ?? text.split(/\s+/)[0]);
  writable(book, user);
  const event = parseEvent(params.json('event'));
  const editId = params.optional('msg_id') === undefined ? null : params.int('msg_id');
  if (editId !== null) {
    const message = book.messages.find((m) => m.smid === editId && !m.del);
    if (!message) throw NOK.message(editId);
    Object.assign(message, { msg: text, msgBody: params.optional('body') ?? message.msgBody, lastModified: ctx.now(), sstamp: nextStamp(ctx.state) });
    if (event) message.event = event;
    book.sstamp = ctx.state.sstamp;
    messageChanged(ctx, book, message);
    return ok('sendMsg', { sstamp: ctx.state.sstamp, createMessageId: editId });
  }
  const message = newMessage(ctx.state, user, text, ctx.now(), ctx.random.chars(40, ALPHANUMERIC));
  message.msgBody = params.optional('body') ?? '';
  message.event = event;
  book.messages.push(message);
  book.sstamp = ctx.state.sstamp;
  messageChanged(ctx, book, message);
  return ok('sendMsg', { sstamp: ctx.state.sstamp, createMessageId: message.smid });
}

export function deleteMsg(ctx: BooksContext, user: string, params: Params): SimResponse {
  const book = visibleBook(ctx.state, user, params.string('b_o'), params.string('b_c'));
  writable(book, user);
  const id = params.int('msg_id');
  const message = book.messages.find((m) => m.smid === id && !m.del);
  if (!message) throw NOK.message(id);
  Object.assign(message, { del: true, lastModified: ctx.now(), sstamp: nextStamp(ctx.state) });
  book.sstamp = ctx.state.sstamp;
  messageChanged(ctx, book, message);
  return ok('deleteMsg', { sstamp: ctx.state.sstamp });
}

/** A book as `getAllBooks`/`getBookInfo` show it to `user`. */
export function bookWire(book: TimetonicSimBook, user: string): TimetonicWireBook {
  const visible = book.messages.filter((m) => !m.del);
  const last = visible.at(-1);
  const member = book.members.find((m) => m.u_c === user);
  return {
    accepted: member?.invite === 'accepted',
    archived: book.archived,
    sstamp: book.sstamp,
    del: false,
    b_c: book.b_c,
    b_o: book.b_o,
    contact_u_c: null,
    nbNotRead: book.nbNotRead[user] ?? 0,
    nbMembers: book.members.length,
    nbMsgs: visible.length,
    members: book.members.map((m) => ({ ...m })),
    // `lastMsg` carries no email body (doc, 2.15).
    lastMsg: last ? { ...last, msgBody: undefined, msgBodyHTML: undefined, b_c: book.b_c, b_o: book.b_o } : null,
    ownerPrefs: { title: book.title, oCoverColor: 'gray', authorizeMemberBroadcast: true, acceptExternalMsg: true },
    userPrefs: { maxMsgsOffline: 20, notifyMobile: true },
    favorite: book.favorite,
    order: 0,
  };
}

// Private:

export function writable(book: TimetonicSimBook, user: string): void {
  const right = book.members.find((m) => m.u_c === user)?.right ?? 0;
  if (right < 2) throw new TimetonicNok('apiProcess71', `no write rights on book ${book.b_c}.${book.b_o}`);
}

function parseEvent(value: unknown): TimetonicWireEvent | null {
  if (value === undefined) return null;
  const event = value as Partial<TimetonicWireEvent> | null;
  if (!event || typeof event.eventStart !== 'number' || typeof event.eventEnd !== 'number') {
    throw new TimetonicNok('apiProcess62', 'invalid event: eventStart and eventEnd must be UTC timestamps');
  }
  if (event.eventEnd < event.eventStart) throw new TimetonicNok('apiProcess63', 'invalid event: eventEnd must not be before eventStart');
  return event as TimetonicWireEvent;
}
