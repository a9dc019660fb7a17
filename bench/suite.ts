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
    name: 'igtimi-fleet-dashboard',
    description: '20 Igtimi boats with their latest position and wind',
    query:
      '{ devices(first: 20, filter: { vendors: [IGTIMI] }) { edges { node { name serialNumber measurements(last: 1, names: ["latitude", "longitude", "aws", "awa"]) { name value time } } } } }',
    // GET /devices (one page), then ONE resources/data call carrying every serial.
    minimumCalls: { igtimi: 2 },
    criticalPath: 2,
  },
  {
    name: 'mainflux-building-overview',
    description: 'Mainflux channels with their things and last message',
    query:
      '{ channels(first: 5, filter: { vendors: [MAINFLUX] }) { edges { node { name things { name } ... on MainfluxChannel { messages(first: 1) { edges { node { name value time } } } } } } } }',
    // GET /channels, then per channel its things and one readers page (no batch form for either).
    minimumCalls: { mainflux: 11 },
    criticalPath: 2,
  },
  {
    name: 'thingsee-office',
    description: 'Thingsee things with battery, active alerts and deployment group',
    query:
      '{ things(first: 10, filter: { vendors: [THINGSEE] }) { edges { node { name batteryLevel groups { name } ... on ThingseeThing { alerts { type active } } } } } }',
    // No "all things" call: GET /groups, each group's things (4 + unassigned), one GET per thing;
    // one things/alerts for every alerting thing, then the alert details of the 2 alerting ones.
    minimumCalls: { thingsee: 19 },
    criticalPath: 3,
  },
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
  {
    name: 'timetonic-books',
    description: 'TimeTonic books with their last message and the first page of their first table',
    query:
      '{ books(first: 5) { edges { node { title unreadCount lastMessage { author text createdAt } tables { name ... on TimetonicTable { rows(first: 10) { edges { node { id } } } } } } } } }',
    // getAllBooks (1) carries each book's last message; then getBookTables per book (5) and one
    // getTableValues per table shown (4 of the 5 books have tables): 10. No batch form spans books.
    minimumCalls: { timetonic: 10 },
    criticalPath: 3,
  },
  {
    name: 'cross-vendor-overview',
    description: 'every vendor at once: devices, things and groups, first page each',
    query:
      '{ devices(first: 10) { totalCount edges { node { vendor name } } } things(first: 10) { totalCount edges { node { vendor name } } } groups(first: 10) { totalCount edges { node { vendor name } } } }',
    // One list call per vendor and kind, in parallel (Igtimi has two group kinds); Thingsee things
    // need their walk, whose GET /groups also answers the group list.
    minimumCalls: { igtimi: 3, iotaap: 2, mainflux: 2, thingsee: 16 },
    criticalPath: 3,
  },
];
