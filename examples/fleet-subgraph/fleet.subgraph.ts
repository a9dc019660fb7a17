import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * An example second subgraph, as a platform team would own it: it knows skippers and boat
 * names, and adds them to Tributary's devices by key. Used by `npm run supergraph`, the
 * federation tests and docs/federation/.
 */
export const FLEET_ENTITY = 'IotaapDevice';

export const fleetTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type ${FLEET_ENTITY} @key(fields: "id") {
    id: ID!
    "Who sails the boat carrying this device."
    skipper: String
    "The boat's name."
    boatName: String
  }

  type FleetEntry {
    device: ${FLEET_ENTITY}!
    skipper: String!
  }

  type Query {
    "Every boat the fleet office registered, with its device."
    fleet: [FleetEntry!]!
  }
`);

/** Fleet records keyed by Tributary global device id. */
export type FleetRoster = Map<string, { skipper: string; boatName: string }>;

export function fleetSchema(roster: FleetRoster) {
  return buildSubgraphSchema([
    {
      typeDefs: fleetTypeDefs,
      resolvers: {
        Query: {
          fleet: () => [...roster].map(([id, entry]) => ({ device: { __typename: FLEET_ENTITY, id }, skipper: entry.skipper })),
        },
        [FLEET_ENTITY]: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id, ...roster.get(ref.id) }),
        },
      } as never,
    },
  ]);
}

/** Starts the fleet subgraph on loopback (port 0 by default). */
export async function startFleetSubgraph(roster: FleetRoster, port = 0): Promise<{ url: string; stop: () => Promise<void> }> {
  // No federated traces: the example has no router reporting to GraphOS (and no start-up line about it).
  const server = new ApolloServer({ schema: fleetSchema(roster), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
