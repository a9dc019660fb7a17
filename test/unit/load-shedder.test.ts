import { setTimeout as tick } from 'node:timers/promises';
import { EventLoopDelay } from '../../src/server/event-loop-delay';
import { LoadShedder } from '../../src/server/load-shedder';
import { waitFor } from '../helpers/wait-for';

/** A stuck event loop: nothing else runs meanwhile. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

describe('LoadShedder', () => {
  it('sheds past the in-flight cap and admits again when work ends', () => {
    const shedder = new LoadShedder({ maxInFlight: 2, maxLoopDelayMs: 0 });
    const first = shedder.admit();
    const second = shedder.admit();
    expect(first && second).toBeTruthy();
    expect(shedder.admit()).toBeNull();
    expect(shedder.lastReason).toBe('concurrency');
    first!();
    expect(shedder.admit()).not.toBeNull();
    shedder.stop();
  });

  it('sheds on the delay signal above SHED_EVENT_LOOP_DELAY_MS only, and never when it is 0', () => {
    let delayMs = 0;
    const loopDelay = { recentMs: () => delayMs, stop: () => undefined };
    const shedder = new LoadShedder({ maxInFlight: 1000, maxLoopDelayMs: 50, loopDelay });
    const off = new LoadShedder({ maxInFlight: 1000, maxLoopDelayMs: 0, loopDelay });
    expect(shedder.admit()).not.toBeNull();
    expect(off.admit()).not.toBeNull();
    delayMs = 51;
    expect(shedder.admit()).toBeNull();
    expect(shedder.lastReason).toBe('event_loop');
    expect(off.admit()).not.toBeNull();
    delayMs = 50;
    expect(shedder.admit()).not.toBeNull();
  });

  it('never sheds on delay while nothing is in flight: an idle gateway is late for reasons of its own (start-up, a GC)', () => {
    const shedder = new LoadShedder({ maxInFlight: 1000, maxLoopDelayMs: 50, loopDelay: { recentMs: () => 500, stop: () => undefined } });
    const only = shedder.admit();
    expect(only).not.toBeNull();
    expect(shedder.admit()).toBeNull();
    expect(shedder.lastReason).toBe('event_loop');
    only!();
    expect(shedder.admit()).not.toBeNull();
  });
});

describe('EventLoopDelay', () => {
  it('with its own timer: is late while the loop stays busy turn after turn, and punctual again once it is not', async () => {
    const delay = new EventLoopDelay({ tickMs: 10, windowMs: 200 });
    // Long turns with short breaks between them, as when every turn handles many sockets.
    for (let i = 0; i < 4; i += 1) {
      block(120);
      await tick(1);
    }
    expect(delay.recentMs()).toBeGreaterThan(50);
    await waitFor('the loop delay to fall back', async () => delay.recentMs() < 50);
    delay.stop();
  });

  /** A timer driven by hand: `at` the moments its ticks fire. */
  const driven = (ticksAt: number[]) => {
    let now = 0;
    const delay = new EventLoopDelay({ tickMs: 10, windowMs: 200, clock: () => now });
    const tickAt = (moments: number[]) => moments.forEach((ms) => ((now = ms), delay.tick()));
    tickAt(ticksAt);
    return { tickAt, at: (ms: number) => ((now = ms), delay.recentMs()) };
  };
  const every10 = (from: number, to: number) => Array.from({ length: (to - from) / 10 + 1 }, (_, i) => from + i * 10);

  it('is not moved by one long turn among punctual ones (a GC pause)', () => {
    // Punctual to 150 ms, then one turn 60 ms late, then punctual again.
    const { at } = driven([...every10(10, 150), 220, 230]);
    expect(at(232)).toBe(0);
  });

  it('is late when most of the window was late, and says how late', () => {
    // Turns of 80 ms, 70 ms later than asked, back to back.
    const { at } = driven([10, 90, 170, 250, 330]);
    expect(at(331)).toBe(70);
  });

  it('counts the tick that is overdue right now', () => {
    const { at } = driven(every10(10, 200));
    expect(at(205)).toBe(0);
    // Still no tick at 500 ms: this turn has run 290 ms late so far, more than half of the window.
    expect(at(500)).toBe(290);
  });

  it('forgets a long stall once it has left the window', () => {
    const { at, tickAt } = driven([10, 400]);
    expect(at(405)).toBe(380);
    tickAt(every10(410, 700));
    expect(at(701)).toBe(0);
  });

});
