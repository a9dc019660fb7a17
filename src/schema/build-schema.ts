import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchemaSync, type NonEmptyArray } from 'type-graphql';
import { buildFederatedSchema } from './federation';
import { withPlainFieldResolvers } from './plain-field-resolvers';
import { AlertFieldsResolver, ChannelFieldsResolver, SessionFieldsResolver } from './resolvers/relation-fields.resolver';
import { DeviceFieldsResolver } from './resolvers/device-fields.resolver';
import { DeviceMutationsResolver } from './resolvers/device-mutations.resolver';
import { entityQueryResolvers } from './resolvers/entity-queries';
import { FreshnessResolver } from './resolvers/freshness.resolver';
import { GroupFieldsResolver } from './resolvers/group-fields.resolver';
import { GroupMutationsResolver } from './resolvers/group-mutations.resolver';
import { LiveResolver } from './resolvers/live.resolver';
import { DeviceMeasurementHistoryResolver, MeasurementHistoryCount, ThingMeasurementHistoryResolver } from './resolvers/measurement-history.resolver';
import { MeasurementResolver } from './resolvers/measurement.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { ThingFieldsResolver } from './resolvers/thing-fields.resolver';
import { VendorAccountResolver } from './resolvers/vendor-account.resolver';
import { VendorResolver } from './resolvers/vendor.resolver';
// Imported after the interfaces' other field resolvers: import order is the order of fields in the SDL.
import { ChannelMessagesResolver } from './resolvers/channel-messages.resolver';
import { BookFieldsResolver, BookMessageConnectionCount } from './resolvers/book-fields.resolver';
import { MeasurementConnectionCount } from './model/channel.interface';
import { vendorResolvers } from './vendors';

/** The one resolver list. */
const RESOLVERS = [
  NodeResolver,
  ...entityQueryResolvers,
  DeviceFieldsResolver,
  ThingFieldsResolver,
  GroupFieldsResolver,
  SessionFieldsResolver,
  ChannelFieldsResolver,
  AlertFieldsResolver,
  BookFieldsResolver,
  BookMessageConnectionCount,
  ChannelMessagesResolver,
  MeasurementConnectionCount,
  MeasurementResolver,
  DeviceMeasurementHistoryResolver,
  ThingMeasurementHistoryResolver,
  MeasurementHistoryCount,
  GroupMutationsResolver,
  DeviceMutationsResolver,
  VendorResolver,
  VendorAccountResolver,
  LiveResolver,
  FreshnessResolver,
  ...vendorResolvers,
] as unknown as NonEmptyArray<Function>;

/**
 * type-graphql insists on a PubSub even when every subscription brings its own `subscribe`.
 * Ours do (the pubsub lives in the request context, one per server), so this one only fails loudly.
 */
const contextOnlyPubSub = {
  publish(): never {
    throw new Error('Publish through the context pubsub');
  },
  subscribe(): never {
    throw new Error('Subscriptions subscribe through the context pubsub');
  },
};

const built = new Map<boolean, GraphQLSchema>();

/**
 * Builds the schema once per process (type-graphql metadata is global; the schema is
 * stateless): the type-graphql schema made a Federation 2 subgraph, which also serves standalone.
 * Every object type is declared with type-graphql's `simpleResolvers`, so plain property fields
 * get no resolver (graphql-jit reads them inline); `leanResolvers: false` gives each one a
 * resolver again, as type-graphql does by default (benchmarks measure what that costs). Both
 * variants answer the same.
 */
export function buildTributarySchema(options: { leanResolvers?: boolean } = {}): GraphQLSchema {
  const lean = options.leanResolvers ?? true;
  let schema = built.get(lean);
  if (!schema) {
    const federated = buildFederatedSchema(buildSchemaSync({ resolvers: RESOLVERS, validate: false, pubSub: contextOnlyPubSub }));
    schema = lean ? federated : withPlainFieldResolvers(federated);
    built.set(lean, schema);
  }
  return schema;
}

/** The subgraph SDL (with `@key`, `@shareable`, `@link`), as `_service { sdl }` answers it. */
export function printTributarySubgraph(schema: GraphQLSchema = buildTributarySchema()): string {
  return `${SCHEMA_BANNER}
${printSubgraphSchema(schema)}
`;
}

export const SCHEMA_BANNER = '# Emitted by `npm run schema:emit` from the type-graphql resolvers. Do not edit.\n';

/** The committed `schema/schema.graphql`: sorted, with a banner. */
export function printTributarySchema(schema: GraphQLSchema = buildTributarySchema()): string {
  return `${SCHEMA_BANNER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
