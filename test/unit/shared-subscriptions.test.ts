import { parse, type ExecutionResult } from 'graphql';
import { pushFeed } from '../../src/core/push-feed';
import { SharedSubscriptions, asksForReplay, shareable } from '../../src/server/shared-subscriptions';

/** A source the test drives: results pushed by hand, and whether it was stopped. */
function source() {
  let push: (r: ExecutionResult) => void = () => undefined;
  let end: () => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const state = { stopped: false, starts: 0 };
  const iterable = pushFeed<ExecutionResult>((p, f, e) => {
    push = p;
    fail = f;
    end = e;
    return () => {
      state.stopped = true;
    };
  });
  return { iterable, state, push: (r: ExecutionResult) => push(r), end: () => end(), fail: (e: unknown) => fail(e) };
}

const result = (n: number): ExecutionResult => ({ data: { n } });

describe('SharedSubscriptions', () => {
  it('runs one execution for subscribers of the same key and gives each every result', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    let starts = 0;
    const start = () => {
      starts += 1;
      return upstream.iterable;
    };
    const a = (await shared.subscribe('k', start)) as AsyncIterableIterator<ExecutionResult>;
    const b = (await shared.subscribe('k', start)) as AsyncIterableIterator<ExecutionResult>;
    expect(starts).toBe(1);
    expect(shared.size).toBe(1);
    upstream.push(result(1));
    upstream.push(result(2));
    expect([(await a.next()).value, (await a.next()).value]).toEqual([result(1), result(2)]);
    expect([(await b.next()).value, (await b.next()).value]).toEqual([result(1), result(2)]);
  });

  it('hands results straight to a subscriber that delivers them itself, and still ends it with the execution', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    const delivered: ExecutionResult[] = [];
    const direct = (await shared.subscribe('k', () => upstream.iterable, (r) => delivered.push(r))) as AsyncIterableIterator<ExecutionResult>;
    const buffered = (await shared.subscribe('k', () => upstream.iterable)) as AsyncIterableIterator<ExecutionResult>;
    upstream.push(result(1));
    expect((await buffered.next()).value).toEqual(result(1));
    expect(delivered).toEqual([result(1)]);
    // The same object for every subscriber: serialised once by whoever writes it out.
    upstream.push(result(2));
    const second = (await buffered.next()).value as ExecutionResult;
    expect(delivered[1]).toBe(second);
    upstream.end();
    expect(await direct.next()).toEqual({ value: undefined, done: true });
  });

  it('fans a result out in slices, letting the event loop run between them', async () => {
    const shared = new SharedSubscriptions({ fanOutSlice: 2 });
    const upstream = source();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) await shared.subscribe('k', () => upstream.iterable, () => order.push(`member ${i}`));
    upstream.push(result(1));
    setImmediate(() => order.push('other work'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order.filter((o) => o.startsWith('member'))).toHaveLength(5);
    // Some other work got its turn before the last members were served.
    expect(order.indexOf('other work')).toBeGreaterThan(0);
    expect(order.indexOf('other work')).toBeLessThan(order.length - 1);
  });

  it('keeps other keys apart', async () => {
    const shared = new SharedSubscriptions();
    await shared.subscribe('k1', () => source().iterable);
    await shared.subscribe('k2', () => source().iterable);
    expect(shared.size).toBe(2);
  });

  it('gives a refusal to everyone who joined while it started, and keeps no group', async () => {
    const shared = new SharedSubscriptions();
    const refusal: ExecutionResult = { errors: [] };
    let starts = 0;
    const start = async () => {
      starts += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return refusal;
    };
    const answers = await Promise.all([shared.subscribe('k', start), shared.subscribe('k', start)]);
    expect(answers).toEqual([refusal, refusal]);
    expect(starts).toBe(1);
    expect(shared.size).toBe(0);
  });

  it('stops the execution when the last subscriber leaves, even on a quiet source', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    const a = (await shared.subscribe('k', () => upstream.iterable)) as AsyncIterableIterator<ExecutionResult>;
    const b = (await shared.subscribe('k', () => upstream.iterable)) as AsyncIterableIterator<ExecutionResult>;
    const waiting = a.next();
    await b.return!();
    expect(upstream.state.stopped).toBe(false);
    await a.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(upstream.state.stopped).toBe(true);
    expect(shared.size).toBe(0);
  });

  it('ends or fails every subscriber with the execution, after what was buffered', async () => {
    const shared = new SharedSubscriptions();
    const ending = source();
    const a = (await shared.subscribe('end', () => ending.iterable)) as AsyncIterableIterator<ExecutionResult>;
    ending.push(result(1));
    ending.end();
    expect(await a.next()).toEqual({ value: result(1), done: false });
    expect(await a.next()).toEqual({ value: undefined, done: true });

    const failing = source();
    const b = (await shared.subscribe('fail', () => failing.iterable)) as AsyncIterableIterator<ExecutionResult>;
    failing.fail(new Error('upstream gone'));
    await expect(b.next()).rejects.toThrow('upstream gone');
    expect(shared.size).toBe(0);
  });

  it('starts a new execution for a subscriber who comes after the last one left', async () => {
    const shared = new SharedSubscriptions();
    let starts = 0;
    const start = () => {
      starts += 1;
      return source().iterable;
    };
    const first = (await shared.subscribe('k', start)) as AsyncIterableIterator<ExecutionResult>;
    await first.return!();
    await shared.subscribe('k', start);
    expect(starts).toBe(2);
  });
});

describe('asksForReplay', () => {
  it('is true only for documents with a `since` argument', () => {
    expect(asksForReplay(parse('subscription { measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } }'))).toBe(true);
    expect(asksForReplay(parse('subscription($s: DateTimeISO) { measurements(sourceIds: ["a"], since: $s) { value } }'))).toBe(true);
    expect(asksForReplay(parse('subscription { measurements(sourceIds: ["a"]) { value } }'))).toBe(false);
  });
});

describe('shareable', () => {
  it('is true only for the subscription operation chosen, without a replay', () => {
    const document = parse('query Q { vendors { vendor } } subscription S { vendorStatusChanged { vendor } }');
    expect(shareable(document, 'S')).toBe(true);
    expect(shareable(document, 'Q')).toBe(false);
    expect(shareable(parse('subscription { measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } }'))).toBe(false);
    expect(shareable(parse('mutation { deleteGroup(id: "x") }'))).toBe(false);
  });
});

describe('a delivering subscriber', () => {
  it('leaves its group on return(), settling a waiting next() at once', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    const delivered: ExecutionResult[] = [];
    const member = (await shared.subscribe('k', () => upstream.iterable, (r) => delivered.push(r))) as AsyncIterableIterator<ExecutionResult>;
    const waiting = member.next();
    await member.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(upstream.state.stopped).toBe(true);
    expect(shared.size).toBe(0);
  });

  it('fails with the execution', async () => {
    const shared = new SharedSubscriptions();
    const upstream = source();
    const member = (await shared.subscribe('k', () => upstream.iterable, () => undefined)) as AsyncIterableIterator<ExecutionResult>;
    const waiting = member.next();
    upstream.fail(new Error('vendor socket closed'));
    await expect(waiting).rejects.toThrow('vendor socket closed');
  });
});
