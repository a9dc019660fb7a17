import { BrokenCircuitError, ConsecutiveBreaker, DelegateBackoff, circuitBreaker, handleWhen, retry, wrap, type IRetryBackoffContext } from 'cockatiel';
import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { BadUserInputError, TributaryError, VendorError, type ErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { RequestScope } from '../core/request-scope';
import { inSpan } from '../core/tracing';
import type { Vendor } from '../core/vendor';
import type { VendorReadCache } from './vendor-read-cache';
import { cacheScope, circuitName, codeForStatus, encodeParams, fromCache, parseJson, readCapped, readKey, retryAfterMs } from './http-support';
import type { VendorHealth } from './vendor-health';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** One upstream call, described without building a URL by hand. */
export interface VendorRequest {
  /** Stable name for metrics and logs, e.g. `groups.list`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path segments below the base URL; each is percent-encoded, `.`/`..` are refused. */
  path: readonly string[];
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: Record<string, QueryValue>;
  /** A document body (XML, …) sent as is. */
  body?: { text: string; contentType: string };
  /** A streamed body (an upload, multipart-body.ts): sent once, never retried, never cached. */
  stream?: { stream: Readable; contentType: string };
  headers?: Record<string, string>;
  /** Safe to retry; defaults to `read` (so true for GET only). */
  idempotent?: boolean;
  /**
   * Only reads, changes nothing upstream: may be answered from the shared cache, and stale when
   * the vendor fails. Defaults to true for GET only; reads sent as POST (TimeTonic `api.php`
   * reads, Igtimi `_method=GET`) set it. Anything else is a write and invalidates the cache.
   */
  read?: boolean;
}

/** A 2xx answer whose body is handed on unread (a file download). */
export interface VendorDownload {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the answer is JSON, else null. */
  json: unknown;
  text: string;
}

/**
 * What a vendor client calls: `VendorHttp` itself for background work (live pollers, gateway
 * logins), or `VendorHttp.within(scope)` for one operation, whose scope then counts the calls,
 * reports their sources and may be served stale. The scope is passed, not found through
 * AsyncLocalStorage: its promise hooks cost every request about a tenth of its CPU
 * (docs/performance.md, section 3).
 */
export interface VendorCalls {
  request(request: VendorRequest): Promise<VendorResponse>;
  download(request: VendorRequest): Promise<VendorDownload>;
  /** The same vendor outside any operation: for work that outlives the one that started it. */
  readonly background: VendorCalls;
}

/** Lets a vendor read its own error shapes; returns null to use the status-code mapping. */
export type ErrorClassifier = (response: VendorResponse) => { code: ErrorCode; message: string } | null;

export interface VendorHttpOptions {
  vendor: Vendor;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  metrics: Metrics;
  logger: Logger;
  health: VendorHealth;
  classifyError?: ErrorClassifier;
  /** Largest response body read; past it the answer is a VENDOR_ERROR. */
  maxBodyBytes?: number;
  /** Consecutive availability failures that open the circuit. */
  breakerThreshold?: number;
  /** The shared GET cache; none means every read goes upstream and nothing is served stale. */
  cache?: { store: VendorReadCache; ttlMs: number; staleIfErrorMs: number } | null;
  breakerHalfOpenAfterMs?: number;
}

/** Failures for which an older cached answer beats an error. */
const STALE_OK: ReadonlySet<ErrorCode> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT', 'VENDOR_RATE_LIMITED', 'VENDOR_ERROR']);
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT', 'VENDOR_RATE_LIMITED']);
const BREAKING: ReadonlySet<ErrorCode> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT']);

/**
 * The one way Tributary talks HTTP to a vendor: a keep-alive pool per vendor, a timeout per
 * attempt, jittered retries for idempotent calls only (honouring Retry-After), a circuit
 * breaker and a concurrency cap, every attempt counted, every failure a `VendorError`.
 * Redirects are never followed (undici's request does not), so no call leaves the vendor host.
 *
 * The cap and the timeout are undici's own: the pool opens at most `concurrency` connections
 * and queues the rest (as a bulkhead with an unbounded queue would), and `connectTimeout`,
 * `headersTimeout` and `bodyTimeout` bound each phase of an attempt, time in the queue not
 * counted. The body is read against a deadline as well, so a vendor that trickles bytes
 * cannot hold a call past its timeout. cockatiel's bulkhead and timeout policies did the same
 * with an AbortController, an abort listener and a timer per attempt: about a tenth of the
 * gateway's CPU per executed request (docs/performance.md, section 3).
 */
export class VendorHttp implements VendorCalls {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;
  private readonly breaker;
  /** With retries, built once, not per call. */
  private readonly retrying;

  constructor(private readonly options: VendorHttpOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: options.concurrency,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof VendorError && BREAKING.has(error.code)),
      {
        halfOpenAfter: options.breakerHalfOpenAfterMs ?? 5_000,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
      },
    );
    this.breaker.onStateChange((state) => options.health.recordCircuit(circuitName(state)));
    this.retrying = options.retries > 0 ? wrap(this.retryPolicy(), this.breaker) : this.breaker;
  }

  /**
   * Sends one request (with retries when idempotent) and returns the 2xx answer, or throws a
   * VendorError. Reads (`read`: GETs, and reads sent as POST) go through the shared cache when
   * one is configured, keyed by the read's identity (method, URL, body, credential): fresh
   * answers within `ttlMs` cost no call, and when the vendor fails an answer up to
   * `staleIfErrorMs` old is served instead (reported as STALE). Writes invalidate the caller's cache.
   */
  async request(request: VendorRequest, scope?: RequestScope): Promise<VendorResponse> {
    const cache = this.options.cache;
    if (!cache) return this.fetch(request, scope);
    const read = request.read ?? request.method === 'GET';
    // Nothing is ever kept (no TTL, no stale-if-error): a read has no cache to look in.
    if (read && cache.ttlMs <= 0 && cache.staleIfErrorMs <= 0) return this.fetch(request, scope);
    const credential = cacheScope(this.options.vendor, request.headers);
    if (!read) {
      const response = await this.fetch(request, scope);
      await cache.store.invalidate(credential).catch(() => undefined);
      return response;
    }
    const key = readKey(request.method, this.buildPath(request), request);
    const cached = await cache.store.get(credential, key).catch(() => null);
    const age = cached ? Date.now() - cached.storedAt : Infinity;
    if (cached && age < cache.ttlMs) {
      this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'HIT' });
      scope?.reportSource(this.options.vendor, { status: 'OK', latencyMs: 0, cache: 'HIT', calls: 0, attempts: 0, fetchedAt: cached.storedAt });
      return fromCache(cached);
    }
    this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'MISS' });
    try {
      const response = await this.fetch(request, scope);
      const keepMs = Math.max(cache.ttlMs, cache.staleIfErrorMs);
      if (keepMs > 0) {
        // Not awaited: the caller has its answer; a slow or failing Redis must not delay it.
        void cache.store.set(credential, key, { status: response.status, text: response.text, json: response.json, storedAt: Date.now() }, keepMs).catch(() => undefined);
      }
      return response;
    } catch (error) {
      // Only an operation someone waits on gets a stale answer; background pollers (no scope)
      // must see the failure to back off.
      if (!scope || !cached || age > cache.staleIfErrorMs || !(error instanceof VendorError) || !STALE_OK.has(error.code)) throw error;
      this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'STALE' });
      scope.reportSource(this.options.vendor, { status: error.code, latencyMs: 0, cache: 'STALE', staleAgeMs: age, calls: 0, attempts: 0, fetchedAt: cached.storedAt });
      return fromCache(cached);
    }
  }

  /** One call with its retries; the operation's sources get its final outcome and attempt count. */
  private async fetch(request: VendorRequest, scope: RequestScope | undefined): Promise<VendorResponse> {
    const read = request.read ?? request.method === 'GET';
    // A stream can be read once: a second attempt would send an empty body.
    const idempotent = request.stream ? false : (request.idempotent ?? read);
    const policy = idempotent ? this.retrying : this.breaker;
    const started = Date.now();
    let attempts = 0;
    const report = (status: string) =>
      scope?.reportSource(this.options.vendor, { status, latencyMs: Date.now() - started, cache: 'MISS', calls: 1, attempts, ...(status === 'OK' && read ? { fetchedAt: Date.now() } : {}) });
    try {
      const response = await inSpan(
        `vendor ${this.options.vendor} ${request.operation}`,
        { 'tributary.vendor': this.options.vendor, 'tributary.operation': request.operation, 'http.request.method': request.method },
        () =>
          policy.execute(() => {
            attempts += 1;
            return this.send(request, scope);
          }),
      );
      this.options.health.recordSuccess();
      report('OK');
      return response;
    } catch (error) {
      const vendorError = this.translate(error, request);
      this.options.health.recordFailure(vendorError.code);
      report(vendorError.code);
      throw vendorError;
    }
  }

  /**
   * A read whose answer body is passed on as a stream (a stored file): one attempt through the
   * breaker, never cached; a non-2xx answer (or a 2xx JSON answer the
   * vendor's classifier calls an error) becomes a VendorError like any other call.
   */
  async download(request: VendorRequest, scope?: RequestScope): Promise<VendorDownload> {
    const { vendor, metrics } = this.options;
    scope?.countUpstream(vendor);
    try {
      const path = this.buildPath(request);
      const answer = await this.breaker.execute(() =>
        this.pool.request({ path, method: request.method, ...this.payload(request) }).catch((error: unknown) => {
          throw this.translate(error, request);
        }),
      );
      metrics.vendorRequests.inc({ vendor, operation: request.operation, status: String(answer.statusCode) });
      const isJson = String(answer.headers['content-type'] ?? '').includes('json');
      if (answer.statusCode >= 200 && answer.statusCode < 300 && !isJson) {
        this.options.health.recordSuccess();
        return { status: answer.statusCode, headers: answer.headers, body: answer.body };
      }
      const response = await this.readAnswer(answer, request, 64 * 1024);
      throw this.failureOf(response, request) ?? new VendorError(vendor, 'VENDOR_ERROR', `${vendor}: ${request.operation} answered JSON instead of a file`, answer.statusCode);
    } catch (error) {
      const vendorError = this.translate(error, request);
      this.options.health.recordFailure(vendorError.code);
      throw vendorError;
    }
  }

  get background(): VendorCalls {
    return this;
  }

  /** This vendor's calls on behalf of one operation (see `VendorCalls`). */
  within(scope: RequestScope): VendorCalls {
    return {
      request: (request) => this.request(request, scope),
      download: (request) => this.download(request, scope),
      background: this,
    };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  // Private:

  private retryPolicy() {
    return retry(
      handleWhen((error) => error instanceof VendorError && RETRYABLE.has(error.code)),
      {
        maxAttempts: this.options.retries,
        backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
          const failure = 'error' in context.result ? context.result.error : undefined;
          const retryAfter = failure instanceof VendorError ? failure.retryAfterMs : undefined;
          // Full jitter around an exponential base; Retry-After wins when the vendor sets one.
          return retryAfter ?? Math.round(Math.random() * Math.min(2_000, 50 * 2 ** context.attempt));
        }),
      },
    );
  }

  private async send(request: VendorRequest, scope: RequestScope | undefined): Promise<VendorResponse> {
    const { vendor, metrics } = this.options;
    const path = this.buildPath(request);
    const { headers, body } = this.payload(request);
    scope?.countUpstream(vendor);
    if (scope?.requestId) headers['x-request-id'] = scope.requestId;
    const stopTimer = metrics.vendorRequestDuration.startTimer({ vendor, operation: request.operation });
    const startedPrecise = performance.now();
    let status = 'ERROR';
    try {
      const answer = await this.pool.request({ path, method: request.method, headers, body });
      const deadline = performance.now() + this.options.timeoutMs;
      const response = await this.readAnswer(answer, request, this.options.maxBodyBytes ?? 10 * 1024 * 1024, deadline);
      status = String(answer.statusCode);
      const failure = this.failureOf(response, request);
      if (failure) throw failure;
      return response;
    } catch (error) {
      // A VendorError here, not after the policies: the breaker and the retries handle only
      // VendorErrors, so a refused connection or a timeout must be one by the time they see it.
      const failure = this.translate(error, request);
      // An answer that arrived keeps its HTTP status as the label, whatever it is classified as.
      if (failure.code === 'VENDOR_TIMEOUT' && status === 'ERROR') status = 'TIMEOUT';
      throw failure;
    } finally {
      stopTimer();
      metrics.vendorRequests.inc({ vendor, operation: request.operation, status });
      scope?.recordCall(startedPrecise, performance.now());
    }
  }

  /** The answer read whole (up to `maxBytes`, before `deadline` when given), its bytes counted as they arrive. */
  private async readAnswer(answer: Dispatcher.ResponseData, request: VendorRequest, maxBytes: number, deadline?: number): Promise<VendorResponse> {
    const { vendor, metrics } = this.options;
    const late = deadline === undefined ? undefined : { at: deadline, error: () => this.timedOut(request) };
    const text = await readCapped(answer.body, maxBytes, vendor, (bytes) => metrics.vendorResponseBytes.inc({ vendor, operation: request.operation }, bytes), late);
    return { status: answer.statusCode, headers: answer.headers, json: parseJson(text, answer.headers['content-type']), text };
  }

  /** The error an answer stands for (a non-2xx status, or a 2xx the vendor's classifier refuses); null when it succeeded. */
  private failureOf(response: VendorResponse, request: VendorRequest): VendorError | null {
    const { vendor } = this.options;
    if (response.status < 200 || response.status >= 300) return this.errorFor(response, request);
    const classified = this.options.classifyError?.(response);
    return classified ? new VendorError(vendor, classified.code, `${vendor}: ${classified.message}`, response.status) : null;
  }

  /** The request's headers and body, in the one encoding it asked for. */
  private payload(request: VendorRequest): { headers: Record<string, string>; body: string | Readable | undefined } {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | Readable | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    } else if (request.form !== undefined) {
      body = encodeParams(request.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (request.body !== undefined) {
      body = request.body.text;
      headers['content-type'] = request.body.contentType;
    } else if (request.stream !== undefined) {
      body = request.stream.stream;
      headers['content-type'] = request.stream.contentType;
    }
    return { headers, body };
  }

  private buildPath(request: VendorRequest): string {
    for (const segment of request.path) {
      if (segment === '' || segment === '.' || segment === '..') {
        throw new BadUserInputError(`"${segment}" is not a valid ${this.options.vendor} id`);
      }
    }
    const path = `${this.basePath}/${request.path.map(encodeURIComponent).join('/')}`;
    const query = request.query ? encodeParams(request.query).toString() : '';
    return query ? `${path}?${query}` : path;
  }

  private timedOut(request: VendorRequest): VendorError {
    const { vendor, timeoutMs } = this.options;
    return new VendorError(vendor, 'VENDOR_TIMEOUT', `${vendor} did not answer ${request.operation} within ${timeoutMs} ms`);
  }

  private errorFor(response: VendorResponse, request: VendorRequest): VendorError {
    const { vendor } = this.options;
    const classified = this.options.classifyError?.(response);
    const code = classified?.code ?? codeForStatus(response.status);
    const detail = classified?.message ?? `${request.operation} answered HTTP ${response.status}`;
    const retryAfter = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers['retry-after']) : undefined;
    return new VendorError(vendor, code, `${vendor}: ${detail}`, response.status, retryAfter);
  }

  private translate(error: unknown, request: VendorRequest): VendorError {
    const { vendor } = this.options;
    if (error instanceof VendorError) return error;
    // The caller's own fault (a bad id, an upload over its limit): no vendor failure to count.
    if (error instanceof TributaryError) throw error;
    if (error instanceof BrokenCircuitError) {
      return new VendorError(vendor, 'VENDOR_UNAVAILABLE', `${vendor} is unavailable (circuit open after repeated failures)`);
    }
    const code = (error as { code?: string }).code ?? '';
    this.options.logger.debug({ vendor, operation: request.operation, errorCode: code }, 'vendor request failed');
    if (isTimeout(error)) return this.timedOut(request);
    return new VendorError(vendor, 'VENDOR_UNAVAILABLE', `${vendor} could not be reached (${code || 'connection failed'})`);
  }
}

/** undici's connect, headers and body timeouts (UND_ERR_CONNECT_TIMEOUT, …). */
function isTimeout(error: unknown): boolean {
  return ((error as { code?: unknown } | null)?.code ?? '').toString().includes('TIMEOUT');
}

export { codeForStatus, encodeParams } from './http-support';
