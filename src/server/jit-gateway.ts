import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, getVariableValues, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode, type Source, type SourceLocation } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

export type Result = ExecutionResult<Record<string, unknown>>;
/** Apollo's gateway hook, named through the package we depend on (not its transitive interface package). */
type GatewayInterface = ApolloServerOptionsWithGateway<object>['gateway'];

/**
 * Apollo Server's executor hook (its "gateway" interface, the only one it offers) running
 * operations through graphql-jit: each distinct document is compiled once into plain
 * functions, then every request runs the compiled code instead of graphql-js's interpreter.
 * Apollo still parses, validates (with our limits) and runs every plugin as before.
 *
 * The one module that relies on how Apollo drives a gateway (it loads the executor once, hands
 * it the validated document, the resolved operation, the request's variables and our context,
 * answers variable errors with 400) and on how graphql-jit's results differ from graphql-js's
 * (see asGraphQLJsResult). test/unit/jit-gateway.test.ts pins each of these, so an upgrade of
 * @apollo/server, graphql-jit or graphql that changes one fails there first. What it buys:
 * docs/performance.md (GRAPHQL_JIT=false rows).
 */
export function jitGateway(schema: GraphQLSchema, jit: JitExecutor = new JitExecutor(schema)): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async ({ document, operationName, operation, request, context }) =>
          jit.takeHandedOver(context) ?? jit.execute(document, operationName ?? undefined, operation, request.variables ?? {}, context),
      };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's compiled queries (each distinct document compiled once) and their execution,
 * shared by Apollo's executor hook and the direct answer path (direct-answer.ts). A result the
 * direct path executed but leaves to Apollo to answer (one with errors) is handed over, keyed
 * by the operation's `scope` (Apollo runs the executor with its own copy of the context, which
 * shares the scope), and Apollo's executor returns it instead of executing again.
 */
export class JitExecutor {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  private readonly handedOver = new WeakMap<object, Result>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** Runs the operation; an answer with errors comes shaped as graphql-js's (asGraphQLJsResult). */
  async execute(document: DocumentNode, operationName: string | undefined, operation: OperationDefinitionNode, variables: Record<string, unknown>, context: unknown): Promise<Result> {
    const query = this.compile(document, operationName);
    if (!isCompiledQuery(query)) return query as Result;
    const result = (await query.query(undefined, context, variables)) as Result;
    if (!result.errors?.length) return result;
    return asGraphQLJsResult(this.schema, operation, variables, result, document.loc?.source);
  }

  /** Leaves an executed result for Apollo's executor to return for the operation of `context`. */
  handOver(context: { scope: object }, result: Result): void {
    this.handedOver.set(context.scope, result);
  }

  takeHandedOver(context: unknown): Result | undefined {
    const scope = (context as { scope?: unknown } | null)?.scope;
    if (typeof scope !== 'object' || scope === null) return undefined;
    const result = this.handedOver.get(scope);
    if (result) this.handedOver.delete(scope);
    return result;
  }

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult {
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map()));
    let query = byName.get(operationName ?? '');
    if (!query) {
      query = compileQuery(this.schema, document, operationName);
      byName.set(operationName ?? '', query);
    }
    return query;
  }
}

/**
 * Where graphql-jit's answer with errors differs from graphql-js's, make it the same:
 * - variables that do not coerce: graphql-js's own errors, which Apollo answers with 400
 *   BAD_USER_INPUT (jit's carry no variable node for Apollo to recognise);
 * - a rejected item of a list that no later item overwrote is missing (a trailing one even
 *   shortens the list) instead of null;
 * - errors are graphql-js GraphQLErrors, so Apollo reads their extensions; jit's own errors
 *   carry line and column but no AST nodes, so their positions in `source` stand in for the
 *   nodes, and graphql-js computes the same `locations` from them.
 */
function asGraphQLJsResult(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>, result: Result, source: Source | undefined): Result {
  if (result.data == null && result.errors?.every((e) => !e.path)) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };
  }
  const errors = (result.errors ?? []).map((error) => {
    if (error.path && result.data) fillNull(result.data, error.path);
    return error instanceof GraphQLError && error.extensions
      ? error
      : new GraphQLError((error as Error).message, {
          nodes: (error as GraphQLError).nodes,
          ...((error as GraphQLError).nodes || !source || !error.locations ? {} : { source, positions: positionsOf(source, error.locations) }),
          path: (error as GraphQLError).path,
          originalError: (error as GraphQLError).originalError ?? undefined,
          extensions: (error as GraphQLError).extensions,
        });
  });
  return { ...result, errors };
}

/** Offsets in `source` of 1-based lines and columns (graphql-js's line breaks: CRLF, LF, CR). */
function positionsOf(source: Source, locations: readonly SourceLocation[]): number[] {
  const lineStarts = [0];
  for (const lineBreak of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(lineBreak.index + lineBreak[0].length);
  return locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
}

function fillNull(data: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  let node: unknown = data;
  for (let i = 0; i < path.length - 1; i += 1) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[path[i]!];
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && typeof last === 'number' && node[last] === undefined) node[last] = null;
}
