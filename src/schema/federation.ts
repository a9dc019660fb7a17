import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import {
  Kind,
  isInterfaceType,
  parse,
  printSchema,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { RequestContext } from '../context/context';
import { loadById } from '../context/entity-reads';
import { BadUserInputError } from '../core/errors';
import { decodeId } from '../core/ids';
import { withCacheHints } from './cache-hints';

export const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.7';

/** Value types another subgraph may define too (Relay plumbing, data points, positions). */
const SHAREABLE = /^(PageInfo|Measurement|GeoPoint|.+Connection|.+Edge)$/;

/**
 * Turns the type-graphql schema into a Federation 2 subgraph: every vendor implementation of
 * a unified interface (every object type implementing `VendorRecord`) is an entity keyed by
 * its global `id`, value types are `@shareable`, and `_entities` resolves through the same
 * per-request loaders as `node(id:)`, so N representations cost what `nodes(ids:)` costs.
 * One build serves both the standalone API and the subgraph.
 */
export function buildFederatedSchema(base: GraphQLSchema): GraphQLSchema {
  const typeDefs = withCacheHints(withFederationDirectives(parse(printSchema(base))));
  const resolvers = createResolversMap(base) as GraphQLResolverMap<RequestContext>;
  for (const name of entityTypeNames(typeDefs)) {
    resolvers[name] = {
      ...(resolvers[name] as object),
      __resolveReference: (reference: { id?: unknown }, context: RequestContext) => resolveEntity(name, reference, context),
    };
  }
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  guardEntities(schema, new Set(entityTypeNames(typeDefs)));
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

/** Object types that are entities (carry `@key(fields: "id")`). */
export function entityTypeNames(document: DocumentNode): string[] {
  return document.definitions
    .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .filter((d) => d.interfaces?.some((i) => i.name.value === 'VendorRecord'))
    .map((d) => d.name.value);
}

async function resolveEntity(typename: string, reference: { id?: unknown }, context: RequestContext) {
  if (typeof reference.id !== 'string') {
    throw new BadUserInputError(`A ${typename} representation needs its \`id\` (a string), but got ${JSON.stringify(reference.id)}`);
  }
  const decoded = decodeId(reference.id);
  if (decoded.type !== typename) {
    throw new BadUserInputError(`The id in a ${typename} representation belongs to a ${decoded.type}`);
  }
  return loadById(context, reference.id, null);
}

function withFederationDirectives(document: DocumentNode): DocumentNode {
  const entities = new Set(entityTypeNames(document));
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const name = definition.name.value;
    if (entities.has(name)) return { ...definition, directives: [...(definition.directives ?? []), keyDirective()] };
    if (SHAREABLE.test(name)) return { ...definition, directives: [...(definition.directives ?? []), directive('shareable')] };
    return definition;
  });
  const link = parse(`extend schema @link(url: "${FEDERATION_VERSION}", import: ["@key", "@shareable", "@inaccessible", "@tag"])`);
  return { ...document, definitions: [...link.definitions, ...definitions] };
}

function keyDirective(): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'key' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: 'id' } }],
  };
}

function directive(name: string): ConstDirectiveNode {
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name } };
}
