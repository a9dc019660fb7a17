import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { fleetTypeDefs } from '../examples/fleet-subgraph/fleet.subgraph';
import { printTributarySubgraph } from '../src/schema/build-schema';

/**
 * `npm run supergraph`: composes Tributary with the example fleet subgraph and writes
 * docs/federation/supergraph.graphql (what Apollo Router or Hive Gateway loads).
 * Subgraph URLs default to the local demo ports; override with TRIBUTARY_URL / FLEET_URL.
 */
const tributaryUrl = process.env.TRIBUTARY_URL ?? 'http://127.0.0.1:4000/graphql';
const fleetUrl = process.env.FLEET_URL ?? 'http://127.0.0.1:4001/';

const result = composeServices([
  { name: 'tributary', url: tributaryUrl, typeDefs: parse(printTributarySubgraph()) },
  { name: 'fleet', url: fleetUrl, typeDefs: fleetTypeDefs },
]);
if (result.errors) {
  process.stderr.write(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}\n`);
  process.exit(1);
}
const target = join(__dirname, '..', 'docs', 'federation', 'supergraph.graphql');
writeFileSync(target, result.supergraphSdl);
for (const hint of result.hints) process.stdout.write(`hint: ${hint.definition.code}: ${hint.message}\n`);
process.stdout.write(`Wrote docs/federation/supergraph.graphql (tributary at ${tributaryUrl}, fleet at ${fleetUrl})\n`);
