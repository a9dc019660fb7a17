/**
 * Merges async iterables into one that yields items as they come from any source, ends when
 * all sources end, fails when one fails, and on `return()` (a client unsubscribing) returns
 * every source so their upstream streams stop.
 */
export function mergeAsync<T>(sources: readonly AsyncIterable<T>[]): AsyncIterableIterator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const queue: T[] = [];
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  let failure: { error: unknown } | null = null;
  let open = iterators.length;
  let closed = false;

  const wake = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (queue.length > 0) {
      waiting = null;
      resolve({ value: queue.shift() as T, done: false });
    } else if (failure) {
      waiting = null;
      reject(failure.error);
    } else if (open === 0 || closed) {
      waiting = null;
      resolve({ value: undefined, done: true });
    }
  };

  const pump = async (iterator: AsyncIterator<T>) => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || closed) break;
        queue.push(next.value);
        wake();
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      open -= 1;
      wake();
    }
  };
  iterators.forEach((iterator) => void pump(iterator));

  const close = async (): Promise<IteratorResult<T>> => {
    if (!closed) {
      closed = true;
      queue.length = 0;
      // Not awaited: an async generator suspended in an `await` settles `return()` only when
      // it resumes, and a client leaving must not wait for the next upstream event.
      for (const iterator of iterators) void iterator.return?.().catch(() => undefined);
      wake();
    }
    return { value: undefined, done: true };
  };

  return {
    next: () =>
      new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = { resolve, reject };
        wake();
      }),
    return: close,
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
