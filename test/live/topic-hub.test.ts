import Redis from 'ioredis';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { pushFeed } from '../../src/core/push-feed';
import { TopicHub, type LiveTopic } from '../../src/live/topic-hub';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { requireService } from '../helpers/services';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

/** A fake upstream: counts starts and stops, emits `tick-N` on demand. */
function fakeUpstream(key: string) {
  const state = { starts: 0, stops: 0, emit: (_value: string) => undefined as void };
  const topic: LiveTopic<{ value: string; at: Date }> = {
    key,
    vendor: 'THINGSEE',
    start: () => {
      state.starts += 1;
      return pushFeed<{ value: string; at: Date }>((push) => {
        state.emit = (value) => push({ value, at: new Date('2026-01-01T00:00:00Z') });
        return () => {
          state.stops += 1;
        };
      });
    },
  };
  return { topic, state };
}

async function pollers(metrics: Metrics): Promise<number> {
  return (await metrics.liveTopicsActive.get()).values.reduce((sum, v) => sum + v.value, 0);
}

describe('TopicHub in memory', () => {
  it('runs one upstream for 100 subscribers and stops it after the last leaves', async () => {
    const metrics = createMetrics();
    const hub = new TopicHub({ metrics, logger: createLogger('silent'), graceMs: 50 });
    leaveOver(() => hub.close());
    const { topic, state } = fakeUpstream('THINGSEE:measurements:gateway:thing-1');
    const subscribers = Array.from({ length: 100 }, () => hub.subscribe(topic));
    const firsts = subscribers.map((s) => s.next());
    await waitFor('the upstream to start', () => state.starts === 1);
    state.emit('tick-1');
    const received = await Promise.all(firsts);
    expect(received.every((r) => r.value?.value === 'tick-1')).toBe(true);
    expect(state.starts).toBe(1);
    expect(await pollers(metrics)).toBe(1);

    await Promise.all(subscribers.map((s) => s.return!()));
    await waitFor('the upstream to stop after the grace period', () => state.stops === 1);
    expect(await pollers(metrics)).toBe(0);
  });

  it('keeps the upstream through a quick reconnect within the grace period', async () => {
    const hub = new TopicHub({ metrics: createMetrics(), logger: createLogger('silent'), graceMs: 5_000 });
    leaveOver(() => hub.close());
    const { topic, state } = fakeUpstream('k:reconnect');
    const first = hub.subscribe(topic);
    void first.next();
    await waitFor('the upstream to start', () => state.starts === 1);
    await first.return!();
    const second = hub.subscribe(topic);
    const next = second.next();
    state.emit('after-reconnect');
    expect((await next).value?.value).toBe('after-reconnect');
    expect(state.starts).toBe(1);
    await second.return!();
  });

  it('drops the oldest events of a slow subscriber, and counts them', async () => {
    const metrics = createMetrics();
    const hub = new TopicHub({ metrics, logger: createLogger('silent'), bufferSize: 5 });
    leaveOver(() => hub.close());
    const { topic, state } = fakeUpstream('k:slow');
    const slow = hub.subscribe(topic);
    const first = slow.next();
    await waitFor('the upstream to start', () => state.starts === 1);
    for (let i = 1; i <= 20; i++) state.emit(`tick-${i}`);
    expect((await first).value?.value).toBe('tick-1');
    await waitFor('every event to reach the subscriber', async () => (await metrics.liveEventsDropped.get()).values[0]?.value === 14);
    const rest: string[] = [];
    for (let i = 0; i < 5; i++) rest.push((await slow.next()).value!.value);
    expect(rest).toEqual(['tick-16', 'tick-17', 'tick-18', 'tick-19', 'tick-20']);
    expect((await metrics.liveEventsDropped.get()).values[0]?.value).toBe(14);
    await slow.return!();
  });
});

describe('TopicHub over Redis (two instances)', () => {
  function connect(url: string) {
    const client = new Redis(url);
    const subscriber = new Redis(url);
    leaveOver(() => {
      client.disconnect();
      subscriber.disconnect();
    });
    return { client, subscriber };
  }

  it('runs one upstream cluster-wide, delivers to both, and moves it when the holder dies', async () => {
    const url = await requireService('redis');
    const key = `k:two-instances:${Date.now()}`;
    const shared = fakeUpstream(key);
    const a = connect(url);
    const b = connect(url);
    const hubA = new TopicHub({ metrics: createMetrics(), logger: createLogger('silent'), redis: { ...a, leaseMs: 600 } });
    const hubB = new TopicHub({ metrics: createMetrics(), logger: createLogger('silent'), redis: { ...b, leaseMs: 600 } });
    leaveOver(() => hubB.close());

    const onA = hubA.subscribe(shared.topic);
    const firstA = onA.next();
    await waitFor('one upstream', () => shared.state.starts === 1);
    const onB = hubB.subscribe(shared.topic);
    const firstB = onB.next();
    await waitFor('both to be subscribed on Redis', async () => (await a.client.pubsub('NUMSUB', `tributary:live:${key}`))[1] === 2);
    expect(hubA.runningUpstreams + hubB.runningUpstreams).toBe(1);
    expect(hubA.runningUpstreams).toBe(1);

    shared.state.emit('tick-1');
    expect((await firstA).value).toEqual({ value: 'tick-1', at: new Date('2026-01-01T00:00:00Z') });
    expect((await firstB).value?.value).toBe('tick-1');

    // The holder dies: its connections drop without releasing the lease.
    a.client.disconnect();
    a.subscriber.disconnect();
    await waitFor('the lease to move to B', () => hubB.runningUpstreams === 1, 5_000);
    expect(shared.state.starts).toBe(2);
    const nextB = onB.next();
    shared.state.emit('tick-2');
    expect((await nextB).value?.value).toBe('tick-2');
    await onB.return!();
    void onA.return!();
  });
});
