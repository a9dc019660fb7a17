import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * Redis is a dependency that can fail: with its own redis-server killed by PID, reads still
 * answer (the shared cache is bypassed and counted), the caller budget fails open or closed as
 * configured (never a 500), `/readyz` stays ready and says Redis is down, and everything comes
 * back when Redis does.
 */
afterAll(disposeLeftovers);

const iotaap = { first: 3, filter: { vendors: ['IOTAAP' as const] } };

async function metric(stack: Stack, name: string, labels: Record<string, string>): Promise<number> {
  const found = (await stack.server.services.metrics.registry.getSingleMetric(name)?.get())?.values.find((v) =>
    Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  );
  return found?.value ?? 0;
}

async function readiness(stack: Stack): Promise<{ status: number; body: { status: string; ready: boolean; dependencies: { redis?: { state: string; since: string } } } }> {
  const response = await fetch(`${stack.origin}/readyz`);
  return { status: response.status, body: (await response.json()) as never };
}

describe('Redis down', () => {
  let redis: OwnRedis;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startOwnRedis();
    stack = await startStack({
      vendors: ['iotaap'],
      env: { REDIS_URL: redis.url, REDIS_PREFIX: 'outage', VENDOR_CACHE_TTL_MS: '60000', CALLER_POINTS_PER_MINUTE: '100000' },
    });
  });

  it('serves reads from the vendor, fails the budget open, and stays ready with Redis reported down', async () => {
    expect((await gql(stack.url, DevicesDocument, iotaap)).errors).toBeUndefined();
    expect((await readiness(stack)).body.dependencies.redis?.state).toBe('up');
    expect(await metric(stack, 'tributary_dependency_up', { dependency: 'redis' })).toBe(1);

    await redis.kill();
    await waitFor('the gateway to see Redis down', async () => (await metric(stack, 'tributary_dependency_up', { dependency: 'redis' })) === 0);
    const calls = stack.upstream('iotaap');
    const answer = await gql(stack.url, DevicesDocument, iotaap);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.devices.edges).toHaveLength(3);
    // The shared cache could not be asked, so the vendor was.
    expect(stack.upstream('iotaap')).toBeGreaterThan(calls);
    expect(await metric(stack, 'tributary_redis_fallbacks_total', { use: 'vendor-cache' })).toBeGreaterThan(0);
    expect(await metric(stack, 'tributary_redis_fallbacks_total', { use: 'caller-budget' })).toBeGreaterThan(0);
    expect(stack.logs.entries().filter((e) => String(e.msg).startsWith('caller budget: Redis failed'))).toHaveLength(1);

    const ready = await readiness(stack);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', ready: true, dependencies: { redis: { state: 'down', since: expect.any(String) } } });
  });

  it('uses Redis again once it is back', async () => {
    await redis.restart();
    await waitFor('the gateway to see Redis up', async () => (await readiness(stack)).body.dependencies.redis?.state === 'up');
    const fallbacks = await metric(stack, 'tributary_redis_fallbacks_total', { use: 'vendor-cache' });
    expect((await gql(stack.url, DevicesDocument, iotaap)).errors).toBeUndefined();
    const calls = stack.upstream('iotaap');
    // Cached in the new Redis by the first read: the second costs no vendor call.
    await waitFor('the answer to be cached', async () => {
      await gql(stack.url, DevicesDocument, iotaap);
      return stack.upstream('iotaap') === calls;
    });
    expect(await metric(stack, 'tributary_redis_fallbacks_total', { use: 'vendor-cache' })).toBe(fallbacks);
  });
});

it('answers reads while Redis hangs: every call gives up at its deadline and falls back', async () => {
  const redis = await startOwnRedis();
  const stack = await startStack({
    vendors: ['iotaap'],
    env: { REDIS_URL: redis.url, REDIS_PREFIX: 'hung', VENDOR_CACHE_TTL_MS: '60000', CALLER_POINTS_PER_MINUTE: '100000', REDIS_COMMAND_TIMEOUT_MS: '100' },
  });
  expect((await gql(stack.url, DevicesDocument, iotaap)).errors).toBeUndefined();
  redis.pause();
  try {
    // Without deadlines these would wait on Redis forever: the connection is open, nothing answers.
    const answer = await gql(stack.url, DevicesDocument, { ...iotaap, first: 2 });
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.devices.edges).toHaveLength(2);
    expect(await metric(stack, 'tributary_redis_fallbacks_total', { use: 'vendor-cache' })).toBeGreaterThan(0);
    expect(await metric(stack, 'tributary_redis_fallbacks_total', { use: 'caller-budget' })).toBeGreaterThan(0);
    await waitFor('readiness to report the hung Redis down', async () => (await readiness(stack)).body.dependencies.redis?.state === 'down');
    expect((await readiness(stack)).status).toBe(200);
  } finally {
    redis.resume();
  }
  await waitFor('readiness to report Redis up again', async () => (await readiness(stack)).body.dependencies.redis?.state === 'up');
});

it('fails the caller budget closed when told to: 503 with Retry-After, never 500', async () => {
  const redis = await startOwnRedis();
  const stack = await startStack({
    vendors: ['iotaap'],
    env: { REDIS_URL: redis.url, REDIS_PREFIX: 'closed', CALLER_POINTS_PER_MINUTE: '100000', CALLER_BUDGET_ON_REDIS_ERROR: 'closed' },
  });
  expect((await gql(stack.url, DevicesDocument, iotaap)).status).toBe(200);
  await redis.kill();
  const answer = await gql(stack.url, DevicesDocument, iotaap);
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe('5');
  expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
});
