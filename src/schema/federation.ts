import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { isInterfaceType, isObjectType, parse, printSchema, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { RequestContext } from '../context/context';
import { loadById } from '../context/entity-reads';
import { BadUserInputError } from '../core/errors';
import { decodeId } from '../core/ids';
import { withCacheHints } from './cache-hints';
import { entityInterfaceNames, entityTypeNames, withFederationDirectives } from './federation-directives';

export { FEDERATION_VERSION, entityInterfaceNames, entityTypeNames } from './federation-directives';

/**
 * Turns the type-graphql schema into a Federation 2 subgraph: every vendor implementation of
 * a unified interface (every object type implementing `VendorRecord`) is an entity keyed by
 * its global `id`, and so are the unified interfaces themselves (entity interfaces, which
 * another subgraph can extend with `@interfaceObject`). `_entities` resolves through the same
 * per-request loaders as `node(id:)`, so N representations cost what `nodes(ids:)` costs.
 * One build serves both the standalone API and the subgraph.
 */
export function buildFederatedSchema(base: GraphQLSchema): GraphQLSchema {
  const printed = parse(printSchema(base));
  const typeDefs = withCacheHints(withFederationDirectives(printed));
  const entities = [...entityTypeNames(printed), ...entityInterfaceNames(printed)];
  const resolvers = createResolversMap(base) as GraphQLResolverMap<RequestContext>;
  // Read when a representation arrives, after the build below assigned it.
  let schema: GraphQLSchema | undefined;
  for (const name of entities) {
    resolvers[name] = {
      ...(resolvers[name] as object),
      __resolveReference: (reference: { id?: unknown }, context: RequestContext) => resolveEntity(schema!, name, reference, context),
    };
  }
  schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  guardEntities(schema, new Set(entities));
  resolveInterfacesByTypename(schema);
  return schema;
}

/**
 * Every interface's records carry their GraphQL type name (`typename`); type-graphql wraps
 * `resolveType` in an async function, which graphql-jit cannot await. The same answer, sync.
 */
function resolveInterfacesByTypename(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInterfaceType(type)) type.resolveType = (value: { typename?: unknown }) => (typeof value?.typename === 'string' ? value.typename : undefined);
  }
}

/**
 * @apollo/subgraph throws for the whole `_entities` list when one representation names an
 * unknown type; here each bad representation becomes its own null with a BAD_USER_INPUT error
 * and the others still resolve (in the same tick, so their loads still batch).
 */
function guardEntities(schema: GraphQLSchema, entities: ReadonlySet<string>): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const original = field?.resolve;
  if (!field || !original) return;
  field.resolve = (source, args: { representations: Array<{ __typename?: unknown }> }, context, info) =>
    args.representations.map((representation) => {
      const typename = String(representation.__typename);
      if (!entities.has(typename)) {
        return Promise.reject(new BadUserInputError(`"${typename}" is not an entity of this subgraph`, { argument: 'representations' }));
      }
      try {
        return (original(source, { representations: [representation] }, context, info) as unknown[])[0];
      } catch (error) {
        return Promise.reject(error);
      }
    });
}

/**
 * One representation: of a vendor type (`IotaapDevice`) or of an entity interface (`Device`,
 * as a gateway sends for an `@interfaceObject` subgraph's answer); the id must name a record
 * of that type or of one of the interface's implementations.
 */
async function resolveEntity(schema: GraphQLSchema, typename: string, reference: { id?: unknown }, context: RequestContext) {
  if (typeof reference.id !== 'string') {
    throw new BadUserInputError(`A ${typename} representation needs its \`id\` (a string), but got ${JSON.stringify(reference.id)}`);
  }
  const decoded = decodeId(reference.id);
  if (!isOfType(schema, decoded.type, typename)) {
    throw new BadUserInputError(`The id in a ${typename} representation belongs to a ${decoded.type}`);
  }
  return loadById(context, reference.id, null);
}

function isOfType(schema: GraphQLSchema, actual: string, expected: string): boolean {
  if (actual === expected) return true;
  const abstract = schema.getType(expected);
  const concrete = schema.getType(actual);
  return isInterfaceType(abstract) && isObjectType(concrete) && schema.isSubType(abstract, concrete);
}
