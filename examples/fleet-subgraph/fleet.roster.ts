import { FLEET_ENTITY, type FleetRoster } from './fleet.subgraph';

/**
 * The example roster: the first `count` IoTaaP devices of a running Tributary, each with a
 * made-up skipper and boat name. Asks for IoTaaP devices by filter: an unfiltered first page
 * is all Igtimi (lists merge in vendor order), which left the fleet empty.
 */
export async function fetchRoster(tributaryUrl: string, count = 10): Promise<FleetRoster> {
  const query = `query FleetRoster($first: Int!) { devices(first: $first, filter: { vendors: [IOTAAP] }) { edges { node { __typename id name } } } }`;
  const response = await fetch(tributaryUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { first: count } }),
  });
  const body = (await response.json()) as {
    data?: { devices: { edges: Array<{ node: { __typename: string; id: string; name: string } }> } } | null;
    errors?: Array<{ message: string }>;
  };
  if (!body.data) throw new Error(`Tributary at ${tributaryUrl} answered: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
  const devices = body.data.devices.edges.map((e) => e.node).filter((d) => d.__typename === FLEET_ENTITY);
  return new Map(devices.map((d, i) => [d.id, { skipper: `Skipper ${i + 1}`, boatName: `${d.name} II` }]));
}
