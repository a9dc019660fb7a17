import { setImmediate as nextTurn } from 'node:timers/promises';
import { mergeAsync } from '../../src/core/merge-async';

/** An endless source that counts the items it was asked for, and whether it was returned. */
function counted(name: string) {
  const state = { produced: 0, returned: false };
  async function* items() {
    try {
      for (;;) {
        // Ready on the next turn: as fast as the event loop goes, without starving it.
        await nextTurn();
        yield `${name}${state.produced++}`;
      }
    } finally {
      state.returned = true;
    }
  }
  return { state, items: items() };
}

async function* finite<T>(items: readonly T[], failWith?: Error) {
  for (const item of items) yield item;
  if (failWith) throw failWith;
}

describe('mergeAsync', () => {
  it('holds at most one item per source for a slow consumer of fast sources', async () => {
    const fast = [counted('a'), counted('b')];
    const merged = mergeAsync(fast.map((source) => source.items));
    let consumed = 0;
    let mostHeld = 0;
    for (let i = 0; i < 50; i++) {
      await merged.next();
      consumed += 1;
      // A slow consumer: many turns of the event loop between two reads.
      for (let turn = 0; turn < 20; turn++) await nextTurn();
      const produced = fast.reduce((sum, source) => sum + source.state.produced, 0);
      mostHeld = Math.max(mostHeld, produced - consumed);
    }
    expect(mostHeld).toBeLessThanOrEqual(fast.length);
    await merged.return!();
    await nextTurn();
    expect(fast.map((source) => source.state.returned)).toEqual([true, true]);
  });

  it('yields every item of every source and ends when all have ended', async () => {
    const got: string[] = [];
    for await (const item of mergeAsync([finite(['a0', 'a1', 'a2']), finite(['b0']), finite<string>([])])) got.push(item);
    expect(got.sort()).toEqual(['a0', 'a1', 'a2', 'b0']);
  });

  it('ends at once with no sources', async () => {
    await expect(mergeAsync<string>([]).next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('fails when one source fails, after the items it already handed over', async () => {
    const merged = mergeAsync([finite(['x'], new Error('upstream gone'))]);
    await expect(merged.next()).resolves.toEqual({ value: 'x', done: false });
    await expect(merged.next()).rejects.toThrow('upstream gone');
  });

  it('answers a waiting consumer done on return(), without waiting for a quiet source', async () => {
    const silent = (async function* () {
      await new Promise(() => undefined);
      yield 'never';
    })();
    const merged = mergeAsync([silent]);
    const pending = merged.next();
    await merged.return!();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });
});
