/**
 * A push-fed async iterator for live feeds: producers `push`, the subscription pulls. Its
 * `return()` (a client unsubscribing) resolves a pending `next` at once and runs `onClose`,
 * which an async generator could not do while it waits for the next item.
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiter: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;
  private onClose: () => void = () => {};

  /** Bound on buffered items: a slow subscriber loses the oldest, never the gateway's memory. */
  constructor(private readonly capacity = 1000) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** What to stop when the consumer goes away; runs at once if it already has. */
  setOnClose(onClose: () => void): void {
    this.onClose = onClose;
    if (this.closed) onClose();
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.capacity) this.items.shift();
    this.items.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.items.length = 0;
      this.waiter?.({ value: undefined, done: true });
      this.waiter = null;
      this.onClose();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
