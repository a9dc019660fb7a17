/**
 * Everything a test starts registers its stop here; `afterAll(disposeLeftovers)` drains the
 * list so no socket or server outlives its suite.
 */
const leftovers: Array<() => Promise<unknown> | unknown> = [];

export function leaveOver(stop: () => Promise<unknown> | unknown): void {
  leftovers.push(stop);
}

export async function disposeLeftovers(): Promise<void> {
  while (leftovers.length > 0) await leftovers.pop()?.();
}
