import type { Stack } from './stack';
import { waitFor } from './wait-for';

/** One read kept in flight by a slow vendor (seconds: far longer than the checks made meanwhile). */
export function holdOneRead(stack: Stack): { reachedVendor: Promise<void>; answer: Promise<unknown> } {
  stack.simulators.controls.iotaap!.setFaults({ latencyMs: 3_000 });
  const before = stack.upstream('iotaap');
  const answer = fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ devices(first: 1) { totalCount } }' }) }).then((res) => res.json());
  const reachedVendor = waitFor('the held read to reach the vendor', () => stack.upstream('iotaap') > before).then(() => stack.simulators.controls.iotaap!.setFaults({ latencyMs: 0 }));
  return { reachedVendor, answer };
}
