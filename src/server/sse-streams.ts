import { setTimeout as delay } from 'node:timers/promises';

/** How long a drain waits for operations to complete once told to, before it ends their streams anyway. */
const COMPLETE_WITHIN_MS = 1_000;

/**
 * The open graphql-sse streams and their running operations, so a drain can end them cleanly
 * instead of cutting them: every operation's result iterator is returned, which makes graphql-sse
 * send its `complete` event (and, in distinct connections mode, end that operation's stream);
 * then the streams still open (single connection mode reservations) are ended after the queued
 * events are flushed. Without it a drain waits for its timeout and cuts them mid-stream, which
 * clients take for a network failure.
 */
export class SseStreams {
  /** Running operations by their context value: the iterator, and a way to say it completed. */
  private readonly operations = new Map<object, { iterator: ResultStream; completed: Promise<void>; complete: () => void }>();
  /** Open streams: the body being written, and when it has ended. */
  private readonly streams = new Map<AsyncGenerator<string, void, undefined>, Promise<void>>();

  /**
   * An operation's result: tracked when it is a stream of results (a subscription), until
   * graphql-sse reports it complete — or it fails, which graphql-sse does not report.
   */
  track<T>(contextValue: object, result: T): T {
    if (!isAsyncGenerator(result)) return result;
    let complete = () => undefined as void;
    const completed = new Promise<void>((resolve) => (complete = resolve));
    this.operations.set(contextValue, { iterator: result, completed, complete });
    const forget = (error: unknown) => {
      this.completed(contextValue);
      throw error;
    };
    // graphql-sse wants an async generator (next, return, throw) to end it on a client's stop.
    const tracked: ResultStream = {
      next: (...args) => result.next(...args).catch(forget),
      return: (value) => result.return(value).catch(forget),
      throw: (error) => result.throw(error).catch(forget),
      [Symbol.asyncIterator]: () => tracked,
    };
    return tracked as T;
  }

  /** graphql-sse's `onComplete`: the operation sent its last event. */
  completed(contextValue: object): void {
    this.operations.get(contextValue)?.complete();
    this.operations.delete(contextValue);
  }

  /** Writes one stream; `write` resolves when the stream has ended. */
  async stream(body: AsyncGenerator<string, void, undefined>, write: () => Promise<void>): Promise<void> {
    const written = write();
    this.streams.set(body, written);
    try {
      await written;
    } finally {
      this.streams.delete(body);
    }
  }

  /** Completes every operation, then ends every stream still open; resolves when all have ended. */
  async close(): Promise<void> {
    const running = [...this.operations.values()];
    for (const { iterator } of running) void iterator.return(undefined).catch(() => undefined);
    // Unref: once all completed, the pending timer must not hold the process up.
    await Promise.race([Promise.all(running.map((o) => o.completed)), delay(COMPLETE_WITHIN_MS, undefined, { ref: false })]);
    const open = [...this.streams.entries()];
    for (const [body] of open) void body.return(undefined);
    await Promise.all(open.map(([, ended]) => ended.catch(() => undefined)));
  }
}

/** What graphql-sse needs of a subscription's results to end them (its `isAsyncGenerator`). */
interface ResultStream extends AsyncIterableIterator<unknown> {
  return(value?: unknown): Promise<IteratorResult<unknown>>;
  throw(error?: unknown): Promise<IteratorResult<unknown>>;
}

function isAsyncGenerator(value: unknown): value is ResultStream {
  if (typeof value !== 'object' || value === null || !(Symbol.asyncIterator in value)) return false;
  const { next, return: end, throw: fail } = value as Partial<ResultStream>;
  return typeof next === 'function' && typeof end === 'function' && typeof fail === 'function';
}
