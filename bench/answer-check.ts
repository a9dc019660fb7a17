import { isDeepStrictEqual } from 'node:util';

/**
 * Answer checks shared by every benchmark: a number about an empty, partial or different
 * answer is worse than no number, so a run whose answer fails a check stops with the reason.
 */
export type Facts = Record<string, number>;

/** The nodes of a connection at `field` of `parent` (`{ edges: [{ node }] }`), [] when absent. */
export function edges(parent: unknown, field: string): Array<Record<string, unknown>> {
  const connection = (parent as Record<string, { edges?: Array<{ node: Record<string, unknown> }> } | null> | null)?.[field];
  return connection?.edges?.map((edge) => edge.node) ?? [];
}

/** Length of a list field, 0 when null or absent. */
export function count(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

/** Throws unless the answer's facts are exactly the expected ones. */
export function checkFacts(name: string, expected: Facts, actual: Facts): void {
  if (isDeepStrictEqual(expected, actual)) return;
  throw new Error(`${name}: the answer is not what the screen shows; expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Throws unless `answer` equals `reference` (e.g. the naive run's answer to the same query). */
export function checkSame(name: string, what: string, reference: unknown, answer: unknown): void {
  if (isDeepStrictEqual(reference, answer)) return;
  const [a, b] = [JSON.stringify(reference), JSON.stringify(answer)];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  throw new Error(`${name}: the answer differs from ${what} at character ${at}: …${a.slice(at, at + 120)}… vs …${b.slice(at, at + 120)}…`);
}
