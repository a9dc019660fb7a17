/**
 * Merges async iterables into one that yields items as they come from any source, ends when
 * all sources end, fails when one fails, and on `return()` (a client unsubscribing) returns
 * every source so their upstream streams stop.
 *
 * Pull-based: a source is asked for its next item only when the consumer asks for one (the
 * first ask of each source is made at once, so upstreams start with the merge), and at most
 * one item per source waits here. A slow consumer leaves the backlog in the sources' own
 * bounded buffers, where it is conflated or dropped and counted, instead of queueing here.
 */
export function mergeAsync<T>(sources: readonly AsyncIterable<T>[]): AsyncIterableIterator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  /** Items pulled and not yet handed on, in arrival order: at most one per source. */
  const ready: Array<{ value: T; source: number }> = [];
  const pulling = new Set<number>();
  const ended = new Set<number>();
  const waiters: Array<{ resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }> = [];
  let failure: { error: unknown } | null = null;
  let closed = false;

  const settle = () => {
    while (waiters.length > 0) {
      const item = ready.shift();
      if (item) waiters.shift()!.resolve({ value: item.value, done: false });
      else if (failure) waiters.shift()!.reject(failure.error);
      else if (closed || ended.size === iterators.length) waiters.shift()!.resolve({ value: undefined, done: true });
      else return;
    }
  };

  const pull = (index: number) => {
    pulling.add(index);
    iterators[index]!.next().then(
      (result) => {
        pulling.delete(index);
        if (closed) return;
        if (result.done) ended.add(index);
        else ready.push({ value: result.value, source: index });
        settle();
      },
      (error: unknown) => {
        pulling.delete(index);
        ended.add(index);
        failure ??= { error };
        settle();
      },
    );
  };

  /** Asks every source that is idle (nothing asked of it, nothing of it waiting) for its next item. */
  const pullIdle = () => {
    if (closed || failure) return;
    iterators.forEach((_, index) => {
      if (!pulling.has(index) && !ended.has(index) && !ready.some((item) => item.source === index)) pull(index);
    });
  };
  pullIdle();

  const close = async (): Promise<IteratorResult<T>> => {
    if (!closed) {
      closed = true;
      ready.length = 0;
      // Not awaited: an async generator suspended in an `await` settles `return()` only when
      // it resumes, and a client leaving must not wait for the next upstream event.
      for (const iterator of iterators) void iterator.return?.().catch(() => undefined);
      settle();
    }
    return { value: undefined, done: true };
  };

  return {
    next: () =>
      new Promise<IteratorResult<T>>((resolve, reject) => {
        waiters.push({ resolve, reject });
        pullIdle();
        settle();
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
