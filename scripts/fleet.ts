import { startFleetSubgraph, FLEET_ENTITY, type FleetRoster } from '../examples/fleet-subgraph/fleet.subgraph';

/**
 * `npm run fleet`: the example fleet subgraph on 127.0.0.1:4001, with a roster made from the
 * first ten devices of the running Tributary (TRIBUTARY_URL, default the local demo).
 */
async function main(): Promise<void> {
  const tributaryUrl = process.env.TRIBUTARY_URL ?? 'http://127.0.0.1:4000/graphql';
  const query = `{ devices(first: 10) { edges { node { __typename id name } } } }`;
  const response = await fetch(tributaryUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: { devices: { edges: Array<{ node: { __typename: string; id: string; name: string } }> } } };
  const devices = (body.data?.devices.edges ?? []).map((e) => e.node).filter((d) => d.__typename === FLEET_ENTITY);
  const roster: FleetRoster = new Map(devices.map((d, i) => [d.id, { skipper: `Skipper ${i + 1}`, boatName: `${d.name} II` }]));
  const { url } = await startFleetSubgraph(roster, Number(process.env.FLEET_PORT ?? 4001));
  process.stdout.write(`Fleet subgraph at ${url} with ${roster.size} boats\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fleet failed: ${error instanceof Error ? error.message : String(error)} (is Tributary running?)\n`);
  process.exit(1);
});
