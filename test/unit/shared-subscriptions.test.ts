import type { ExecutionResult } from 'graphql';
import { SharedSubscriptions } from '../../src/server/shared-subscriptions';

/** A source the test drives: results pushed by hand, an end or a failure, and whether it was stopped. */
function source() {
  const queue: ExecutionResult[] = [];
  let outcome: { error?: unknown } | null = null;
  let waiting: { resolve: (r: IteratorResult<ExecutionResult>) => void; reject: (e: unknown) => void } | null = null;
  const state = { stopped: false };
  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (queue.length > 0) resolve({ value: queue.shift()!, done: false });
    else if (outcome?.error) reject(outcome.error);
    else if (outcome) resolve({ value: undefined, done: true });
    else return;
    waiting = null;
  };
  const iterable: AsyncIterableIterator<ExecutionResult> = {
    next: () =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }),
    return: async () => {
      state.stopped = true;
      outcome ??= {};
      settle();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const finish = (ended: { error?: unknown }) => {
    outcome = ended;
    settle();
  };
  return {
    iterable,
    state,
    push: (r: ExecutionResult) => {
      queue.push(r);
      settle();
    },
    end: () => finish({}),
    fail: (error: unknown) => finish({ error }),
  };
}

/** A subscriber that collects what it is delivered. */
function collector() {
  const results: ExecutionResult[] = [];
  return { results, deliver: (r: ExecutionResult) => void results.push(r) };
}

const result = (n: number): ExecutionResult => ({ data: { n } });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedSubscriptions', () => {
  it('runs one execution for subscribers of the same key and gives each every result, the same object', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    let starts = 0;
    const start = () => {
      starts += 1;
      return upstream.iterable;
    };
    const a = collector();
    const b = collector();
    await shared.subscribe('k', start, a.deliver);
    await shared.subscribe('k', start, b.deliver);
    expect(starts).toBe(1);
    expect(shared.size).toBe(1);
    upstream.push(result(1));
    upstream.push(result(2));
    await tick();
    expect(a.results).toEqual([result(1), result(2)]);
    expect(b.results).toEqual([result(1), result(2)]);
    // Serialised once by whoever writes it out.
    expect(a.results[1]).toBe(b.results[1]);
  });

  it('fans a result out in slices, giving the event loop a turn between them', async () => {
    const turns: Array<() => void> = [];
    const nextTurn = () => new Promise<void>((resolve) => turns.push(resolve));
    const shared = new SharedSubscriptions({ fanOutSlice: 2, nextTurn });
    const upstream = source();
    const served: number[] = [];
    for (let i = 0; i < 5; i++) await shared.subscribe('k', () => upstream.iterable, () => served.push(i));
    upstream.push(result(1));
    await tick();
    // The first slice, then a wait for the turn the test holds.
    expect(served).toEqual([0, 1]);
    expect(turns).toHaveLength(1);
    turns.shift()!();
    await tick();
    expect(served).toEqual([0, 1, 2, 3]);
    turns.shift()!();
    await tick();
    expect(served).toEqual([0, 1, 2, 3, 4]);
    expect(turns).toHaveLength(0);
  });

  it('skips, in a later slice, a member that left while it waited for its turn', async () => {
    const turns: Array<() => void> = [];
    const shared = new SharedSubscriptions({ fanOutSlice: 1, nextTurn: () => new Promise<void>((resolve) => turns.push(resolve)) });
    const upstream = source();
    const first = collector();
    const second = collector();
    await shared.subscribe('k', () => upstream.iterable, first.deliver);
    const leaving = (await shared.subscribe('k', () => upstream.iterable, second.deliver)) as AsyncIterableIterator<ExecutionResult>;
    upstream.push(result(1));
    await tick();
    expect(first.results).toEqual([result(1)]);
    await leaving.return!();
    turns.shift()!();
    await tick();
    expect(second.results).toEqual([]);
  });

  it('keeps other keys apart', async () => {
    const shared = new SharedSubscriptions();
    await shared.subscribe('k1', () => source().iterable, collector().deliver);
    await shared.subscribe('k2', () => source().iterable, collector().deliver);
    expect(shared.size).toBe(2);
  });

  it('gives a refusal to everyone who joined while it started, and keeps no group', async () => {
    const shared = new SharedSubscriptions();
    const refusal: ExecutionResult = { errors: [] };
    let starts = 0;
    let refuse: () => void = () => undefined;
    const refused = new Promise<ExecutionResult>((resolve) => (refuse = () => resolve(refusal)));
    const start = () => {
      starts += 1;
      return refused;
    };
    const answering = Promise.all([shared.subscribe('k', start, collector().deliver), shared.subscribe('k', start, collector().deliver)]);
    await tick();
    // Both joined while the start was still deciding.
    expect(shared.size).toBe(1);
    refuse();
    const answers = await answering;
    expect(answers).toEqual([refusal, refusal]);
    expect(starts).toBe(1);
    expect(shared.size).toBe(0);
  });

  it('stops the execution when the last subscriber leaves, settling a waiting next() at once, even on a quiet source', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    const a = (await shared.subscribe('k', () => upstream.iterable, collector().deliver)) as AsyncIterableIterator<ExecutionResult>;
    const b = (await shared.subscribe('k', () => upstream.iterable, collector().deliver)) as AsyncIterableIterator<ExecutionResult>;
    const waiting = a.next();
    await b.return!();
    expect(upstream.state.stopped).toBe(false);
    await a.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await tick();
    expect(upstream.state.stopped).toBe(true);
    expect(shared.size).toBe(0);
  });

  it('ends or fails every subscriber with the execution, after delivering what came before', async () => {
    const shared = new SharedSubscriptions();
    const ending = source();
    const delivered = collector();
    const a = (await shared.subscribe('end', () => ending.iterable, delivered.deliver)) as AsyncIterableIterator<ExecutionResult>;
    ending.push(result(1));
    ending.end();
    expect(await a.next()).toEqual({ value: undefined, done: true });
    expect(delivered.results).toEqual([result(1)]);

    const failing = source();
    const b = (await shared.subscribe('fail', () => failing.iterable, collector().deliver)) as AsyncIterableIterator<ExecutionResult>;
    const waiting = b.next();
    failing.fail(new Error('upstream gone'));
    await expect(waiting).rejects.toThrow('upstream gone');
    expect(shared.size).toBe(0);
  });

  it('starts a new execution for a subscriber who comes after the last one left', async () => {
    const shared = new SharedSubscriptions();
    let starts = 0;
    const start = () => {
      starts += 1;
      return source().iterable;
    };
    const first = (await shared.subscribe('k', start, collector().deliver)) as AsyncIterableIterator<ExecutionResult>;
    await first.return!();
    await shared.subscribe('k', start, collector().deliver);
    expect(starts).toBe(2);
  });
});
