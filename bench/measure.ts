import type { RunningSimulators } from '../src/simulators';

/**
 * What the in-process benchmarks (suite, growth) share: one timed GraphQL request, and the
 * simulators' own request counters read as upstream calls per vendor.
 */
export type Controls = RunningSimulators['controls'];

export interface Answer<T> {
  data: T;
  /** Wall time at the client, ms. */
  wall: number;
  /** Time the gateway spent waiting on vendors (the union of its upstream calls), ms, as it reports. */
  upstream: number;
}

/**
 * POSTs one operation. `x-tributary-timing` asks the gateway for its upstream time and also
 * bypasses the response cache, so every request executes and costs its real upstream calls.
 * An answer with errors throws: a benchmark of a failing query measures nothing.
 */
export async function post<T = unknown>(url: string, name: string, query: string, variables?: Record<string, unknown>): Promise<Answer<T>> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tributary-timing': '1' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[]; extensions?: { timing?: { upstreamMs: number } } };
  const wall = performance.now() - started;
  if (body.errors) throw new Error(`${name} answered errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return { data: body.data as T, wall, upstream: body.extensions?.timing?.upstreamMs ?? 0 };
}

export function resetCounts(controls: Controls): void {
  Object.values(controls).forEach((control) => control?.resetCounts());
}

/** Upstream calls per vendor since the last reset, vendors with none left out. */
export function upstreamCalls(controls: Controls): Record<string, number> {
  return Object.fromEntries(
    Object.entries(controls).flatMap(([vendor, control]) => {
      const calls = control ? withoutAuth(control.counts()) : 0;
      return calls > 0 ? [[vendor, calls]] : [];
    }),
  );
}

export function sum(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** Calls and response bytes per vendor and simulator route since the last reset, credential flows left out. */
export function upstreamRoutes(controls: Controls): Record<string, Record<string, { calls: number; bytes: number }>> {
  return Object.fromEntries(
    Object.entries(controls).flatMap(([vendor, control]) => {
      if (!control) return [];
      const bytes = control.bytes();
      const routes = Object.entries(control.counts())
        .filter(([route]) => !AUTH_ROUTE.test(route))
        .map(([route, calls]) => [route, { calls, bytes: bytes[route] ?? 0 }] as const);
      return routes.length > 0 ? [[vendor, Object.fromEntries(routes)]] : [];
    }),
  );
}

/** Response bytes of every vendor since the last reset, credential flows left out. */
export function upstreamBytes(controls: Controls): number {
  return Object.values(upstreamRoutes(controls)).reduce((total, byRoute) => total + Object.values(byRoute).reduce((n, r) => n + r.bytes, 0), 0);
}

const AUTH_ROUTE = /auth|token|login|appkey|oauthkey|sesskey/i;

/** Credential flows run once per process (and on refresh), not per query: they are not the query's cost. */
function withoutAuth(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([route]) => !AUTH_ROUTE.test(route))
    .reduce((total, [, n]) => total + n, 0);
}
