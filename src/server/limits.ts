import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { LimitsConfig } from '../config';

/**
 * The document limits, configured in one place and applied on HTTP (Apollo) and WebSocket
 * (graphql-ws) alike: depth, aliases, directives (validation rules), tokens (parser) and cost.
 */
export function limitRules(limits: LimitsConfig): ValidationRule[] {
  // graphql-armor's rules throw out of the visitor when they propagate, which Apollo answers
  // with a 500; reporting through the validation context makes it a 400 with the rule's message.
  const report = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report }),
    // Every alias counts: graphql-armor lets `__typename` aliases through by default, and 900 of
    // them are as much work to answer as any other 900 fields.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ];
}

/**
 * Lists cost what they may return: a field with a `first` argument multiplies its children
 * by `first` (or the default page size); a list of ids by their count; everything else costs 1.
 */
export function listSizeEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ args, childComplexity }) => {
    const first = typeof args.first === 'number' ? args.first : null;
    const ids = Array.isArray(args.ids) ? args.ids.length : Array.isArray(args.sourceIds) ? args.sourceIds.length : null;
    const representations = Array.isArray(args.representations) ? args.representations.length : null;
    const multiplier = first ?? ids ?? representations ?? ('first' in args || 'after' in args ? defaultPageSize : null);
    return multiplier === null ? undefined : 1 + Math.max(multiplier, 1) * childComplexity;
  };
}

/** The estimated cost of an operation, or a validation error when it is over the limit. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: LimitsConfig,
  defaultPageSize: number,
): number {
  const cost = costOf(schema, document, variables, operationName, defaultPageSize);
  if (cost > limits.maxCost) {
    throw new GraphQLError(
      `Query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages (\`first\`) or fewer nested lists`,
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: limits.maxCost, http: { status: 400 } } },
    );
  }
  return cost;
}

/**
 * Costs remembered per parsed document (Apollo reuses the DocumentNode of a repeated query) and
 * variables: walking the whole document again for every request of a dashboard's few queries
 * is work done once.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  defaultPageSize: number,
): number {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  const key = `${defaultPageSize}|${operationName ?? ''}|${variables ? JSON.stringify(variables) : ''}`;
  let cost = known.get(key);
  if (cost === undefined) {
    cost = computeCost(schema, document, variables, operationName, defaultPageSize);
    // Bounded: a document sent with ever-new variables must not grow this without end.
    if (known.size >= 100) known.delete(known.keys().next().value as string);
    known.set(key, cost);
  }
  return cost;
}

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  defaultPageSize: number,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [listSizeEstimator(defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not coerce: execution answers that with BAD_USER_INPUT; no cost to add.
    return 0;
  }
}
