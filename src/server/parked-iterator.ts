/**
 * An async iterator that yields nothing: it only ends, or fails, when told. A shared
 * subscriber whose results are written out elsewhere (ws-frames.ts) hands graphql-ws one of
 * these, so graphql-ws still owns the operation's life (complete, close) while holding
 * no buffer per subscriber. `return()` settles a waiting `next()` at once and calls `onLeave`.
 */
export class ParkedIterator<T> implements AsyncIterableIterator<T> {
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private outcome: { error: unknown } | 'done' | null = null;

  constructor(private readonly onLeave: () => void) {}

  next(): Promise<IteratorResult<T>> {
    if (this.outcome === 'done') return Promise.resolve({ value: undefined, done: true });
    if (this.outcome) return Promise.reject(this.outcome.error);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async return(): Promise<IteratorResult<T>> {
    if (this.outcome === null) this.onLeave();
    this.end();
    return { value: undefined, done: true };
  }

  /** The execution finished: the iterator is done. */
  end(): void {
    this.settle('done');
  }

  /** The execution failed: the waiting (or next) `next()` rejects with `error`. */
  fail(error: unknown): void {
    this.settle({ error });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settle(outcome: 'done' | { error: unknown }): void {
    if (this.outcome !== null) return;
    this.outcome = outcome;
    const waiting = this.waiting;
    this.waiting = null;
    if (!waiting) return;
    if (outcome === 'done') waiting.resolve({ value: undefined, done: true });
    else waiting.reject(outcome.error);
  }
}
