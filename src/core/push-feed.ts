/**
 * An AsyncIterableIterator fed by callbacks (a socket's messages, a poller's results) whose
 * `return()` stops the source at once, even while a consumer waits for the next item —
 * which an async generator cannot do. `start` receives `push` and `fail` and returns the stop
 * function. Items are buffered up to `maxBuffered`; past it the oldest is dropped.
 */
export function pushFeed<T>(
  start: (push: (item: T) => void, fail: (error: unknown) => void) => () => void | Promise<void>,
  maxBuffered = 1000,
  onDrop?: (dropped: T) => void,
): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  let failure: { error: unknown } | null = null;
  let done = false;

  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (buffer.length > 0) resolve({ value: buffer.shift() as T, done: false });
    else if (failure) reject(failure.error);
    else if (done) resolve({ value: undefined, done: true });
    else return;
    waiting = null;
  };
  const stop = start(
    (item) => {
      if (done) return;
      buffer.push(item);
      if (buffer.length > maxBuffered) {
        const dropped = buffer.shift() as T;
        onDrop?.(dropped);
      }
      settle();
    },
    (error) => {
      failure ??= { error };
      settle();
    },
  );
  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      buffer.length = 0;
      settle();
      await stop();
    }
    return { value: undefined, done: true };
  };
  return {
    next: () =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }),
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
