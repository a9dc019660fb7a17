import type { Config, VendorConfig } from '../config';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type {
  AlertEventRecord,
  DeviceRecord,
  DeviceStatusRecord,
  EntityKind,
  EntityRecords,
  GroupRecord,
  MeasurementRecord,
  NodeRecord,
  VendorPage,
} from '../core/model';
import type { RequestMemo } from '../core/request-memo';
import type { Vendor } from '../core/vendor';
import type { AccountFlow } from './account-flow';
import type { TokenRenewal } from './token-provider';
import type { VendorHealth } from './vendor-health';
import type { VendorReadCache } from './vendor-read-cache';

/**
 * The contract every vendor implements. An adapter lives for the whole process (pools,
 * credential flow, health); `connect` binds it to one caller's credential for one request.
 */
export interface VendorAdapter {
  readonly vendor: Vendor;
  readonly configured: boolean;
  readonly health: VendorHealth;
  /** Every GraphQL object type this vendor renders, with the interface it implements. */
  readonly types: readonly VendorTypeInfo[];
  /**
   * The vendor API for one request. `token` is the caller's own (`x-<vendor>-token` header, WS
   * connectionParams or a linked account), or null to use the gateway's configured credential;
   * `renew` (linked accounts only) renews it when the vendor refuses it mid-request.
   */
  connect(token: string | null, loader: RecordLoader, renew?: TokenRenewal | null): VendorApi;
  /** How a caller links its own account here; absent where linking is not offered. */
  readonly accountFlow?: AccountFlow;
  close(): Promise<void>;
}

export interface VendorTypeInfo {
  typename: string;
  kind: EntityKind;
  /** Format check of a native id, run before any vendor call (no path injection, no wasted call). */
  isValidNativeId(nativeId: string): boolean;
}

/** What vendor code may ask of the request's loaders (implemented by the context layer). */
export interface RecordLoader {
  load<T extends NodeRecord>(typename: string, nativeId: string): Promise<T>;
  prime(records: readonly NodeRecord[]): void;
  /** The request's memo of whole reads (pages, relation lists), living as long as the loaders. */
  readonly memo: RequestMemo;
}

export interface ListArgs {
  offset: number;
  limit: number;
  search: string | null;
}

/** One GraphQL type's records from one vendor: a paged list and a batch load. */
export interface EntitySource<K extends EntityKind = EntityKind> {
  typename: string;
  kind: K;
  list(args: ListArgs): Promise<VendorPage<EntityRecords[K]>>;
  /** DataLoader batch function: same length and order as `ids`, an Error for each missing id. */
  loadMany(ids: readonly string[]): Promise<Array<EntityRecords[K] | Error>>;
}

export interface CreateGroupArgs {
  name: string;
  description: string | null;
}

export interface UpdateGroupArgs {
  name?: string | null;
  description?: string | null;
}

export interface UpdateDeviceArgs {
  name?: string | null;
  /** Native id of the group to move the device into; null removes it from its group. */
  groupNativeId?: string | null;
}

/** A measurement name a source offers, with the unit its vendor gives it in. */
export interface MeasurementName {
  name: string;
  unit: string | null;
}

export interface MeasurementArgs {
  names: readonly string[] | null;
  from: Date | null;
  to: Date | null;
  last: number | null;
}

/** Optional capabilities; a vendor offers the ones its API has. */
export interface VendorApi {
  readonly vendor: Vendor;
  readonly sources: readonly EntitySource[];
  readonly groups?: {
    create(args: CreateGroupArgs): Promise<GroupRecord>;
    update(typename: string, nativeId: string, args: UpdateGroupArgs): Promise<GroupRecord>;
    delete(typename: string, nativeId: string): Promise<void>;
    addMembers(group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord>;
    removeMembers(group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord>;
  };
  readonly devices?: {
    update(typename: string, nativeId: string, args: UpdateDeviceArgs): Promise<DeviceRecord>;
  };
  /**
   * The records a relation field of a unified interface points at (`Device.groups`,
   * `Group.members`, …), paged. A relation the vendor does not have answers an empty page.
   */
  related?(record: NodeRecord, relation: Relation, args: ListArgs): Promise<VendorPage<NodeRecord>>;
  readonly measurements?: {
    /** Points of one source; `args.names` holds only names the source offers (or null: all). */
    forSource(source: NodeRecord, args: MeasurementArgs): Promise<MeasurementRecord[]>;
    /** Every name the source offers, with the vendor's unit (`measurementNames`). */
    offered(source: NodeRecord): Promise<MeasurementName[]>;
    /**
     * Which of `names` the source does not offer. A vendor with a fixed catalogue answers
     * without a call and is asked before the read (`catalogued: true`); otherwise it is asked
     * after the read, only about names that found no points.
     */
    notOffered(source: NodeRecord, names: readonly string[]): Promise<string[]>;
    readonly catalogued: boolean;
  };
  /**
   * Live feeds, each an AsyncIterable that runs its upstream stream or poller while it is
   * iterated and stops it on `return()`. Sharing one feed among subscribers is the live layer's job.
   */
  readonly live?: {
    measurements?(sources: readonly NodeRecord[], names: readonly string[] | null): AsyncIterable<MeasurementRecord>;
    /** `things` null means every thing of the credential. */
    alertEvents?(things: readonly NodeRecord[] | null): AsyncIterable<AlertEventRecord>;
    deviceStatus?(devices: readonly NodeRecord[]): AsyncIterable<DeviceStatusRecord>;
  };
}

/** Relation fields shared by the unified interfaces, resolved by each vendor. */
export const RELATIONS = [
  'Device.groups',
  'Thing.groups',
  'Thing.channels',
  'Thing.alerts',
  'Group.members',
  'Session.devices',
  'Channel.things',
  'Alert.thing',
  'Book.tables',
] as const;
export type Relation = (typeof RELATIONS)[number];

export interface MemberRef {
  typename: string;
  nativeId: string;
}

/** What every adapter factory receives: `config` is its own vendor's, options parsed. */
export interface VendorDeps<V extends Vendor = Vendor> {
  config: VendorConfig<V>;
  gateway: Pick<
    Config,
    | 'vendorTimeoutMs'
    | 'vendorRetries'
    | 'vendorConcurrency'
    | 'vendorBreakerThreshold'
    | 'vendorBreakerHalfOpenMs'
    | 'vendorCacheTtlMs'
    | 'vendorStaleIfErrorMs'
  >;
  metrics: Metrics;
  logger: Logger;
  /** The shared GET cache (memory or Redis); none means no caching and no stale answers. */
  cache?: VendorReadCache | null;
}

export type AdapterFactory<V extends Vendor = Vendor> = (deps: VendorDeps<V>) => VendorAdapter;
