import { join } from 'node:path';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { printTributarySubgraph } from '../../src/schema/build-schema';
import { ROOT, docExamples, type DocExample } from './doc-examples';
import { leaveOver } from './leftovers';

/**
 * The two subgraphs docs/federation/README.md shows building on Tributary's entities, served
 * from the README's own SDL (so the doc cannot drift from what the tests compose):
 * - `maintenance`: `@interfaceObject` on `Device`, adding `maintenanceNote` to every device;
 * - `picks`: a field returning `IotaapDevice` with `@provides(fields: "name")`.
 */
export const FEDERATION_README = join(ROOT, 'docs', 'federation', 'README.md');

/** The README block whose skip marker starts with `<kind>: <tag>;` (e.g. `subgraph SDL: picks`). */
export function readmeExample(kind: 'subgraph SDL' | 'supergraph', tag: string): DocExample {
  const example = docExamples(FEDERATION_README).find((e) => e.skip?.startsWith(`${kind}: ${tag};`));
  if (!example) throw new Error(`docs/federation/README.md has no block marked "${kind}: ${tag}"`);
  return example;
}

export interface Subgraph {
  name: string;
  url: string;
}

/** A subgraph on loopback, port 0, stopped with the leftovers. */
async function startSubgraph(name: string, resolvers: GraphQLResolverMap<unknown>): Promise<Subgraph> {
  const schema = buildSubgraphSchema([{ typeDefs: parse(readmeExample('subgraph SDL', name).source), resolvers }]);
  // No federated traces: no router here reports to GraphOS.
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  leaveOver(() => server.stop());
  return { name, url };
}

/** Maintenance notes by Tributary global device id; `devicesDue` lists the noted devices. */
export function startMaintenanceSubgraph(notes: ReadonlyMap<string, string>): Promise<Subgraph> {
  const noted = (id: string) => ({ id, maintenanceNote: notes.get(id) ?? null });
  return startSubgraph('maintenance', {
    Query: { devicesDue: () => [...notes.keys()].map(noted) },
    Device: { __resolveReference: (reference: { id: string }) => noted(reference.id) },
  } as GraphQLResolverMap<unknown>);
}

export interface Pick {
  note: string;
  device: { id: string; name: string | null };
}

/** Picks whose devices carry the name this subgraph provides. */
export function startPicksSubgraph(picks: readonly Pick[]): Promise<Subgraph> {
  return startSubgraph('picks', { Query: { picks: () => picks } } as GraphQLResolverMap<unknown>);
}

/** Tributary (at `tributaryUrl`) composed with the given extension subgraphs. */
export function composeWithTributary(tributaryUrl: string, subgraphs: readonly Subgraph[]): CompositionResult {
  return composeServices([
    { name: 'tributary', url: tributaryUrl, typeDefs: parse(printTributarySubgraph()) },
    ...subgraphs.map(({ name, url }) => ({ name, url, typeDefs: parse(readmeExample('subgraph SDL', name).source) })),
  ]);
}
