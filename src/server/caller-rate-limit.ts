import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../core/logger';

/** What the budget does when Redis fails (see `CALLER_BUDGET_ON_REDIS_ERROR`). */
export interface BudgetFallback {
  mode: 'open' | 'closed';
  logger: Logger;
  /** Counts one operation decided without Redis. */
  onFallback?: () => void;
}

/** How long a caller refused while Redis is down (closed mode) is asked to wait. */
const REDIS_DOWN_RETRY_AFTER_S = 5;
const FALLBACK_LOG_EVERY_MS = 60_000;

/**
 * Cost-weighted points per caller per minute: in memory, or shared through Redis so every
 * instance counts against the same budget. Over budget: a 429 with Retry-After. Redis failing
 * is never a 500: fail open (the default) counts the caller against this instance's own
 * in-memory budget and logs that once a minute; fail closed answers 503 with Retry-After.
 */
export class CallerRateLimiter {
  private readonly limiter: RateLimiterAbstract | null;
  /** Open mode's stand-in while Redis is down: one instance's share is better than no limit. */
  private readonly local: RateLimiterMemory | null;
  private lastFallbackLog = 0;

  constructor(
    pointsPerMinute: number,
    redis: Redis | null,
    prefix = 'tributary',
    private readonly fallback: BudgetFallback | null = null,
  ) {
    const options = { points: pointsPerMinute, duration: 60, keyPrefix: `${prefix}:caller` };
    this.limiter =
      pointsPerMinute <= 0 ? null : redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
    this.local = this.limiter && redis ? new RateLimiterMemory(options) : null;
  }

  get enabled(): boolean {
    return this.limiter !== null;
  }

  async consume(callerKey: string, points: number): Promise<void> {
    if (!this.limiter) return;
    const cost = Math.max(1, Math.ceil(points));
    try {
      await this.limiter.consume(callerKey, cost);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.overBudget(rejection);
      await this.withoutRedis(callerKey, cost, rejection);
    }
  }

  // Private:

  private async withoutRedis(callerKey: string, cost: number, failure: unknown): Promise<void> {
    this.fallback?.onFallback?.();
    const mode = this.fallback?.mode ?? 'open';
    if (Date.now() - this.lastFallbackLog >= FALLBACK_LOG_EVERY_MS) {
      this.lastFallbackLog = Date.now();
      this.fallback?.logger.warn({ err: failure, mode }, `caller budget: Redis failed, failing ${mode} (logged once a minute)`);
    }
    if (mode === 'closed') {
      throw new GraphQLError(`The caller budget cannot be checked right now; retry in ${REDIS_DOWN_RETRY_AFTER_S} s`, {
        extensions: {
          code: 'SERVICE_UNAVAILABLE',
          retryAfterSeconds: REDIS_DOWN_RETRY_AFTER_S,
          http: { status: 503, headers: new Map([['retry-after', String(REDIS_DOWN_RETRY_AFTER_S)]]) },
        },
      });
    }
    try {
      await this.local?.consume(callerKey, cost);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.overBudget(rejection);
    }
  }

  private overBudget(rejection: RateLimiterRes): GraphQLError {
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return new GraphQLError(`Rate limit reached: this caller may spend ${this.limiter!.points} cost points a minute; retry in ${retryAfter} s`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
    });
  }
}

/** The key a caller is counted under: its identity, else its address. */
export function callerKey(caller: { id: string | null; address?: string | null }): string {
  return caller.id ?? `anonymous:${caller.address ?? 'unknown'}`;
}
