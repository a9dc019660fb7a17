/**
 * Every GraphQL operation the dashboard sends, typed by hand beside its document (the dashboard
 * selects few fields; each type mirrors its selection).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';

export type Vendor = 'IGTIMI' | 'IOTAAP' | 'MAINFLUX' | 'TIMETONIC' | 'THINGSEE';
export const VENDORS: readonly Vendor[] = ['IGTIMI', 'IOTAAP', 'MAINFLUX', 'TIMETONIC', 'THINGSEE'];

export interface VendorStatus {
  __typename?: 'VendorStatus';
  vendor: Vendor;
  state: 'OK' | 'DEGRADED' | 'DOWN' | 'NOT_CONFIGURED';
  circuit: 'CLOSED' | 'HALF_OPEN' | 'OPEN';
  lastErrorCode: string | null;
}

const VENDOR_STATUS_FIELDS = 'vendor state circuit lastErrorCode';

export const VENDORS_QUERY: TypedDocumentNode<{ vendors: VendorStatus[] }> = gql`
  query DashboardVendors { vendors { ${VENDOR_STATUS_FIELDS} } }
`;

export const VENDOR_STATUS_CHANGED: TypedDocumentNode<{ vendorStatusChanged: VendorStatus }> = gql`
  subscription DashboardVendorStatus { vendorStatusChanged { ${VENDOR_STATUS_FIELDS} } }
`;

/** A cheap read that makes the gateway call one vendor, so its state follows an outage at once. */
export const VENDOR_PROBE: TypedDocumentNode<unknown, { vendors: Vendor[] }> = gql`
  query DashboardVendorProbe($vendors: [Vendor!]) {
    groups(first: 1, filter: { vendors: $vendors }) { totalCount }
    books(first: 1, filter: { vendors: $vendors }) { totalCount }
  }
`;

export interface Point {
  name: string;
  value: number | null;
  unit: string | null;
  time: string;
  source: { id: string };
}

const POINT_FIELDS = 'name value unit time source { id }';

export interface NamedNode {
  id: string;
  vendor: Vendor;
  name: string | null;
  nativeId: string;
}

export const FLEET_QUERY: TypedDocumentNode<{ devices: { edges: { node: NamedNode & { serialNumber: string | null } }[] } }> = gql`
  query DashboardFleet {
    devices(first: 50, filter: { vendors: [IGTIMI] }) { edges { node { id vendor name nativeId serialNumber } } }
  }
`;

export const LIVE_POINTS: TypedDocumentNode<{ measurements: Point }, { sourceIds: string[]; names: string[] }> = gql`
  subscription DashboardLivePoints($sourceIds: [ID!]!, $names: [String!]) {
    measurements(sourceIds: $sourceIds, names: $names) { ${POINT_FIELDS} }
  }
`;

export const HISTORY: TypedDocumentNode<{ measurements: Point[] }, { sourceIds: string[]; names: string[]; from?: string; last?: number }> = gql`
  query DashboardHistory($sourceIds: [ID!]!, $names: [String!], $from: DateTimeISO, $last: Int) {
    measurements(sourceIds: $sourceIds, names: $names, from: $from, last: $last) { ${POINT_FIELDS} }
  }
`;

export interface DeviceRecord extends NamedNode {
  __typename: string;
  serialNumber: string | null;
  model: string | null;
  lastSeenAt: string | null;
  createdAt: string | null;
  groups: { id: string; name: string | null }[] | null;
}

export const DEVICE_RECORD: TypedDocumentNode<{ node: DeviceRecord | null }, { id: string }> = gql`
  query DashboardDevice($id: ID!) {
    node(id: $id) {
      id
      ... on Device { vendor name nativeId serialNumber model lastSeenAt createdAt groups { id name } }
    }
  }
`;

export const BUILDINGS_QUERY: TypedDocumentNode<{
  thingsee: { edges: { node: NamedNode }[] };
  mainflux: { edges: { node: NamedNode }[] };
}> = gql`
  query DashboardBuildings {
    thingsee: things(first: 12, filter: { vendors: [THINGSEE] }) { edges { node { id vendor name nativeId } } }
    mainflux: things(first: 12, filter: { vendors: [MAINFLUX] }) { edges { node { id vendor name nativeId } } }
  }
`;

export interface AlertEvent {
  kind: 'RAISED' | 'CLEARED';
  at: string;
  alert: {
    id: string;
    vendor: Vendor;
    type: string | null;
    active: boolean;
    thing: { id: string; name: string | null; nativeId: string } | null;
  };
}

export const ALERT_EVENTS: TypedDocumentNode<{ alertEvents: AlertEvent }> = gql`
  subscription DashboardAlerts {
    alertEvents { kind at alert { id vendor type active thing { id name nativeId } } }
  }
`;

export interface BookMessage {
  nativeId: string;
  text: string;
  author: string;
  createdAt: string;
  deleted: boolean;
}

export interface Book {
  id: string;
  vendor: Vendor;
  title: string | null;
  code: string;
  unreadCount: number | null;
  lastMessage: BookMessage | null;
}

const MESSAGE_FIELDS = 'nativeId text author createdAt deleted';

export const BOOKS_QUERY: TypedDocumentNode<{ books: { edges: { node: Book }[] } }> = gql`
  query DashboardBooks {
    books(first: 8) { edges { node { id vendor title code unreadCount lastMessage { ${MESSAGE_FIELDS} } } } }
  }
`;

export const BOOK_MESSAGE_ADDED: TypedDocumentNode<{ bookMessageAdded: BookMessage }, { bookId: string }> = gql`
  subscription DashboardBookMessages($bookId: ID!) { bookMessageAdded(bookId: $bookId) { ${MESSAGE_FIELDS} } }
`;

export interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: NamedNode & { __typename: string } }[];
}

export type ListKind = 'devices' | 'things' | 'groups';
export interface ListVariables {
  first: number;
  after?: string | null;
  filter: { vendors?: Vendor[]; search?: string };
}

const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id vendor name nativeId } }';

/** The paged lists, one document per root field (Relay pagination merges pages per filter). */
export const LIST_QUERIES: Record<ListKind, TypedDocumentNode<Partial<Record<ListKind, Page>>, ListVariables>> = {
  devices: gql`query DashboardDevices($first: Int, $after: String, $filter: DeviceFilter) { devices(first: $first, after: $after, filter: $filter) { ${PAGE_FIELDS} } }`,
  things: gql`query DashboardThings($first: Int, $after: String, $filter: ThingFilter) { things(first: $first, after: $after, filter: $filter) { ${PAGE_FIELDS} } }`,
  groups: gql`query DashboardGroups($first: Int, $after: String, $filter: GroupFilter) { groups(first: $first, after: $after, filter: $filter) { ${PAGE_FIELDS} } }`,
};
