import type { Stack } from './stack';

/**
 * TimeTonic sends every request to one route (`POST /api.php`), so the simulator's per-route
 * counts say how many calls, and the gateway's own counter (labelled with the `req`) says which.
 */
export async function timetonicCalls(stack: Stack): Promise<{ route: Record<string, number>; reqs: Record<string, number> }> {
  const metric = await stack.server.services.metrics.vendorRequests.get();
  const reqs: Record<string, number> = {};
  for (const { labels, value } of metric.values) {
    if (labels.vendor === 'TIMETONIC' && value > 0) reqs[String(labels.operation)] = (reqs[String(labels.operation)] ?? 0) + value;
  }
  return { route: stack.simulators.controls.timetonic!.counts(), reqs };
}

/** Forgets both counts. */
export function resetTimetonicCalls(stack: Stack): void {
  stack.resetCounts();
  stack.server.services.metrics.vendorRequests.reset();
}

/** A global id of a TimeTonic book. */
export function bookId(owner: string, code: string): string {
  return Buffer.from(`TIMETONIC:TimetonicBook:${owner}:${code}`).toString('base64url');
}
