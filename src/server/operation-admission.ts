import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { Caller } from '../context/context';
import { TributaryError } from '../core/errors';
import { callerKey, type CallerRateLimiter } from './caller-rate-limit';
import { DocumentCache } from './document-cache';
import { checkCost, limitRules } from './limits';

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * The checks Apollo's plugins run on HTTP, for the transports that bypass Apollo (graphql-ws,
 * SSE): parse (token limit) and validate (depth, aliases, directives) through a cache, cost,
 * and the caller's rate budget. Answers the document, or the errors to send instead.
 */
export class OperationAdmission {
  private readonly documents: DocumentCache;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly config: Config,
    private readonly rateLimiter: CallerRateLimiter,
  ) {
    this.documents = new DocumentCache(schema, limitRules(config.limits), config.limits.maxTokens);
  }

  async admit(request: OperationRequest, caller: Caller): Promise<{ document: DocumentNode } | { errors: GraphQLError[] }> {
    const parsed = this.documents.get(request.query);
    if ('errors' in parsed) return { errors: parsed.errors.map(withCode) };
    try {
      const { limits, defaultPageSize } = this.config;
      const cost = checkCost(this.schema, parsed.document, request.variables ?? undefined, request.operationName, limits, defaultPageSize);
      await this.rateLimiter.consume(callerKey(caller), cost);
    } catch (error) {
      return { errors: [error as GraphQLError] };
    }
    return parsed;
  }
}

/** Parse and limit errors carry Apollo's codes on every transport. */
function withCode(error: GraphQLError): GraphQLError {
  if (error instanceof TributaryError || error.extensions?.code) return error;
  const code = error.message.startsWith('Syntax Error') && !/limit/.test(error.message) ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}
