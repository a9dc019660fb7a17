import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, execute, subscribe, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { RequestContext, vendorTokensFrom, type Caller, type GatewayServices } from '../context/context';
import { runInScope } from '../core/request-scope';
import type { OperationAdmission } from './operation-admission';

/**
 * Subscriptions (and queries) over Server-Sent Events (graphql-sse, "distinct connections"
 * mode) at `/graphql/stream`, for clients without WebSocket. The caller is authenticated by
 * the router before this runs; the same admission checks as graphql-ws apply.
 */
export function createSseHandler(
  schema: GraphQLSchema,
  services: GatewayServices,
  admission: OperationAdmission,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  const callers = new WeakMap<IncomingMessage, Caller>();
  // graphql-sse wants a plain record type for the context; ours is a class, hence the casts.
  const handler = createHandler<Record<string, unknown>>({
    schema,
    onSubscribe: async (req, params) => {
      const raw = req.raw;
      const caller = callers.get(raw) ?? { kind: 'anonymous', id: null };
      const admitted = await admission.admit(params, caller);
      // `data: null` is how graphql-sse tells a ready result from execution arguments.
      if ('errors' in admitted) return { data: null, errors: admitted.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })) };
      return {
        schema,
        document: admitted.document,
        variableValues: params.variables ?? undefined,
        operationName: params.operationName ?? undefined,
        contextValue: new RequestContext(services, caller, vendorTokensFrom((name) => raw.headers[name])) as unknown as Record<string, unknown>,
      };
    },
    execute: (args) => runInScope(asContext(args.contextValue).scope, () => execute(args)),
    subscribe: (args) => runInScope(asContext(args.contextValue).scope, () => subscribe(args)),
    onNext: (ctx, _req, result) => {
      const partial = ctx ? asContext(ctx).partialErrors.splice(0) : [];
      const errors = [...(result.errors ?? []), ...partial];
      if (errors.length === 0) return;
      return {
        ...result,
        errors: errors.map((error) => {
          const formatted = formatError(error.toJSON(), error);
          return new GraphQLError(formatted.message, { extensions: formatted.extensions });
        }),
      };
    },
  });
  return (req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> => {
    callers.set(req, caller);
    return handler(req, res);
  };
}

function asContext(value: unknown): RequestContext {
  return value as RequestContext;
}
