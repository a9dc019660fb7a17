/**
 * Cost growth: the same query at growing page sizes. Batchable paths must cost the same number
 * of upstream calls whatever N is (Igtimi latest data, IoTaaP groups); vendors without batch
 * reads grow with N by their documented minimum (Thingsee things).
 */
export interface GrowthCase {
  name: string;
  sizes: number[];
  query(n: number): string;
  /** The fewest calls the vendor allows at page size n. */
  minimum(n: number): number;
}

export const GROWTH: GrowthCase[] = [
  {
    name: 'igtimi latest wind per boat',
    sizes: [3, 6, 12],
    query: (n) => `{ devices(first: ${n}, filter: { vendors: [IGTIMI] }) { edges { node { measurements(last: 1, names: ["aws"]) { value } } } } }`,
    minimum: () => 2,
  },
  {
    name: 'iotaap devices with group',
    sizes: [10, 20, 40],
    query: (n) => `{ devices(first: ${n}, filter: { vendors: [IOTAAP] }) { edges { node { ... on IotaapDevice { group { name } } } } } }`,
    minimum: () => 2,
  },
  {
    name: 'thingsee things (no batch read)',
    sizes: [5, 10, 20],
    query: (n) => `{ things(first: ${n}, filter: { vendors: [THINGSEE] }) { edges { node { name } } } }`,
    // GET /groups + each group's things (5) + one GET per thing.
    minimum: (n) => 6 + n,
  },
];
