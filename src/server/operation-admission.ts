import { GraphQLError, getOperationAST, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { Config } from '../config';
import type { Caller } from '../context/context';
import { TributaryError } from '../core/errors';
import type { CallerAuthenticator, PresentedCredentials } from './caller-auth';
import { callerKey, type CallerRateLimiter } from './caller-rate-limit';
import { DocumentCache } from './document-cache';
import { checkCost } from './limits';
import type { LoadShedder, Release } from './load-shedder';
import type { OperationMetrics, Transport } from './operation-metrics';
import { validationRules } from './validation-rules';

/** The permit of work that holds no slot. */
export const NO_PERMIT: Release = () => undefined;

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Where an operation came from: the transport, the HTTP method (or `WS`), and the Host it was sent to. */
export interface Arrival {
  transport: Transport;
  method: string;
  host?: string | undefined;
  /** When the request arrived (`performance.now()`), to time a refusal. */
  since?: number;
}

/** A refused request: the errors to answer with, the HTTP status and headers where HTTP applies, and why (for the counter). */
export interface Refusal {
  refused: true;
  reason: string;
  status: number;
  headers: Record<string, string>;
  errors: GraphQLError[];
}

export interface Admitted {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  cost: number;
}

/**
 * The one admission path of every transport (HTTP POST and GET, graphql-ws, SSE), built once
 * per server. The transports call its stages in this order, each refusing with the same code
 * and HTTP status everywhere:
 *   1. size: bodies (read-body.ts) and WebSocket frames (`maxPayload`) past BODY_LIMIT_BYTES — 413
 *   2. `shed`: the adaptive concurrency limit and event-loop lag (load-shedder.ts) — 503 + Retry-After
 *   3. `authenticate`: the caller's key or token — 401 (a WebSocket is closed with 4403)
 *   4. `admit`: parse (token limit) and validate (depth, aliases, directives, introspection
 *      policy) through a cache — 400; resolve the operation (`operationName`) — 400
 *      OPERATION_RESOLUTION_FAILURE; transport rules (no subscription over plain HTTP, no
 *      mutation over GET) — 400 / 405; cost — 400; the caller's budget — 429 + Retry-After.
 * The CSRF and origin rules (csrf.ts, cors.ts) run before all of these on every HTTP-ish request.
 */
export class OperationAdmission {
  private readonly documents: DocumentCache;
  /** The validation rules, for Apollo to run the very same list. */
  readonly rules: ValidationRule[];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly config: Config,
    private readonly rateLimiter: CallerRateLimiter,
    private readonly authenticator: CallerAuthenticator,
    private readonly shedder: LoadShedder,
    readonly metrics: OperationMetrics,
  ) {
    this.rules = validationRules(config);
    this.documents = new DocumentCache(schema, this.rules, config.limits.maxTokens);
  }

  /**
   * Stage 2: a permit to run (release it when the operation ends), or a 503. With `hold:
   * false` only the decision (a streaming transport's subscribe, before it knows whether the
   * operation is a subscription, which never holds a slot: its life says nothing about load).
   */
  shed(transport: Transport, options: { hold: boolean } = { hold: true }): Release | Refusal {
    const release = options.hold ? this.shedder.admit() : this.shedder.overloaded() ? null : NO_PERMIT;
    if (release) return release;
    const reason = `shed_${this.shedder.lastReason}`;
    return this.refuse(transport, reason, 503, 'SERVICE_UNAVAILABLE', 'Server is overloaded; retry shortly', { 'retry-after': '1' });
  }

  /** Stage 3: who is calling, or a 401. */
  async authenticate(presented: PresentedCredentials, address: string | null, transport: Transport): Promise<Caller | Refusal> {
    try {
      return { ...(await this.authenticator.authenticate(presented)), address };
    } catch (error) {
      const message = error instanceof TributaryError ? error.message : 'Unauthenticated';
      return this.refuse(transport, 'unauthenticated', 401, 'UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer' });
    }
  }

  /** Stage 4: the document, its operation and cost, charged to the caller's budget; or why not. */
  async admit(request: OperationRequest, caller: Caller, arrival: Arrival): Promise<Admitted | Refusal> {
    const { transport } = arrival;
    const refused = (reason: string, status: number, errors: GraphQLError[], headers: Record<string, string> = {}) =>
      this.refused(transport, reason, status, errors, headers, request.operationName, arrival.since);
    const parsed = this.documents.get(request.query);
    if ('errors' in parsed) {
      const errors = parsed.errors.map(withCode);
      const reason = errors[0]?.extensions.code === 'GRAPHQL_PARSE_FAILED' ? 'parse' : 'validation';
      return refused(reason, 400, errors);
    }
    const operation = getOperationAST(parsed.document, request.operationName);
    if (!operation) {
      const message = request.operationName
        ? `Unknown operation named "${request.operationName}"`
        : 'The document has several operations: say which one to run with `operationName`';
      return refused('operation', 400, [coded(message, 'OPERATION_RESOLUTION_FAILURE')]);
    }
    const method = this.methodRefusal(operation, arrival);
    if (method) return refused('method', method.status, [coded(method.message, 'BAD_REQUEST')], method.headers);
    const { limits, defaultPageSize } = this.config;
    let cost: number;
    try {
      cost = checkCost(this.schema, parsed.document, request.variables ?? undefined, request.operationName, limits, defaultPageSize);
    } catch (error) {
      return refused('cost', 400, [error as GraphQLError]);
    }
    try {
      await this.rateLimiter.consume(callerKey(caller), cost);
    } catch (error) {
      const refusal = error as GraphQLError;
      const retryAfter = String(refusal.extensions?.retryAfterSeconds ?? 1);
      // Over budget is a 429; a budget that cannot be checked (Redis down, failing closed) a 503.
      const unavailable = refusal.extensions?.code === 'SERVICE_UNAVAILABLE';
      return refused(unavailable ? 'budget_unavailable' : 'budget', unavailable ? 503 : 429, [refusal], { 'retry-after': retryAfter });
    }
    return { document: parsed.document, operation, cost };
  }

  /** Counts a refusal at any stage (the edge's size, CSRF and origin rules too) and shapes its answer. */
  refuse(transport: Transport, reason: string, status: number, code: string, message: string, headers: Record<string, string> = {}): Refusal {
    return this.refused(transport, reason, status, [coded(message, code)], headers);
  }

  // Private:

  private refused(
    transport: Transport,
    reason: string,
    status: number,
    errors: GraphQLError[],
    headers: Record<string, string> = {},
    operationName: string | null = null,
    since?: number,
  ): Refusal {
    this.metrics.refused(transport, reason, operationName, since === undefined ? 0 : (performance.now() - since) / 1000);
    return { refused: true, reason, status, headers, errors };
  }

  /** Subscriptions need a stream (graphql-ws or SSE); GET never changes data. */
  private methodRefusal(operation: OperationDefinitionNode, { transport, method, host }: Arrival): { status: number; message: string; headers: Record<string, string> } | null {
    if (operation.operation === 'subscription' && transport === 'http') {
      const where = host ? `ws://${host}/graphql` : 'ws://<this host>/graphql';
      const message = `Subscriptions need a stream: use graphql-ws at ${where} or Server-Sent Events at /graphql/stream, not a plain ${method} to /graphql`;
      return { status: 400, message, headers: {} };
    }
    if (operation.operation === 'mutation' && method === 'GET') {
      return { status: 405, message: 'Mutations are not run over GET (see CSRF in docs/operations.md); send a POST', headers: { allow: 'POST' } };
    }
    return null;
  }
}

/** True when a stage refused. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Parse and limit errors carry Apollo's codes on every transport. */
function withCode(error: GraphQLError): GraphQLError {
  if (error instanceof TributaryError || error.extensions?.code) return error;
  const code = error.message.startsWith('Syntax Error') && !/limit/.test(error.message) ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}
