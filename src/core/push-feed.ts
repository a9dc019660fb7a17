/** Why a buffered item was dropped: pushed out as the oldest, or replaced by a newer one of its key. */
export type DropReason = 'overflow' | 'conflated';

/**
 * Conflation key of an item: when the buffer is full, a new item replaces the newest queued
 * item of the same key (in that item's queue position) instead of pushing out the oldest.
 */
export type ConflateKey<T> = (item: T) => string;

/**
 * An AsyncIterableIterator fed by callbacks (a socket's messages, a poller's results) whose
 * `return()` stops the source at once, even while a consumer waits for the next item —
 * which an async generator cannot do. `start` receives `push` and `fail` and returns the stop
 * function. Items are buffered up to `maxBuffered`; past it the oldest is dropped, or, with
 * `conflateKey`, the queued item of the same key is replaced by the new one.
 */
export function pushFeed<T>(
  start: (push: (item: T) => void, fail: (error: unknown) => void) => () => void | Promise<void>,
  maxBuffered = 1000,
  onDrop?: (dropped: T, reason: DropReason) => void,
  conflateKey?: ConflateKey<T>,
): AsyncIterableIterator<T> {
  const buffer = new SlotQueue<T>();
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  let failure: { error: unknown } | null = null;
  let done = false;

  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (buffer.size > 0) resolve({ value: buffer.shift() as T, done: false });
    else if (failure) reject(failure.error);
    else if (done) resolve({ value: undefined, done: true });
    else return;
    waiting = null;
  };
  const stop = start(
    (item) => {
      if (done) return;
      const key = conflateKey?.(item) ?? null;
      if (buffer.size >= maxBuffered) {
        const replaced = key === null ? undefined : buffer.replace(key, item);
        if (replaced !== undefined) {
          onDrop?.(replaced.item, 'conflated');
          return;
        }
        // Shift outside the optional call: `onDrop?.(shift())` would not shift without onDrop.
        const oldest = buffer.shift() as T;
        onDrop?.(oldest, 'overflow');
      }
      buffer.push(item, key);
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
      buffer.clear();
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

interface Slot<T> {
  item: T;
  key: string | null;
}

/**
 * A FIFO of slots with the newest queued slot per key, so a replace is O(1): a full buffer of
 * a thousand points does not scan itself per push. Shifting moves a head index and compacts
 * now and then (Array.shift would copy the whole array each time).
 */
class SlotQueue<T> {
  private slots: Array<Slot<T> | undefined> = [];
  private head = 0;
  private readonly newest = new Map<string, Slot<T>>();

  get size(): number {
    return this.slots.length - this.head;
  }

  push(item: T, key: string | null): void {
    const slot = { item, key };
    this.slots.push(slot);
    if (key !== null) this.newest.set(key, slot);
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const slot = this.slots[this.head]!;
    // Let the consumed item go now, not at the next compaction.
    this.slots[this.head] = undefined;
    this.head += 1;
    if (this.head >= 64 && this.head * 2 >= this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
    // FIFO: when the newest slot of a key leaves, no older slot of that key is left behind it.
    if (slot.key !== null && this.newest.get(slot.key) === slot) this.newest.delete(slot.key);
    return slot.item;
  }

  /** Puts `item` in place of the newest queued item of `key`; answers what it replaced, if any. */
  replace(key: string, item: T): { item: T } | undefined {
    const slot = this.newest.get(key);
    if (!slot) return undefined;
    const old = slot.item;
    slot.item = item;
    return { item: old };
  }

  clear(): void {
    this.slots = [];
    this.head = 0;
    this.newest.clear();
  }
}
