import { dirname, join } from 'node:path';

/**
 * type-graphql wraps every field in a resolver of its own, including the plain properties
 * (`name`, `cursor`, `edges`, …): `(root) => applyMiddlewares(…, () => root[name])`. Under
 * graphql-jit a field with a resolver costs a call, closures, a path and a resolve info per
 * item, where a field without one is a property read compiled inline. And every
 * `@FieldResolver`/`@Query` call re-sorts its parameter list and looks its class instance up
 * in a list, per item.
 *
 * While the schema is built, this swaps type-graphql's resolver factories for lean ones when
 * nothing can tell the difference — no global or field middlewares, no auth checker, the
 * default container:
 * - a plain property field gets no resolver at all (what type-graphql itself does for
 *   `simpleResolvers`), unless its schema name differs from its property name;
 * - a handler resolver whose parameters are only `@Root`, `@Ctx` and `@Info` gets them in
 *   the order sorted once, and its instance looked up once. Parameters that take arguments
 *   (`@Arg`, `@Args`, custom decorators) keep type-graphql's own conversion.
 * Anything else keeps type-graphql's factory. If type-graphql's internals move (a new
 * version), the factories are left alone: slower, never different.
 */
export function withLeanResolvers<T>(build: () => T): T {
  const internals = loadInternals();
  if (!internals) return build();
  const { create, types, context } = internals;
  const originalBasic = create.createBasicFieldResolver;
  const originalHandler = create.createHandlerResolver;
  const originalAdvanced = create.createAdvancedFieldResolver;

  const plain = () => {
    const { BuildContext } = context;
    return BuildContext.globalMiddlewares.length === 0 && !BuildContext.authChecker && !hasCustomContainer(BuildContext.container);
  };

  create.createBasicFieldResolver = (field: FieldMetadata) => {
    if (plain() && field.middlewares.length === 0 && field.name === field.schemaName) return undefined;
    return originalBasic(field);
  };

  const leanHandler = (resolver: HandlerMetadata) => {
    if (!plain() || resolver.middlewares.length > 0 || !resolver.params.every((p) => LEAN_PARAMS.has(p.kind))) return originalHandler(resolver);
    const params = [...resolver.params].sort((a, b) => a.index - b.index);
    const { container } = context.BuildContext;
    let instance: Record<string, (...args: unknown[]) => unknown> | null = null;
    return (root: unknown, args: unknown, ctx: unknown, info: unknown) => {
      instance ??= container.getInstance(resolver.target, { root, args, context: ctx, info });
      const values = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i += 1) {
        const param = params[i]!;
        if (param.kind === 'context') values[i] = param.propertyName ? (ctx as Record<string, unknown>)[param.propertyName] : ctx;
        else if (param.kind === 'info') values[i] = info;
        else {
          const value = param.propertyName ? (root as Record<string, unknown>)[param.propertyName] : root;
          values[i] = param.getType ? types.convertToType(param.getType(), value) : value;
        }
      }
      return instance[resolver.methodName]!.apply(instance, values);
    };
  };
  create.createHandlerResolver = leanHandler;
  // `@FieldResolver`s of resolver classes ("external") are handler resolvers too; type-graphql
  // calls its own factory for them from inside its module, so this one is swapped as well.
  create.createAdvancedFieldResolver = (resolver: HandlerMetadata & { kind?: string }) =>
    resolver.kind === 'external' ? leanHandler(resolver) : originalAdvanced(resolver);

  try {
    return build();
  } finally {
    create.createBasicFieldResolver = originalBasic;
    create.createHandlerResolver = originalHandler;
    create.createAdvancedFieldResolver = originalAdvanced;
  }
}

const LEAN_PARAMS = new Set(['root', 'context', 'info']);

interface ParamMetadata {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}

interface FieldMetadata {
  name: string;
  schemaName: string;
  middlewares: unknown[];
}

interface HandlerMetadata {
  target: unknown;
  methodName: string;
  middlewares: unknown[];
  params: ParamMetadata[];
}

interface Internals {
  create: {
    createBasicFieldResolver: (field: FieldMetadata) => unknown;
    createHandlerResolver: (resolver: HandlerMetadata) => unknown;
    createAdvancedFieldResolver: (resolver: HandlerMetadata & { kind?: string }) => unknown;
  };
  types: { convertToType: (type: unknown, value: unknown) => unknown };
  context: {
    BuildContext: {
      globalMiddlewares: unknown[];
      authChecker: unknown;
      container: { getInstance: (target: unknown, data: unknown) => Record<string, (...args: unknown[]) => unknown> };
    };
  };
}

function hasCustomContainer(container: object): boolean {
  const c = container as { container?: unknown; containerGetter?: unknown };
  return c.container !== undefined || c.containerGetter !== undefined;
}

/** type-graphql's CommonJS modules the schema generator itself uses (same module instances). */
function loadInternals(): Internals | null {
  try {
    const root = dirname(require.resolve('type-graphql'));
    const internals = {
      create: require(join(root, 'resolvers', 'create.js')),
      types: require(join(root, 'helpers', 'types.js')),
      context: require(join(root, 'schema', 'build-context.js')),
    } as Internals;
    const ok =
      typeof internals.create.createBasicFieldResolver === 'function' &&
      typeof internals.create.createHandlerResolver === 'function' &&
      typeof internals.create.createAdvancedFieldResolver === 'function' &&
      typeof internals.types.convertToType === 'function' &&
      Array.isArray(internals.context.BuildContext?.globalMiddlewares);
    return ok ? internals : null;
  } catch {
    return null;
  }
}
