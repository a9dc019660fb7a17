import { count, edges, type Facts } from './answer-check';

/**
 * The benchmark queries: what a front-end asks on its main screens. Each declares what its
 * answer must contain (checked before any number is kept: an empty or partial answer measures
 * nothing) and the cheapest upstream plan the documented vendor APIs allow for it, route by
 * route, from which the fewest calls and the fewest bytes are computed (docs/performance.md).
 * The simulators run with their seeds and live generators off, so answers are the same on
 * every run and every server; the Igtimi boats answer the newest seeded point of each type.
 */
export interface BenchQuery {
  name: string;
  /** What screen this stands for. */
  description: string;
  query: string;
  /** Facts every answer must show, exactly (see `facts`). */
  expected: Facts;
  /** Counts read off an answer: records, values, names shown. */
  facts(data: unknown): Facts;
  /**
   * The cheapest plan the documented APIs allow: calls per vendor and simulator route. Every
   * call asks the narrowest form the vendor documents (page size = items shown, `limit=1` for a
   * last message, `resources/data/latest` per data type for latest values); none of these APIs
   * selects fields, so such a call's answer is the fewest bytes it can cost.
   */
  minimumPlan: Record<string, Record<string, number>>;
  /**
   * The gateway's own plan where it must ask more than the minimum, with the reason; the
   * benchmark still reports calls and bytes against `minimumPlan`.
   */
  plan?: { calls: Record<string, Record<string, number>>; why: string };
  /** Longest chain of dependent vendor calls (the floor is this × injected latency). */
  criticalPath: number;
}

export const SUITE: BenchQuery[] = [
  {
    name: 'igtimi-fleet-dashboard',
    description: 'Igtimi boats with their latest position and wind (12 boats, 3 spares without data)',
    query:
      '{ devices(first: 20, filter: { vendors: [IGTIMI] }) { edges { node { name serialNumber measurements(last: 1, names: ["latitude", "longitude", "aws", "awa"]) { name value time } } } } }',
    expected: { devices: 15, 'devices with 4 latest values': 12, 'devices without data': 3, values: 48 },
    facts: (data) => {
      const values = edges(data, 'devices').map((node) => count(node.measurements));
      return {
        devices: values.length,
        'devices with 4 latest values': values.filter((n) => n === 4).length,
        'devices without data': values.filter((n) => n === 0).length,
        values: values.reduce((a, b) => a + b, 0),
      };
    },
    // GET /devices (the whole list: Igtimi does not page it), then resources/data/latest once per
    // data type (1 position, 11 AWA, 12 AWS), every serial in each, in parallel. One
    // resources/data call would do in 2 calls, but answers every point of the window.
    minimumPlan: { igtimi: { 'GET /api/v1/devices': 1, 'GET /api/v1/resources/data/latest': 3 } },
    criticalPath: 2,
  },
  {
    name: 'mainflux-building-overview',
    description: 'Mainflux channels with their things and last message',
    query:
      '{ channels(first: 5, filter: { vendors: [MAINFLUX] }) { edges { node { name things { name } ... on MainfluxChannel { messages(first: 1) { edges { node { name value time } } } } } } } }',
    expected: { channels: 5, 'channels with things': 5, things: 38, 'last messages': 4 },
    facts: (data) => {
      const channels = edges(data, 'channels');
      return {
        channels: channels.length,
        'channels with things': channels.filter((c) => count(c.things) > 0).length,
        things: channels.reduce((n, c) => n + count(c.things), 0),
        'last messages': channels.reduce((n, c) => n + edges(c, 'messages').length, 0),
      };
    },
    // GET /channels, then per channel its things and one readers page of limit 1 (no batch form for either).
    // The readers take a thing key ("Authorization: Thing <thing_key>"), so a channel's page waits
    // for its things: three dependent reads.
    // The gateway reads just that: messages of one instant keep the readers' order (a rank in the
    // keyset cursor), so a tie at the newest second needs no second read, and hasNextPage comes
    // from the readers' `total`.
    minimumPlan: { mainflux: { 'GET /channels': 1, 'GET /channels/:id/things': 5, 'GET /channels/:id/messages': 5 } },
    criticalPath: 3,
  },
  {
    name: 'thingsee-office',
    description: 'Thingsee things with battery, active alerts and deployment group',
    query:
      '{ things(first: 10, filter: { vendors: [THINGSEE] }) { edges { node { name batteryLevel groups { name } ... on ThingseeThing { alerts { type active } } } } } }',
    expected: { things: 10, 'things with battery': 10, 'things with a named group': 10, alerts: 2 },
    facts: (data) => {
      const things = edges(data, 'things');
      return {
        things: things.length,
        'things with battery': things.filter((t) => typeof t.batteryLevel === 'number').length,
        'things with a named group': things.filter((t) => (t.groups as Array<{ name?: unknown }>).some((g) => typeof g.name === 'string')).length,
        alerts: things.reduce((n, t) => n + count(t.alerts), 0),
      };
    },
    // No "all things" call: GET /groups, each group's things (4 + unassigned), one GET per thing;
    // one things/alerts for every alerting thing, then the alert details of the 2 alerting ones.
    minimumPlan: {
      thingsee: { 'GET /groups': 1, 'GET /groups/:groupid/things': 5, 'GET /things/:tuid': 10, 'GET /things/alerts': 1, 'GET /things/:tuid/alerts': 2 },
    },
    criticalPath: 3,
  },
  {
    name: 'iotaap-devices-with-groups',
    description: 'IoTaaP devices with their group',
    query: '{ devices(first: 40, filter: { vendors: [IOTAAP] }) { totalCount edges { node { id name ... on IotaapDevice { group { name } } } } } }',
    expected: { devices: 40, totalCount: 40, 'devices with a group name': 34 },
    facts: (data) => {
      const devices = edges(data, 'devices');
      return {
        devices: devices.length,
        totalCount: (data as { devices: { totalCount: number } }).devices.totalCount,
        'devices with a group name': devices.filter((d) => typeof (d.group as { name?: unknown } | null)?.name === 'string').length,
      };
    },
    // GET /devices (one page of 40) and one GET /groups for every group at once, side by side:
    // the group list does not depend on the devices (the gateway starts it ahead when `group` is selected).
    minimumPlan: { iotaap: { 'GET /devices': 1, 'GET /groups': 1 } },
    criticalPath: 1,
  },
  {
    name: 'iotaap-groups-with-members',
    description: 'IoTaaP groups with a member count each',
    query: '{ groups(first: 6, filter: { vendors: [IOTAAP] }) { edges { node { name members(first: 10) { totalCount } } } } }',
    expected: { groups: 6, members: 34 },
    facts: (data) => {
      const groups = edges(data, 'groups');
      return { groups: groups.length, members: groups.reduce((n, g) => n + (g.members as { totalCount: number }).totalCount, 0) };
    },
    // GET /groups, then GET /groups/devices/{id} per group (no batch form at IoTaaP).
    minimumPlan: { iotaap: { 'GET /groups': 1, 'GET /groups/devices/:id': 6 } },
    criticalPath: 2,
  },
  {
    name: 'timetonic-books',
    description: 'TimeTonic books with their last message and the first page of their first table',
    query:
      '{ books(first: 5) { edges { node { title unreadCount lastMessage { author text createdAt } tables { name ... on TimetonicTable { rows(first: 10) { edges { node { id } } } } } } } } }',
    expected: { books: 5, 'books with a last message': 5, tables: 4, rows: 40 },
    facts: (data) => {
      const books = edges(data, 'books');
      const tables = books.flatMap((b) => (b.tables as Array<Record<string, unknown>> | null) ?? []);
      return {
        books: books.length,
        'books with a last message': books.filter((b) => b.lastMessage).length,
        tables: tables.length,
        rows: tables.reduce((n, t) => n + edges(t, 'rows').length, 0),
      };
    },
    // getAllBooks (1) carries each book's last message; then getBookTables per book (5) and one
    // getTableValues per table shown (4 of the 5 books have tables): 10. No batch form spans books.
    minimumPlan: { timetonic: { 'POST /api.php': 10 } },
    criticalPath: 3,
  },
  {
    name: 'cross-vendor-overview',
    description: 'every vendor at once: devices, things and groups, first page each',
    query:
      '{ devices(first: 10) { totalCount edges { node { vendor name } } } things(first: 10) { totalCount edges { node { vendor name } } } groups(first: 10) { totalCount edges { node { vendor name } } } }',
    expected: { devices: 10, things: 10, groups: 10, 'devices in all': 55, 'things in all': 95, 'groups in all': 21 },
    facts: (data) => {
      const total = (field: string) => (data as Record<string, { totalCount: number }>)[field]!.totalCount;
      return {
        devices: edges(data, 'devices').length,
        things: edges(data, 'things').length,
        groups: edges(data, 'groups').length,
        'devices in all': total('devices'),
        'things in all': total('things'),
        'groups in all': total('groups'),
      };
    },
    // One list call per vendor and kind, in parallel (Igtimi has two group kinds); Thingsee things
    // need their walk, whose GET /groups also answers the group list.
    minimumPlan: {
      igtimi: { 'GET /api/v1/devices': 1, 'GET /api/v1/groups': 1, 'GET /api/v1/devicegroups': 1 },
      iotaap: { 'GET /devices': 1, 'GET /groups': 1 },
      mainflux: { 'GET /things': 1, 'GET /groups': 1 },
      thingsee: { 'GET /groups': 1, 'GET /groups/:groupid/things': 5, 'GET /things/:tuid': 10 },
    },
    criticalPath: 3,
  },
];

/** Fewest calls per vendor of a plan. */
export function minimumCalls(plan: BenchQuery['minimumPlan']): Record<string, number> {
  return Object.fromEntries(Object.entries(plan).map(([vendor, routes]) => [vendor, Object.values(routes).reduce((a, b) => a + b, 0)]));
}
