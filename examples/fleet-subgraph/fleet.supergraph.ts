import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { printTributarySubgraph } from '../../src/schema/build-schema';
import { fleetTypeDefs } from './fleet.subgraph';

/** Tributary and the fleet subgraph composed into a supergraph (what `npm run supergraph` writes). */
export function composeFleetSupergraph(tributaryUrl: string, fleetUrl: string): { supergraphSdl: string; hints: string[] } {
  const result = composeServices([
    { name: 'tributary', url: tributaryUrl, typeDefs: parse(printTributarySubgraph()) },
    { name: 'fleet', url: fleetUrl, typeDefs: fleetTypeDefs },
  ]);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`) };
}
