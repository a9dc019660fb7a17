import { waitFor } from './wait-for';
import type { ManualClock } from './manual-clock';

/** A turn for sockets and timers already due: what a round of a push transport (MQTT, WebSocket) needs. */
export const ioTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * Steps a simulator's live generator (`stepLive`) until `next` settles: one round, then
 * `between` (how this transport gets a round to the gateway: a poller's next polls, or an I/O
 * turn for pushed data), again while nothing arrived. The test waits for events, never for a
 * generator's clock; a round that brings nothing the test wants just costs one more round.
 */
export async function stepUntil<T>(
  next: Promise<T>,
  step: () => void,
  between: (arrived: () => boolean) => Promise<void> = ioTurn,
  maxRounds = 200,
): Promise<T> {
  let settled = false;
  const result = next.finally(() => {
    settled = true;
  });
  result.catch(() => undefined);
  for (let round = 0; round < maxRounds && !settled; round += 1) {
    step();
    await between(() => settled);
  }
  return result;
}

/** `between` for a polled vendor: waits until the gateway has polled twice more (the round is then read). */
export function polledTwice(polls: () => number): (arrived: () => boolean) => Promise<void> {
  return async (arrived) => {
    const before = polls();
    await waitFor('the gateway to poll the live round', () => arrived() || polls() >= before + 2);
  };
}

/**
 * `between` for a polled vendor whose gateway polls on the test's clock (`startStack({ clock })`):
 * steps the clock (a step runs at most one poll of each poller, whatever its pace or backoff)
 * until the gateway has polled twice more, so the round is read without a real poll interval.
 */
export function clockPolledTwice(clock: ManualClock, polls: () => number, stepMs = 60_000): (arrived: () => boolean) => Promise<void> {
  return async (arrived) => {
    const before = polls();
    for (let turn = 0; turn < 500 && !arrived() && polls() < before + 2; turn += 1) {
      clock.advance(stepMs);
      await ioTurn();
    }
  };
}
