/**
 * How a simulator's live data advances: `'timed'` rounds on a real interval (the demo), or
 * `'stepped'` rounds only when a test calls `stepLive()`, so a live test asserts on exact
 * rounds instead of waiting for a clock.
 */
export type LivePace = 'timed' | 'stepped';

/** One simulator's live generator: its rounds, run by a timer or by the test. */
export interface LiveGenerator {
  /** Runs `rounds` rounds now, whatever the pace. */
  step(rounds?: number): void;
  stop(): void;
}

export interface LiveGeneratorOptions {
  pace: LivePace;
  /** Time between timed rounds. */
  intervalMs: number;
  /** With a clock, timed rounds fall on whole multiples of `intervalMs` of it (Igtimi's 1 Hz samples). */
  alignTo?: () => number;
}

/** Starts `round` at the given pace; `stop()` ends the timed rounds. */
export function startLiveGenerator(round: () => void, options: LiveGeneratorOptions): LiveGenerator {
  const { pace, intervalMs, alignTo } = options;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const aligned = (clock: () => number) => {
    timer = setTimeout(() => {
      round();
      if (!stopped) aligned(clock);
    }, intervalMs - (clock() % intervalMs));
  };
  if (pace === 'timed' && alignTo) aligned(alignTo);
  else if (pace === 'timed') timer = setInterval(round, intervalMs);
  return {
    step(rounds = 1) {
      for (let i = 0; i < rounds; i += 1) round();
    },
    stop() {
      stopped = true;
      // clearTimeout clears an interval too.
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Steps every generator of a simulator together (the `stepLive` simulators expose). */
export function stepAll(generators: readonly LiveGenerator[], rounds = 1): void {
  for (const generator of generators) generator.step(rounds);
}
