import type { KeysetKey, KeysetRequest } from '../../core/keyset';
import type { KeysetChunk, KeysetSource } from '../../core/keyset-page';
import type { TimetonicClient } from './timetonic.client';
import { mapTimetonicMessage } from './timetonic.mapper';
import type { TimetonicBookRecord, TimetonicMessageRecord } from './timetonic.model';

/** `nbMax` of the reads that walk on past the first page (the doc leaves the maximum to the server). */
const CHUNK = 100;

/**
 * `Book.messages` for keyset paging. `getBookMessages` answers newest first and filters by
 * message id (`smidLast`: older than, `smidFirst`: newer than), and message ids grow with
 * time, so walking older is native: each read starts below the oldest id seen. It has no time
 * filter (`from`/`to` are applied here) and no oldest-first order, so walking newer reads
 * every message newer than the cursor.
 */
export function bookMessageSource(client: TimetonicClient, book: TimetonicBookRecord, search: string | null, files: string): KeysetSource<TimetonicMessageRecord> {
  const read: Read = async (bound, nbMax, page = 1) => {
    const answer = await client.getBookMessages({ owner: book.owner, code: book.code, nbMax, page, search, ...bound });
    const all = answer.bookMessages.slice(0, nbMax);
    return {
      messages: all.filter((m) => !m.del).map((m) => mapTimetonicMessage(m, book.owner, book.code, files)),
      // Deleted messages still count for where the page ends and where the next read starts.
      full: all.length >= nbMax,
      oldestSmid: all.length ? Math.min(...all.map((m) => m.smid)) : null,
    };
  };
  const older = (request: KeysetRequest) => olderWalk(read, request);
  return {
    list: 'Book.messages',
    key: messageKey,
    scan: (request) => (request.direction === 'OLDER' ? older(request) : newerWalk(read, older, request)),
    count: async (window) => {
      if (!search && window.from === null && window.to === null && book.messageCount !== null) return book.messageCount;
      // Filtered: TimeTonic has no count, so the window is walked (only when `totalCount` is asked for).
      let count = 0;
      const all: KeysetRequest = { size: Number.MAX_SAFE_INTEGER, direction: 'OLDER', cursor: null, ...window };
      for await (const chunk of older(all)) count += chunk.items.filter((m) => inWindow(m, all)).length;
      return count;
    },
  };
}

/** One `getBookMessages` read: the live messages, whether the page came back full, its oldest id. */
type Read = (
  bound: { smidFirst?: number; smidLast?: number },
  nbMax: number,
  page?: number,
) => Promise<{ messages: TimetonicMessageRecord[]; full: boolean; oldestSmid: number | null }>;

/** Message ids are whole numbers: padded, they sort as strings the way they sort as numbers. */
function messageKey(message: TimetonicMessageRecord): KeysetKey {
  return { time: message.createdAt.getTime(), id: String(message.smid).padStart(16, '0') };
}

async function* olderWalk(read: Read, request: KeysetRequest): AsyncGenerator<KeysetChunk<TimetonicMessageRecord>> {
  let below = request.cursor ? Number(request.cursor.id) : null;
  let nbMax = Math.min(Math.max(request.size + 1, 1), CHUNK);
  for (;;) {
    const { messages, full, oldestSmid } = await read(below === null ? {} : { smidLast: below }, nbMax);
    if (oldestSmid === null) return;
    const oldestTime = messages.length ? Math.min(...messages.map((m) => m.createdAt.getTime())) : null;
    // Messages at the oldest one's time with a lower id may still come: vouch only for later times.
    if (oldestTime !== null) yield { items: messages, seenThrough: oldestTime + 1 };
    if (!full || (request.from !== null && oldestTime !== null && oldestTime < request.from)) return;
    below = oldestSmid;
    nbMax = CHUNK;
  }
}

async function* newerWalk(
  read: Read,
  older: (request: KeysetRequest) => AsyncIterable<KeysetChunk<TimetonicMessageRecord>>,
  request: KeysetRequest,
): AsyncGenerator<KeysetChunk<TimetonicMessageRecord>> {
  const items: TimetonicMessageRecord[] = [];
  if (request.cursor) {
    const above = Number(request.cursor.id);
    for (let page = 1; ; page += 1) {
      const { messages, full } = await read({ smidFirst: above }, CHUNK, page);
      items.push(...messages);
      if (!full) break;
    }
  } else {
    // `last` from the oldest end: the window is read whole, newest first.
    for await (const chunk of older({ ...request, size: Number.MAX_SAFE_INTEGER })) items.push(...chunk.items);
  }
  yield { items, seenThrough: Number.POSITIVE_INFINITY };
}

function inWindow(message: TimetonicMessageRecord, request: KeysetRequest): boolean {
  const time = message.createdAt.getTime();
  return (request.from === null || time >= request.from) && (request.to === null || time <= request.to);
}
