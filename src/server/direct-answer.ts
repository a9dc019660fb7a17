import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/context';
import type { Logger } from '../core/logger';
import { operationMaxAge } from './answer-cache/answer-cache-policy';
import { answerCachePolicy } from './answer-cache/answer-cache-policy.plugin';
import type { AnswerCache } from './answer-cache/answer-cache';
import type { JitExecutor } from './jit-gateway';
import type { Admitted, OperationRequest } from './operation-admission';
import { logOperation } from './plugins/operation-log.plugin';
import { addSources } from './plugins/sources.plugin';

/** The content type Apollo answers a single result with, for the common `Accept` values (others go to Apollo). */
const CONTENT_TYPES: ReadonlyMap<string | undefined, string> = new Map([
  [undefined, 'application/json; charset=utf-8'],
  ['*/*', 'application/json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
]);

/**
 * Answers an admitted operation on graphql-jit without Apollo's request pipeline when its
 * result is clean, which is nearly every answer: Apollo's per-request work around the executor
 * (a promise per plugin and stage, two `Accept` negotiations, hashing the query, copies of the
 * request and result) cost about a fifth of an executed request's CPU on the IoTaaP screen
 * (docs/performance.md, DIRECT_ANSWERS=false). It sends what Apollo would: the same plugins'
 * effects (answer cache policy, `extensions.sources`, the operation log), Apollo's field order,
 * content type and trailing newline. A result with errors, or with a vendor's partial failure,
 * is handed to Apollo as executed (jit-gateway.ts), which formats it and runs the plugins as
 * for any operation; requests Apollo might answer differently (not a plain JSON POST, an
 * `Accept` it would have to negotiate, `extensions`) never take this path.
 */
export class DirectAnswers {
  constructor(
    private readonly jit: JitExecutor,
    private readonly schema: GraphQLSchema,
    private readonly cache: AnswerCache | null,
    private readonly defaultMaxAge: number,
    private readonly logger: Logger,
  ) {}

  /** True when Apollo would take `request` as a plain JSON operation, with a content type known here. */
  accepts(request: HTTPGraphQLRequest): boolean {
    const body = request.body as Record<string, unknown> | undefined;
    return request.method === 'POST' && CONTENT_TYPES.has(request.headers.get('accept')) && typeof body === 'object' && body !== null && body.extensions == null;
  }

  /** The answer, or null when Apollo is to answer (the executed result is handed to it). */
  async answer(admitted: Admitted, request: OperationRequest, context: RequestContext, http: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse | null> {
    const { document, operation } = admitted;
    const result = await this.jit.execute(document, request.operationName ?? undefined, operation, request.variables ?? {}, context);
    if (result.errors?.length || context.partialErrors.length > 0) {
      this.jit.handOver(context, result);
      return null;
    }
    // What Apollo's plugins see, in their order (apollo.ts).
    const operationName = operation.name?.value ?? null;
    const mutation = operation.operation === 'mutation';
    const maxAge = operationMaxAge(this.schema, document, operationName, this.defaultMaxAge);
    const sent: FormattedExecutionResult = { ...result, errors: undefined };
    const headers = new HeaderMap();
    const cacheControl = answerCachePolicy(this.cache, context, { mutation, maxAge, operationName, errors: undefined, single: true });
    if (cacheControl) headers.set('cache-control', cacheControl);
    addSources(sent, context);
    logOperation(this.logger, context, { startedAt: context.startedAt, request: { http }, result: sent, operationType: operation.operation, operationName, errors: undefined });
    headers.set('content-type', CONTENT_TYPES.get(http.headers.get('accept'))!);
    // Apollo's order of fields and its trailing newline, so both paths send the same bytes.
    return { headers, status: undefined, body: { kind: 'complete', string: `${JSON.stringify({ errors: sent.errors, data: sent.data, extensions: sent.extensions })}\n` } };
  }
}
