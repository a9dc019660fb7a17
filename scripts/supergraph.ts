import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeFleetSupergraph } from '../examples/fleet-subgraph/fleet.supergraph';

/**
 * `npm run supergraph`: composes Tributary with the example fleet subgraph and writes
 * docs/federation/supergraph.graphql (what Apollo Router or Hive Gateway loads).
 * Subgraph URLs default to the local demo ports; override with TRIBUTARY_URL / FLEET_URL.
 */
const tributaryUrl = process.env.TRIBUTARY_URL ?? 'http://127.0.0.1:4000/graphql';
const fleetUrl = process.env.FLEET_URL ?? 'http://127.0.0.1:4001/';

try {
  const { supergraphSdl, hints } = composeFleetSupergraph(tributaryUrl, fleetUrl);
  writeFileSync(join(__dirname, '..', 'docs', 'federation', 'supergraph.graphql'), supergraphSdl);
  for (const hint of hints) process.stdout.write(`hint: ${hint}\n`);
  process.stdout.write(`Wrote docs/federation/supergraph.graphql (tributary at ${tributaryUrl}, fleet at ${fleetUrl})\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
