import type { Logger } from '../core/logger';
import type { AccountsDb } from './accounts.database';
import { OAUTH_STATE_TTL_MS, OAuthStateStore } from './oauth-state.store';

/** Runs `task` every `ms` until the returned function is called (tests inject their own). */
export type Every = (task: () => void, ms: number) => () => void;

export const everyInterval: Every = (task, ms) => {
  const timer = setInterval(task, ms);
  // A pending sweep never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Sweeps expired OAuth2 states at start and then once per state lifetime, so sign-ins nobody
 * finished do not pile up while no new one is started (issuing sweeps too). Only while the store
 * is open: a store not opened yet (in-memory PGlite) holds no states.
 */
export class OAuthStatePurger {
  private running: Promise<number> | null = null;
  private stopTimer: (() => void) | null = null;

  constructor(
    private readonly db: () => AccountsDb | null,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly every: Every = everyInterval,
    private readonly everyMs = OAUTH_STATE_TTL_MS,
  ) {}

  /** Schedules the sweeps and runs the first (a single DELETE), done when it is. */
  async start(): Promise<void> {
    this.stopTimer = this.every(() => void this.sweep(), this.everyMs);
    await this.sweep();
  }

  /** One sweep (or the one in flight): how many states were purged; failures are logged, not thrown. */
  sweep(): Promise<number> {
    const db = this.db();
    if (!db) return Promise.resolve(0);
    this.running ??= new OAuthStateStore(db, this.now)
      .purgeExpired()
      .then((purged) => {
        if (purged) this.logger.debug({ purged }, 'expired OAuth states purged');
        return purged;
      })
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'purging expired OAuth states failed; the next sweep tries again');
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Settles when no sweep is in flight; starts none. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** No more sweeps; waits for the one in flight (before the database closes). */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.idle();
  }
}
