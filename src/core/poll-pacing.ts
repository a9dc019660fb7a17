import { VendorError } from './errors';

/**
 * How long a poller waits before its next poll: shorter while events flow (down to a quarter
 * of the base interval), longer while idle (up to four times), exponential backoff after
 * failures, and never sooner than a vendor's Retry-After.
 */
export class PollPacing {
  private delay: number;
  private failures = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxBackoffMs: number,
  ) {
    this.delay = baseMs;
  }

  /** After a successful poll that returned `events` items. */
  afterSuccess(events: number): number {
    this.failures = 0;
    const factor = events > 0 ? 0.5 : 1.5;
    this.delay = Math.min(this.baseMs * 4, Math.max(this.baseMs / 4, this.delay * factor));
    return Math.round(this.delay);
  }

  /** After a failed poll; `retryAfterMs` is the vendor's own wish, when it said one. */
  afterFailure(retryAfterMs?: number): number {
    this.failures += 1;
    this.delay = this.baseMs;
    const backoff = Math.min(this.maxBackoffMs, this.baseMs * 2 ** this.failures);
    return Math.max(backoff, retryAfterMs ?? 0);
  }
}

/** The Retry-After a failed poll carries: `http.ts` reads it into a VendorError on 429 and 503. */
export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof VendorError ? error.retryAfterMs : undefined;
}

/** Runs `run` after `delayMs` and returns its cancel; pollers take one so tests can step through their delays. */
export type PollTimer = (run: () => void, delayMs: number) => () => void;

export const realPollTimer: PollTimer = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  return () => clearTimeout(timer);
};
