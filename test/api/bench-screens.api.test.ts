import { checkFacts, checkSame } from '../../bench/answer-check';
import { REST_GLUE_SCREEN, startRestGlue } from '../../bench/baselines/rest-glue';
import { post, upstreamRoutes } from '../../bench/measure';
import { SUITE, type BenchQuery } from '../../bench/suite';
import { loadConfig, withSimulators } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { startServer } from '../../src/server/start-server';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Each benchmark screen once against the simulators, as the benchmarks run them (seeds, live
 * generators off, Igtimi's shared list off): its answer shows the facts the screen declares,
 * equals the naive resolvers' answer, costs exactly the calls of its cheapest plan, and the
 * bytes the gateway counts are the bytes the simulators sent. Counts only: no timings.
 */
let stack: Stack;
let naiveUrl: string;
beforeAll(async () => {
  stack = await startStack();
  // The naive resolvers (no batching, no caching) over the same simulators: the reference answer.
  const config = withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', NAIVE_LOADERS: 'true' }), stack.simulators);
  const naive = await startServer(config, { logger: createLogger('silent') });
  leaveOver(() => naive.stop());
  naiveUrl = naive.url;
});
afterAll(disposeLeftovers);

/** Upstream calls per vendor and route since the last reset, credential flows left out. */
function callsByRoute(): Record<string, Record<string, number>> {
  const routes = upstreamRoutes(stack.simulators.controls);
  return Object.fromEntries(Object.entries(routes).map(([vendor, byRoute]) => [vendor, Object.fromEntries(Object.entries(byRoute).map(([route, r]) => [route, r.calls]))]));
}

/** Response bytes every simulator sent since the last reset, every route. */
function bytesSent(): number {
  return Object.values(stack.simulators.controls).reduce((total, control) => total + Object.values(control?.bytes() ?? {}).reduce((a, b) => a + b, 0), 0);
}

async function bytesCounted(): Promise<number> {
  return (await stack.metrics.vendorResponseBytes.get()).values.reduce((total, value) => total + value.value, 0);
}

async function answerOf(screen: BenchQuery, url = stack.url): Promise<unknown> {
  return (await post(url, screen.name, screen.query)).data;
}

describe('benchmark screens against the simulators', () => {
  it.each(SUITE.map((screen) => [screen.name, screen] as const))('%s: the declared answer, the naive answer, the plan’s calls, every byte counted', async (_name, screen) => {
    await answerOf(screen); // credential flows run once per process, not per screen
    stack.resetCounts();
    stack.metrics.vendorResponseBytes.reset();

    const answer = await answerOf(screen);
    expect(() => checkFacts(screen.name, screen.expected, screen.facts(answer))).not.toThrow();
    expect(callsByRoute()).toEqual(screen.plan?.calls ?? screen.minimumPlan);
    expect(bytesSent()).toBeGreaterThan(0);
    expect(await bytesCounted()).toBe(bytesSent());

    checkSame(screen.name, 'the naive run', await answerOf(screen, naiveUrl), answer);
  });

  it.each(SUITE.map((screen) => [screen.name, screen] as const))('%s: the check refuses the real answer cut short', async (_name, screen) => {
    const answer = await answerOf(screen);
    expect(() => checkFacts(screen.name, screen.expected, screen.facts(pageCutShort(answer)))).toThrow(/not what the screen shows/);
    expect(() => checkFacts(screen.name, screen.expected, screen.facts(innermostListCutShort(answer)))).toThrow(/not what the screen shows/);
  });

  it('the hand-written REST glue baseline answers its screen as Tributary does, with the same calls', async () => {
    const screen = SUITE.find((s) => s.name === REST_GLUE_SCREEN)!;
    const glue = await startRestGlue(stack.simulators);
    leaveOver(() => glue.stop());
    stack.resetCounts();

    const answer = (await post(glue.url, screen.name, screen.query)).data;
    expect(callsByRoute()).toEqual(screen.minimumPlan);
    checkSame(screen.name, "Tributary's answer", await answerOf(screen), answer);
  });
});

/** A copy of `answer` whose top-level connections each lost their last edge: a page cut short. */
function pageCutShort(answer: unknown): unknown {
  const copy = structuredClone(answer) as Record<string, { edges: unknown[] }>;
  for (const connection of Object.values(copy)) connection.edges.pop();
  return copy;
}

/**
 * A copy of `answer` whose most deeply nested non-empty list lost its last item (the last such
 * list in document order): a boat without its last value, a channel without its message.
 */
function innermostListCutShort(answer: unknown): unknown {
  const copy = structuredClone(answer);
  let deepest: { list: unknown[]; depth: number } | null = null;
  const visit = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) {
      if (value.length > 0 && (!deepest || depth >= deepest.depth)) deepest = { list: value, depth };
      value.forEach((item) => visit(item, depth + 1));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach((item) => visit(item, depth + 1));
    }
  };
  visit(copy, 0);
  (deepest as { list: unknown[] } | null)?.list.pop();
  return copy;
}
