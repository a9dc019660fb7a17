import { pushFeed, type DropReason } from '../../src/core/push-feed';

/** A feed whose items are pushed by the test; drops are recorded as `item:reason`. */
function manualFeed(maxBuffered: number, conflate: boolean) {
  let push: (item: string) => void = () => undefined;
  const drops: string[] = [];
  const feed = pushFeed<string>(
    (p) => {
      push = p;
      return () => undefined;
    },
    maxBuffered,
    (dropped: string, reason: DropReason) => drops.push(`${dropped}:${reason}`),
    // Key = the letter: `a1` and `a2` are two values of one source.
    conflate ? (item) => item.slice(0, 1) : undefined,
  );
  const take = async (n: number) => {
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push((await feed.next()).value as string);
    return items;
  };
  return { push: (...items: string[]) => items.forEach((item) => push(item)), drops, take, feed };
}

describe('pushFeed without a conflation key', () => {
  it('drops the oldest items past its buffer and reports them as overflow', async () => {
    const { push, drops, take } = manualFeed(2, false);
    push('a1', 'a2', 'a3', 'b1');
    expect(await take(2)).toEqual(['a3', 'b1']);
    expect(drops).toEqual(['a1:overflow', 'a2:overflow']);
  });
});

describe('pushFeed with a conflation key', () => {
  it('queues every item while the buffer has room', async () => {
    const { push, drops, take } = manualFeed(3, true);
    push('a1', 'a2', 'a3');
    expect(await take(3)).toEqual(['a1', 'a2', 'a3']);
    expect(drops).toEqual([]);
  });

  it('when full, replaces the newest queued item of the same key in its place', async () => {
    const { push, drops, take } = manualFeed(3, true);
    push('a1', 'b1', 'a2');
    // Full: a3 takes a2's slot (not a1's), so a source's values still arrive in order.
    push('a3');
    push('b2');
    expect(drops).toEqual(['a2:conflated', 'b1:conflated']);
    expect(await take(3)).toEqual(['a1', 'b2', 'a3']);
  });

  it('when full and no queued item shares the key, drops the oldest', async () => {
    const { push, drops, take } = manualFeed(3, true);
    push('a1', 'b1', 'c1', 'd1');
    expect(drops).toEqual(['a1:overflow']);
    // a1 is gone: a2 conflates with nothing and pushes out b1.
    push('a2');
    expect(drops).toEqual(['a1:overflow', 'b1:overflow']);
    expect(await take(3)).toEqual(['c1', 'd1', 'a2']);
  });

  it('forgets the key of an item once the consumer took it', async () => {
    const { push, drops, take } = manualFeed(2, true);
    push('a1', 'b1');
    expect(await take(1)).toEqual(['a1']);
    push('c1');
    // Full with b1, c1: a2 must not "replace" the a1 already delivered.
    push('a2');
    expect(drops).toEqual(['b1:overflow']);
    expect(await take(2)).toEqual(['c1', 'a2']);
  });

  it('keeps the latest value of each of a thousand sources through 200 000 pushes', async () => {
    const drops: DropReason[] = [];
    let push: (item: { source: number; value: number }) => void = () => undefined;
    const feed = pushFeed<{ source: number; value: number }>(
      (p) => {
        push = p;
        return () => undefined;
      },
      1000,
      (_dropped, reason) => drops.push(reason),
      (item) => String(item.source),
    );
    for (let value = 0; value < 200; value++) for (let source = 0; source < 1000; source++) push({ source, value });
    expect(drops.length).toBe(199_000);
    expect(drops.every((reason) => reason === 'conflated')).toBe(true);
    const delivered: Array<{ source: number; value: number }> = [];
    for (let i = 0; i < 1000; i++) delivered.push((await feed.next()).value as { source: number; value: number });
    // Each source once, in the order it was first queued, with its last value.
    expect(delivered.map((d) => d.source)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(delivered.every((d) => d.value === 199)).toBe(true);
    await feed.return!();
  });

  it('stays consistent while items flow through for a long time', async () => {
    const { push, drops, take } = manualFeed(4, true);
    // Thousands of items pass one by one (the queue compacts as its head moves on).
    for (let i = 0; i < 5000; i++) {
      push(`a${i}`);
      expect(await take(1)).toEqual([`a${i}`]);
    }
    push('a1', 'b1', 'c1', 'd1', 'b2', 'e1');
    expect(drops).toEqual(['b1:conflated', 'a1:overflow']);
    expect(await take(4)).toEqual(['b2', 'c1', 'd1', 'e1']);
  });

  it('conflates and drops without a drop callback too', async () => {
    let push: (item: string) => void = () => undefined;
    const feed = pushFeed<string>(
      (p) => {
        push = p;
        return () => undefined;
      },
      2,
      undefined,
      (item) => item.slice(0, 1),
    );
    for (const item of ['a1', 'b1', 'a2']) push(item);
    expect((await feed.next()).value).toBe('a2');
    for (const item of ['c1', 'd1']) push(item);
    expect((await feed.next()).value).toBe('c1');
    expect((await feed.next()).value).toBe('d1');
  });

  it('empties its buffer and ends on return()', async () => {
    const { push, feed } = manualFeed(3, true);
    push('a1', 'b1');
    await feed.return!();
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });
});
