import { postRaw } from './gql';
import { waitFor } from './wait-for';

/**
 * Waits until the gateway takes requests. A test that composes a supergraph or starts a gateway
 * in-process blocks the event loop Tributary shares with it; on a busy machine the load shedder
 * then answers 503 until the lag it measured settles, as it should for a real overload. A block
 * longer than the keep-alive timeout can also leave the client a pooled socket the server is
 * closing (ECONNRESET): that request is simply asked again.
 */
export function untilServing(url: string): Promise<void> {
  return waitFor('Tributary to take requests (not shedding load)', async () => (await postRaw(url, JSON.stringify({ query: '{ __typename }' })).catch(() => null))?.status === 200, 20_000);
}
