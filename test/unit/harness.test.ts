import { mergeAsync } from '../../src/core/merge-async';
import { pushFeed } from '../../src/core/push-feed';
import { PollPacing } from '../../src/core/poll-pacing';
import { redact } from '../../src/core/redact';
import { FlowTokenProvider, withToken } from '../../src/vendors/token-provider';
import { VendorError } from '../../src/core/errors';
import { VENDORS } from '../../src/core/vendor';
import { VendorEnum } from '../../src/schema/model/vendor.enum';

describe('redact', () => {
  it('replaces secret-named keys at any depth and leaves the rest', () => {
    const out = redact({ name: 'a', token: 't', nested: [{ Authorization: 'Bearer x', keep: 1 }], key: null });
    expect(out).toEqual({ name: 'a', token: '[REDACTED]', nested: [{ Authorization: '[REDACTED]', keep: 1 }], key: null });
  });
});

describe('FlowTokenProvider', () => {
  it('shares one flow among concurrent callers and refreshes once on UNAUTHENTICATED', async () => {
    let issued = 0;
    const provider = new FlowTokenProvider(async () => ({ token: `t${++issued}`, expiresAt: null }));
    const tokens = await Promise.all([provider.get(), provider.get(), provider.get()]);
    expect(tokens).toEqual(['t1', 't1', 't1']);
    const seen: string[] = [];
    const answer = await withToken(provider, async (token) => {
      seen.push(token);
      if (token === 't1') throw new VendorError('IOTAAP', 'UNAUTHENTICATED', 'expired');
      return 'ok';
    });
    expect(answer).toBe('ok');
    expect(seen).toEqual(['t1', 't2']);
  });

  it('refreshes before expiry', async () => {
    let now = 0;
    let issued = 0;
    const provider = new FlowTokenProvider(async () => ({ token: `t${++issued}`, expiresAt: now + 10_000 }), 1_000, () => now);
    expect(await provider.get()).toBe('t1');
    now = 8_000;
    expect(await provider.get()).toBe('t1');
    now = 9_500;
    expect(await provider.get()).toBe('t2');
  });
});

describe('mergeAsync', () => {
  it('yields from every source and returns them all when closed', async () => {
    const returned: string[] = [];
    async function* feed(name: string, count: number) {
      try {
        for (let i = 0; i < count; i++) yield `${name}${i}`;
        await new Promise(() => undefined);
      } finally {
        returned.push(name);
      }
    }
    const merged = mergeAsync([feed('a', 2), feed('b', 2)]);
    const got: string[] = [];
    for await (const item of merged) {
      got.push(item);
      if (got.length === 4) break;
    }
    expect(got.sort()).toEqual(['a0', 'a1', 'b0', 'b1']);
  });
});

describe('schema enums', () => {
  it('mirror the core vendor list', () => {
    expect(Object.values(VendorEnum)).toEqual([...VENDORS]);
  });
});

describe('pushFeed', () => {
  it('stops its source on return() even while a consumer waits', async () => {
    let stopped = false;
    const feed = pushFeed<number>((push) => {
      push(1);
      return () => {
        stopped = true;
      };
    });
    expect(await feed.next()).toEqual({ value: 1, done: false });
    const pending = feed.next();
    await feed.return!();
    expect(stopped).toBe(true);
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it('drops the oldest items past its buffer', async () => {
    const feed = pushFeed<number>((push) => {
      for (let i = 0; i < 5; i++) push(i);
      return () => undefined;
    }, 2);
    expect((await feed.next()).value).toBe(3);
    expect((await feed.next()).value).toBe(4);
  });
});

describe('PollPacing', () => {
  it('polls faster while events flow, slower while idle, backs off on failures and honours Retry-After', () => {
    const pacing = new PollPacing(1000, 30_000);
    expect(pacing.afterSuccess(3)).toBe(500);
    expect(pacing.afterSuccess(3)).toBe(250);
    expect(pacing.afterSuccess(3)).toBe(250);
    expect(pacing.afterSuccess(0)).toBe(375);
    for (let i = 0; i < 10; i++) pacing.afterSuccess(0);
    expect(pacing.afterSuccess(0)).toBe(4000);
    expect(pacing.afterFailure()).toBe(2000);
    expect(pacing.afterFailure()).toBe(4000);
    expect(pacing.afterFailure(60_000)).toBe(60_000);
    expect(pacing.afterSuccess(1)).toBe(500);
  });
});

