import { fetchRoster } from '../examples/fleet-subgraph/fleet.roster';
import { startFleetSubgraph } from '../examples/fleet-subgraph/fleet.subgraph';

/**
 * `npm run fleet`: the example fleet subgraph on 127.0.0.1:4001, with a roster made from the
 * first ten IoTaaP devices of the running Tributary (TRIBUTARY_URL, default the local demo).
 */
async function main(): Promise<void> {
  const tributaryUrl = process.env.TRIBUTARY_URL ?? 'http://127.0.0.1:4000/graphql';
  const roster = await fetchRoster(tributaryUrl);
  const { url } = await startFleetSubgraph(roster, Number(process.env.FLEET_PORT ?? 4001));
  process.stdout.write(`Fleet subgraph at ${url} with ${roster.size} boats\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fleet failed: ${error instanceof Error ? error.message : String(error)} (is Tributary running?)\n`);
  process.exit(1);
});
