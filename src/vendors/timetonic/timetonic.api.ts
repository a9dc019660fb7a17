import { BadUserInputError, NotFoundError, TributaryError, VendorError } from '../../core/errors';
import type { KeysetSource } from '../../core/keyset-page';
import type { NodeRecord } from '../../core/model';
import type { RequestMemo } from '../../core/request-memo';
import { relatedSlice, type CapabilityDeclaration, type EntitySource, type RecordLoader, type VendorApi, type VendorRelations } from '../adapter';
import type { TimetonicClient } from './timetonic.client';
import type { BookMessageFeeds } from './timetonic.live';
import { mapTimetonicBook, mapTimetonicTable, mapTimetonicUserInfo } from './timetonic.mapper';
import { bookMessageSource } from './timetonic.reads-messages';
import {
  TIMETONIC_BOOK,
  splitBookId,
  type TimetonicBookRecord,
  type TimetonicMessageRecord,
  type TimetonicUserInfoRecord,
} from './timetonic.model';
import { sendTimetonicSystemMessage, type TimetonicSystemMessage } from './timetonic.ops-system';
import { TimetonicFiles } from './timetonic.ops-files';
import { TimetonicTables } from './timetonic.ops-tables';
import type { TimetonicWireEvent } from './timetonic.wire';

export interface TimetonicApiOptions {
  /** Base URL the doc's file URLs hang off. */
  files: string;
  feeds: BookMessageFeeds;
  /** The TimeTonic socket (`TIMETONIC_WS_URL`) system messages travel on; null when not configured. */
  socket: { url: string; timeoutMs: number } | null;
}

/** The memo key of `getAllBooks`. */
const ALL_BOOKS = 'all books';

/** A book by its composite key (no read needed to write into it). */
export interface BookKey {
  owner: string;
  code: string;
}

/** What a message write answers: the message id (for sends) and the new server stamp. */
export interface TimetonicMessageWrite {
  messageId: number | null;
  sstamp: number;
}

/** What TimetonicApi offers beyond its sources and relations (its live feed: `live.bookMessages`). */
export const TIMETONIC_CAPABILITIES = {
  groups: false,
  devices: false,
  measurements: false,
  channelMessages: false,
  bookMessages: true,
  live: true,
} as const satisfies CapabilityDeclaration<TimetonicApi>;

/** TimeTonic for one request and one credential. */
export class TimetonicApi implements VendorApi {
  readonly vendor = 'TIMETONIC' as const;
  readonly sources: readonly EntitySource[];
  readonly tables: TimetonicTables;
  readonly files: TimetonicFiles;
  /** TimeTonic's part of the request memo: `getAllBooks` answers every book at once, so it is asked once per request. */
  private readonly memo: RequestMemo;

  constructor(
    private readonly client: TimetonicClient,
    private readonly loader: RecordLoader,
    private readonly options: TimetonicApiOptions,
  ) {
    this.memo = loader.memo.within('TIMETONIC');
    this.sources = [this.bookSource()];
    this.tables = new TimetonicTables(client);
    this.files = new TimetonicFiles(client);
  }

  readonly relations: VendorRelations<'Book'> = {
    'Book.tables': async (record, args) => {
      const book = record as TimetonicBookRecord;
      const answer = await this.client.getBookTables(book.owner, book.code);
      return relatedSlice(answer.bookTables.categories.map((c) => mapTimetonicTable(c, book.nativeId)), args);
    },
  };

  /** `Book.messages`, paged by keyset (see timetonic.reads-messages.ts). */
  bookMessages(book: NodeRecord, search: string | null): KeysetSource<TimetonicMessageRecord> {
    return bookMessageSource(this.client, book as TimetonicBookRecord, search, this.options.files);
  }

  async userInfo(): Promise<TimetonicUserInfoRecord> {
    return mapTimetonicUserInfo(await this.client.getUserInfo());
  }

  async dropAllSessions(): Promise<void> {
    await this.client.dropAllSessions();
  }

  async sendMessage(
    book: BookKey,
    message: { text: string; body: string | null; editId: number | null; event: TimetonicWireEvent | null },
  ): Promise<TimetonicMessageWrite> {
    const answer = await this.client.sendMsg({
      owner: book.owner,
      code: book.code,
      msg: message.text,
      body: message.body,
      msgId: message.editId ?? undefined,
      event: message.event,
    });
    return { messageId: answer.createMessageId ?? message.editId, sstamp: answer.sstamp };
  }

  async deleteMessage(book: BookKey, messageId: number): Promise<TimetonicMessageWrite> {
    const answer = await this.client.deleteMsg(book.owner, book.code, messageId);
    return { messageId, sstamp: answer.sstamp };
  }

  /**
   * Sends a system message over the TimeTonic socket (they have no HTTP request) and waits for
   * its ack. Without `TIMETONIC_WS_URL` there is no way to send one: VENDOR_NOT_CONFIGURED.
   */
  async systemMessage(message: TimetonicSystemMessage): Promise<void> {
    const socket = this.options.socket;
    if (!socket) {
      throw new TributaryError('TimeTonic system messages travel on its socket: set TIMETONIC_WS_URL', 'VENDOR_NOT_CONFIGURED', 'TIMETONIC');
    }
    await this.client.withSession((session) => sendTimetonicSystemMessage(socket.url, session, message, { timeoutMs: socket.timeoutMs }));
  }

  /** A book read afresh (`getBookInfo`), e.g. after a system message changed it. */
  async freshBook(book: BookKey): Promise<TimetonicBookRecord> {
    const record = await this.bookInfo(`${book.owner}:${book.code}`);
    if (record instanceof Error) throw record;
    this.loader.prime([record]);
    return record;
  }

  /**
   * New and edited messages of a book from its current stamp on: one upstream poller (see
   * timetonic.live.ts); the live layer shares it among subscribers.
   */
  readonly live = {
    bookMessages: (book: NodeRecord): AsyncIterable<TimetonicMessageRecord> => {
      const { owner, code, sstamp } = book as TimetonicBookRecord;
      return this.options.feeds.open(this.client.background(), { owner, code, since: sstamp });
    },
  };

  // Private:

  private bookSource(): EntitySource<'Book'> {
    return {
      typename: TIMETONIC_BOOK,
      kind: 'Book',
      list: async (args) => {
        const search = args.search?.toLowerCase() ?? null;
        const books = (await this.books()).filter(
          (b) => !search || b.code.toLowerCase().includes(search) || (b.title ?? '').toLowerCase().includes(search),
        );
        return { items: books.slice(args.offset, args.offset + args.limit), total: books.length };
      },
      loadMany: async (ids) => {
        // One book costs one `getBookInfo`; more, or any once the list is known, one `getAllBooks`.
        if (ids.length === 1 && !this.listed()) return [await this.bookInfo(ids[0])];
        const byId = new Map((await this.books()).map((b) => [b.nativeId, b]));
        return ids.map((id) => byId.get(id) ?? notFound(id));
      },
    };
  }

  private books(): Promise<TimetonicBookRecord[]> {
    return this.memo.get(ALL_BOOKS, async () => {
      const answer = await this.client.getAllBooks();
      const records = answer.allBooks.books.filter((b) => !b.del).map((b) => mapTimetonicBook(b, this.options.files));
      this.loader.prime(records);
      return records;
    });
  }

  private listed(): boolean {
    return this.memo.has(ALL_BOOKS);
  }

  private async bookInfo(id: string): Promise<TimetonicBookRecord | Error> {
    const key = splitBookId(id);
    if (!key) return new BadUserInputError(`"${id}" is not a TimetonicBook id (<owner>:<code>)`);
    try {
      const answer = await this.client.getBookInfo(key.owner, key.code);
      return mapTimetonicBook(answer.book, this.options.files);
    } catch (error) {
      if (error instanceof VendorError && error.code === 'NOT_FOUND') return notFound(id);
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No TIMETONIC book ${id}`, 'TIMETONIC');
}
