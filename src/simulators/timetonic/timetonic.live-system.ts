/**
 * System messages on the TimeTonic socket (type 11, doc "Send System message"): what each one
 * changes in the simulator's state, and who else hears of it ("Receive System message").
 */
import { visibleBook } from './timetonic.routes-books';
import { NOK, nextStamp, TimetonicNok, type TimetonicSimBook, type TimetonicSimState } from './timetonic.store';

type Frame = Record<string, unknown>;

/** The users whose other attached sockets receive the message (type 11) after its ack. */
export interface SystemEffect {
  audience: ReadonlySet<string>;
}

/** Applies system message `frame` sent by `user`; throws `TimetonicNok` when it is refused. */
export function applySystemMessage(state: TimetonicSimState, user: string, frame: Frame): SystemEffect {
  switch (frame.msg) {
    case 'clearNotRead': {
      const book = visibleBook(state, user, text(frame, 'b_o'), text(frame, 'b_c'));
      book.nbNotRead[user] = 0;
      touch(state, book);
      return { audience: new Set([user]) };
    }
    case 'logOpenBook':
      visibleBook(state, user, text(frame, 'b_o'), text(frame, 'b_c'));
      return { audience: new Set([user]) };
    case 'acceptInvitation': {
      const book = invitedBook(state, user, text(frame, 'b_o'), text(frame, 'b_c'));
      const member = book.members.find((m) => m.u_c === user);
      if (member) member.invite = 'accepted';
      touch(state, book);
      return { audience: acceptedMembers(book) };
    }
    case 'updateBookParam': {
      const book = visibleBook(state, user, text(frame, 'b_o'), text(frame, 'b_c'));
      updateBookParam(book, user, text(frame, 'param'), text(frame, 'value'));
      touch(state, book);
      return { audience: acceptedMembers(book) };
    }
    case 'updateUserInfo': {
      const account = state.users.find((u) => u.u_c === user);
      const value = text(frame, 'value');
      const param = text(frame, 'param');
      if (!account) throw NOK.param('u_c', 'a known user');
      if (param === 'fname') account.firstName = value;
      else if (param === 'lname') account.lastName = value;
      else if (param === 'lang') account.lang = value;
      else throw NOK.param('param', 'fname, lname or lang');
      nextStamp(state);
      return { audience: new Set([user]) };
    }
    default:
      throw NOK.param('msg', 'a system message name');
  }
}

// Private:

function text(frame: Frame, name: string): string {
  const value = frame[name];
  if (typeof value !== 'string' || value === '') throw NOK.param(name, 'string');
  return value;
}

/** A book `user` was invited to (or already accepted); unknown otherwise, so nothing leaks. */
function invitedBook(state: TimetonicSimState, user: string, owner: string, code: string): TimetonicSimBook {
  const book = state.books.find((b) => b.b_o === owner && b.b_c === code);
  if (!book || !book.members.some((m) => m.u_c === user)) throw NOK.book(owner, code);
  return book;
}

function updateBookParam(book: TimetonicSimBook, user: string, param: string, value: string): void {
  const owner = book.b_o === user;
  if ((param === 'title' || param === 'archived') && !owner) {
    throw new TimetonicNok('apiProcess71', `no rights on book ${book.b_c}.${book.b_o}: only its owner may change ${param}`);
  }
  if (param === 'title') book.title = value;
  else if (param === 'favorite' || param === 'archived') {
    if (value !== 'true' && value !== 'false') throw NOK.param('value', 'true or false');
    book[param] = value === 'true';
  } else throw NOK.param('param', 'title, favorite or archived');
}

function acceptedMembers(book: TimetonicSimBook): Set<string> {
  return new Set(book.members.filter((m) => m.invite === 'accepted').map((m) => m.u_c));
}

/** A change to the book: the server stamp moves, so `getAllBooks(sstamp)` answers it again. */
function touch(state: TimetonicSimState, book: TimetonicSimBook): void {
  book.sstamp = nextStamp(state);
}
