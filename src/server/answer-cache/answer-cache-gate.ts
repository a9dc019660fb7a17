import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../../context/context';
import type { Logger } from '../../core/logger';
import type { Metrics } from '../../core/metrics';
import { VENDORS, vendorKey } from '../../core/vendor';
import { callerKey, type CallerRateLimiter } from '../caller-rate-limit';
import { AnswerCache } from './answer-cache';

/** The headers that carry a caller's own vendor credential (see vendorTokensFrom). */
const VENDOR_TOKEN_HEADERS = VENDORS.map((vendor) => `x-${vendorKey(vendor)}-token`);

/**
 * The answer cache at the HTTP edge: a repeated query is answered with the bytes stored the
 * first time, before Apollo parses anything — still charged to the caller's budget, still
 * logged and counted like any operation.
 */
export class AnswerCacheGate {
  constructor(
    readonly cache: AnswerCache,
    private readonly rateLimiter: CallerRateLimiter,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The cache key of a request that may be answered from the cache, or null. Clients opt out
   * with `Cache-Control: no-cache`; benchmark timing requests always run.
   */
  keyFor(req: IncomingMessage, caller: Caller, search: string, body: string): string | null {
    if ((req.method !== 'POST' && req.method !== 'GET') || req.headers['x-tributary-timing']) return null;
    const tokens = VENDOR_TOKEN_HEADERS.filter((name) => req.headers[name] !== undefined);
    // Vendor credentials only as a digest: the key lives in memory as long as the answer.
    const credentials = tokens.length ? createHash('sha256').update(tokens.map((name) => `${name}=${String(req.headers[name])}`).join('\n')).digest('base64') : '';
    return AnswerCache.key([callerKey(caller), credentials, req.headers.accept, req.method, search, body]);
  }

  /** Answers from the cache when it can; false sends the request on to Apollo. */
  async serve(req: IncomingMessage, res: ServerResponse, key: string, caller: Caller, requestId: string): Promise<boolean> {
    if (/no-cache|no-store/.test(req.headers['cache-control'] ?? '')) return false;
    const started = performance.now();
    const entry = this.cache.get(key);
    if (!entry) return false;
    if (this.rateLimiter.enabled) {
      try {
        await this.rateLimiter.consume(callerKey(caller), entry.cost);
      } catch {
        return false; // over budget: Apollo's path refuses it with the usual RATE_LIMITED answer
      }
    }
    const age = Math.floor((Date.now() - entry.storedAt) / 1000);
    res.writeHead(200, {
      'content-type': entry.contentType,
      'content-length': entry.bytes,
      'cache-control': `private, max-age=${Math.max(0, entry.maxAgeSeconds - age)}`,
      age: String(age),
      'x-tributary-cache': 'HIT',
    });
    res.end(entry.body);
    this.metrics.responseCache.inc({ result: 'hit' });
    this.metrics.graphqlRequests.inc({ operation_type: 'query', status: 'ok' });
    if (!this.logger.isLevelEnabled('info')) return true;
    const durationMs = performance.now() - started;
    this.logger.info(
      { operationName: entry.operationName, operationType: 'query', durationMs: Math.round(durationMs * 100) / 100, upstream: {}, upstreamTotal: 0, upstreamMs: 0, errorCodes: [], caller: caller.id, requestId, cache: 'HIT' },
      'graphql operation',
    );
    return true;
  }

  /** After Apollo answered: keeps the answer when the cache-policy plugin allowed it. */
  store(scope: object, key: string, res: ServerResponse, body: string): void {
    const contentType = String(res.getHeader('content-type') ?? 'application/json; charset=utf-8');
    const stored = res.statusCode === 200 && this.cache.store(scope, key, body, contentType);
    res.setHeader('x-tributary-cache', stored ? 'MISS' : 'BYPASS');
    this.metrics.responseCache.inc({ result: stored ? 'stored' : 'miss' });
  }
}
