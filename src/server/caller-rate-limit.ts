import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Cost-weighted points per caller per minute: in memory, or shared through Redis so every
 * instance counts against the same budget. Over budget: a 429 with Retry-After.
 */
export class CallerRateLimiter {
  private readonly limiter: RateLimiterAbstract | null;

  constructor(pointsPerMinute: number, redis: Redis | null, prefix = 'tributary') {
    const options = { points: pointsPerMinute, duration: 60, keyPrefix: `${prefix}:caller` };
    this.limiter =
      pointsPerMinute <= 0 ? null : redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
  }

  get enabled(): boolean {
    return this.limiter !== null;
  }

  async consume(callerKey: string, points: number): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(callerKey, Math.max(1, Math.ceil(points)));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new GraphQLError(`Rate limit reached: this caller may spend ${this.limiter.points} cost points a minute; retry in ${retryAfter} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
      });
    }
  }
}

/** The key a caller is counted under: its identity, else its address. */
export function callerKey(caller: { id: string | null; address?: string | null }): string {
  return caller.id ?? `anonymous:${caller.address ?? 'unknown'}`;
}
