import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { BadUserInputError, TributaryError, VendorError, type ErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import { currentScope } from '../core/request-scope';
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
 */
export class VendorHttp {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;
  private readonly breaker;
  private readonly cap;
  /** One attempt (breaker, cap, timeout), and the same with retries: built once, not per call. */
  private readonly attempt;
  private readonly retrying;

  constructor(private readonly options: VendorHttpOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: options.concurrency,
      keepAliveTimeout: 30_000,
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
    this.cap = bulkhead(options.concurrency, Number.MAX_SAFE_INTEGER);
    // `abortOnReturn: false`: the call has read its whole answer when it returns, so there is
    // nothing left to cancel; aborting anyway cost a DOMException and an abort event per call.
    // A timeout still aborts the attempt's signal (and so the request) as before.
    this.attempt = wrap(this.breaker, this.cap, timeout(options.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }));
    this.retrying = options.retries > 0 ? wrap(this.retryPolicy(), this.attempt) : this.attempt;
  }

  /**
   * Sends one request (with retries when idempotent) and returns the 2xx answer, or throws a
   * VendorError. Reads (`read`: GETs, and reads sent as POST) go through the shared cache when
   * one is configured, keyed by the read's identity (method, URL, body, credential): fresh
   * answers within `ttlMs` cost no call, and when the vendor fails an answer up to
   * `staleIfErrorMs` old is served instead (reported as STALE). Writes invalidate the caller's cache.
   */
  async request(request: VendorRequest): Promise<VendorResponse> {
    const cache = this.options.cache;
    if (!cache) return this.fetch(request);
    const read = request.read ?? request.method === 'GET';
    // Nothing is ever kept (no TTL, no stale-if-error): a read has no cache to look in.
    if (read && cache.ttlMs <= 0 && cache.staleIfErrorMs <= 0) return this.fetch(request);
    const scope = cacheScope(this.options.vendor, request.headers);
    if (!read) {
      const response = await this.fetch(request);
      await cache.store.invalidate(scope).catch(() => undefined);
      return response;
    }
    const key = readKey(request.method, this.buildPath(request), request);
    const cached = await cache.store.get(scope, key).catch(() => null);
    const age = cached ? Date.now() - cached.storedAt : Infinity;
    if (cached && age < cache.ttlMs) {
      this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'HIT' });
      currentScope()?.reportSource(this.options.vendor, { status: 'OK', latencyMs: 0, cache: 'HIT', calls: 0, attempts: 0, fetchedAt: cached.storedAt });
      return fromCache(cached);
    }
    this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'MISS' });
    try {
      const response = await this.fetch(request);
      const keepMs = Math.max(cache.ttlMs, cache.staleIfErrorMs);
      if (keepMs > 0) {
        // Not awaited: the caller has its answer; a slow or failing Redis must not delay it.
        void cache.store.set(scope, key, { status: response.status, text: response.text, json: response.json, storedAt: Date.now() }, keepMs).catch(() => undefined);
      }
      return response;
    } catch (error) {
      // Only an operation someone waits on gets a stale answer; background pollers (no scope)
      // must see the failure to back off.
      const waitedOn = currentScope() !== undefined;
      if (!waitedOn || !cached || age > cache.staleIfErrorMs || !(error instanceof VendorError) || !STALE_OK.has(error.code)) throw error;
      this.options.metrics.cacheLookups.inc({ vendor: this.options.vendor, outcome: 'STALE' });
      currentScope()?.reportSource(this.options.vendor, { status: error.code, latencyMs: 0, cache: 'STALE', staleAgeMs: age, calls: 0, attempts: 0, fetchedAt: cached.storedAt });
      return fromCache(cached);
    }
  }

  /** One call with its retries; the operation's sources get its final outcome and attempt count. */
  private async fetch(request: VendorRequest): Promise<VendorResponse> {
    const read = request.read ?? request.method === 'GET';
    // A stream can be read once: a second attempt would send an empty body.
    const idempotent = request.stream ? false : (request.idempotent ?? read);
    const policy = idempotent ? this.retrying : this.attempt;
    const started = Date.now();
    let attempts = 0;
    const report = (status: string) =>
      currentScope()?.reportSource(this.options.vendor, { status, latencyMs: Date.now() - started, cache: 'MISS', calls: 1, attempts, ...(status === 'OK' && read ? { fetchedAt: Date.now() } : {}) });
    try {
      // A fresh parent signal per call: cockatiel's shared default collects one abort listener
      // per call in flight (and warns past ten).
      const response = await inSpan(
        `vendor ${this.options.vendor} ${request.operation}`,
        { 'tributary.vendor': this.options.vendor, 'tributary.operation': request.operation, 'http.request.method': request.method },
        () =>
          policy.execute(({ signal }) => {
            attempts += 1;
            return this.send(request, signal);
          }, new AbortController().signal),
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
   * breaker and concurrency cap, never cached; a non-2xx answer (or a 2xx JSON answer the
   * vendor's classifier calls an error) becomes a VendorError like any other call.
   */
  async download(request: VendorRequest): Promise<VendorDownload> {
    const { vendor, metrics } = this.options;
    currentScope()?.countUpstream(vendor);
    try {
      const answer = await this.attempt.execute(({ signal }) => this.pool.request({ path: this.buildPath(request), method: request.method, ...this.payload(request), signal }), new AbortController().signal);
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

  private async send(request: VendorRequest, signal: AbortSignal): Promise<VendorResponse> {
    const { vendor, metrics } = this.options;
    const path = this.buildPath(request);
    const { headers, body } = this.payload(request);
    const scope = currentScope();
    scope?.countUpstream(vendor);
    if (scope?.requestId) headers['x-request-id'] = scope.requestId;
    const stopTimer = metrics.vendorRequestDuration.startTimer({ vendor, operation: request.operation });
    const startedPrecise = performance.now();
    let status = 'ERROR';
    try {
      const answer = await this.pool.request({ path, method: request.method, headers, body, signal });
      const response = await this.readAnswer(answer, request, this.options.maxBodyBytes ?? 10 * 1024 * 1024);
      status = String(answer.statusCode);
      const failure = this.failureOf(response, request);
      if (failure) throw failure;
      return response;
    } catch (error) {
      if (!(error instanceof VendorError)) status = signal.aborted ? 'TIMEOUT' : 'ERROR';
      throw error;
    } finally {
      stopTimer();
      metrics.vendorRequests.inc({ vendor, operation: request.operation, status });
      scope?.recordCall(startedPrecise, performance.now());
    }
  }

  /** The answer read whole (up to `maxBytes`), its bytes counted as they arrive. */
  private async readAnswer(answer: Dispatcher.ResponseData, request: VendorRequest, maxBytes: number): Promise<VendorResponse> {
    const { vendor, metrics } = this.options;
    const text = await readCapped(answer.body, maxBytes, vendor, (bytes) => metrics.vendorResponseBytes.inc({ vendor, operation: request.operation }, bytes));
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
    if (error instanceof TaskCancelledError) {
      return new VendorError(vendor, 'VENDOR_TIMEOUT', `${vendor} did not answer ${request.operation} within ${this.options.timeoutMs} ms`);
    }
    if (error instanceof BulkheadRejectedError) {
      return new VendorError(vendor, 'VENDOR_UNAVAILABLE', `${vendor} has too many requests in flight`);
    }
    const code = (error as { code?: string }).code ?? '';
    this.options.logger.debug({ vendor, operation: request.operation, errorCode: code }, 'vendor request failed');
    if (code.includes('TIMEOUT')) {
      return new VendorError(vendor, 'VENDOR_TIMEOUT', `${vendor} did not answer ${request.operation} within ${this.options.timeoutMs} ms`);
    }
    return new VendorError(vendor, 'VENDOR_UNAVAILABLE', `${vendor} could not be reached (${code || 'connection failed'})`);
  }
}

export { codeForStatus, encodeParams } from './http-support';
