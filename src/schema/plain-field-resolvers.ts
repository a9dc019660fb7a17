import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Gives every plain property field of `schema` a resolver of its own, `(root) => root[name]`:
 * what type-graphql builds for each field without `simpleResolvers`. Only to measure what
 * `simpleResolvers` buys (LEAN_RESOLVERS=false, the stock Apollo baseline): under graphql-jit a
 * field without a resolver is a property read compiled inline, one with a resolver is a call,
 * closures and a resolve info per item. Mutates the (freshly built) schema it is given.
 */
export function withPlainFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) continue;
      const name = field.name;
      field.resolve = (root: Record<string, unknown>) => root[name];
    }
  }
  return schema;
}
