/**
 * The benchmark queries: what a front-end asks on its main screens. Each names the fewest
 * upstream calls the vendor APIs allow for it (see docs/performance.md for how each is computed).
 */
export interface BenchQuery {
  name: string;
  /** What screen this stands for. */
  description: string;
  query: string;
  /** Fewest upstream calls per vendor the documented APIs allow for this query. */
  minimumCalls: Record<string, number>;
  /** Longest chain of dependent vendor calls (the floor is this × injected latency). */
  criticalPath: number;
}

export const SUITE: BenchQuery[] = [
  {
    name: 'iotaap-devices-with-groups',
    description: 'IoTaaP devices with their group',
    query: '{ devices(first: 40, filter: { vendors: [IOTAAP] }) { totalCount edges { node { id name ... on IotaapDevice { group { name } } } } } }',
    // GET /devices (one page of 40) then one GET /groups for every group id at once.
    minimumCalls: { iotaap: 2 },
    criticalPath: 2,
  },
  {
    name: 'iotaap-groups-with-members',
    description: 'IoTaaP groups with a member count each',
    query: '{ groups(first: 6, filter: { vendors: [IOTAAP] }) { edges { node { name members(first: 10) { totalCount } } } } }',
    // GET /groups, then GET /groups/devices/{id} per group (no batch form at IoTaaP).
    minimumCalls: { iotaap: 7 },
    criticalPath: 2,
  },
];
