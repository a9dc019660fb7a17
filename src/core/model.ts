import type { Vendor } from './vendor';

/**
 * The records vendors map their payloads into and the schema renders. Every record carries
 * the GraphQL type that renders it (`typename`), its vendor and native id, and the vendor's
 * payload with secrets redacted (`raw`).
 */
export interface NodeRecord {
  typename: string;
  vendor: Vendor;
  nativeId: string;
  raw: Record<string, unknown>;
}

/** The unified entity kinds; each is a GraphQL interface with one implementation per vendor. */
export const ENTITY_KINDS = ['Device', 'Thing', 'Group', 'Session', 'Channel', 'Book', 'Alert'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface DeviceRecord extends NodeRecord {
  name: string | null;
  serialNumber: string | null;
  model: string | null;
  lastSeenAt: Date | null;
  createdAt: Date | null;
}

export interface ThingRecord extends NodeRecord {
  name: string | null;
  metadata: Record<string, unknown> | null;
  lastSeenAt: Date | null;
  batteryLevel: number | null;
  location: GeoPoint | null;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
  altitude?: number | null;
}

export interface GroupRecord extends NodeRecord {
  name: string | null;
  description: string | null;
  createdAt: Date | null;
}

export interface SessionRecord extends NodeRecord {
  name: string | null;
  startTime: Date | null;
  endTime: Date | null;
}

export interface ChannelRecord extends NodeRecord {
  name: string | null;
  metadata: Record<string, unknown> | null;
}

export interface BookRecord extends NodeRecord {
  code: string;
  owner: string;
  title: string | null;
  unreadCount: number | null;
}

export interface AlertRecord extends NodeRecord {
  type: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  active: boolean;
}

export interface EntityRecords {
  Device: DeviceRecord;
  Thing: ThingRecord;
  Group: GroupRecord;
  Session: SessionRecord;
  Channel: ChannelRecord;
  Book: BookRecord;
  Alert: AlertRecord;
}

/** One data point, SenML-shaped. */
export interface MeasurementRecord {
  vendor: Vendor;
  sourceTypename: string;
  sourceNativeId: string;
  name: string;
  /** The standard unit of the quantity: SenML's, angles in `deg` (core/units.ts). */
  unit: string | null;
  time: Date;
  /** In the standard unit of the quantity (core/units.ts `inStandardUnit`). */
  value: number | null;
  /** As the vendor sent them. */
  vendorValue: number | null;
  vendorUnit: string | null;
  stringValue: string | null;
  boolValue: boolean | null;
  raw: Record<string, unknown>;
  /**
   * Set on points pushed by a live feed: their `source` is resolved from the live layer's
   * shared source cache (one lookup per source a minute), not once per event and subscriber.
   */
  fromLive?: boolean;
}

/** An alert raised or cleared, as pushed by `alertEvents`. */
export interface AlertEventRecord {
  kind: 'RAISED' | 'CLEARED';
  alert: AlertRecord;
  at: Date;
}

/** A change of a device's (or thing's) reported status, as pushed by `deviceStatusChanged`. */
export interface DeviceStatusRecord {
  source: NodeRecord;
  online: boolean | null;
  batteryLevel: number | null;
  lastSeenAt: Date | null;
  at: Date;
  raw: Record<string, unknown>;
}

/** One page of a vendor list, as offset + total. */
export interface VendorPage<T> {
  items: T[];
  total: number;
}
