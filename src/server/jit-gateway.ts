import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, getVariableValues, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Result = ExecutionResult<Record<string, unknown>>;
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
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    let query = byName.get(operationName ?? '');
    if (!query) {
      query = compileQuery(schema, document, operationName);
      byName.set(operationName ?? '', query);
    }
    return query;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async ({ document, operationName, operation, request, context }) => {
          const query = compile(document, operationName ?? undefined);
          if (!isCompiledQuery(query)) return query as Result;
          const variables = request.variables ?? {};
          const result = (await query.query(undefined, context, variables)) as Result;
          if (!result.errors?.length) return result;
          return asGraphQLJsResult(schema, operation, variables, result);
        },
      };
    },
    async stop() {},
  };
}

/**
 * Where graphql-jit's answer with errors differs from graphql-js's, make it the same:
 * - variables that do not coerce: graphql-js's own errors, which Apollo answers with 400
 *   BAD_USER_INPUT (jit's carry no variable node for Apollo to recognise);
 * - a rejected item of a list that no later item overwrote is missing (a trailing one even
 *   shortens the list) instead of null;
 * - errors are graphql-js GraphQLErrors, so Apollo reads their extensions.
 */
function asGraphQLJsResult(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>, result: Result): Result {
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
          path: (error as GraphQLError).path,
          originalError: (error as GraphQLError).originalError ?? undefined,
          extensions: (error as GraphQLError).extensions,
        });
  });
  return { ...result, errors };
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
