import type { Config, VendorConfig } from '../config';
import type { KeysetSource } from '../core/keyset-page';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { PollTimer } from '../core/poll-pacing';
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
import type { RequestScope } from '../core/request-scope';
import type { Vendor } from '../core/vendor';
import type { AccountFlow } from './account-flow';
import type { TokenRenewal } from './token-provider';
import type { VendorHealth } from './vendor-health';
import type { VendorReadCache } from './vendor-read-cache';

/**
 * The contract every vendor implements. An adapter lives for the whole process (pools,
 * credential flow, health); `connect` binds it to one caller's credential for one request.
 */
export interface VendorAdapter<A extends VendorApi = VendorApi> {
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
  connect(token: string | null, loader: RecordLoader, renew?: TokenRenewal | null): A;
  /** The capabilities `connect`'s API has, as the vendor declares them (`CapabilityDeclaration`). */
  readonly capabilities: CapabilitySet;
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
  /** The operation's upstream account: vendor calls made for it go through `VendorHttp.within(scope)`. */
  readonly scope: RequestScope;
}

export interface ListArgs {
  offset: number;
  limit: number;
  search: string | null;
  /** What the operation selects on the listed items (root lists only): a read those fields need may start beside the list's. */
  ahead?: SelectedAhead;
}

/**
 * Whether the operation resolves `field` on the listed items of type `typename`; with
 * `withoutArguments`, whether it does so at least once passing no argument values (no arguments,
 * or only nulls and unset variables: the field's default read).
 */
export type SelectedAhead = (typename: string, field: string, withoutArguments?: boolean) => boolean;

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

/** Group writes (`createGroup`, `updateGroup`, `deleteGroup`, members). */
export interface GroupWrites {
  create(args: CreateGroupArgs): Promise<GroupRecord>;
  update(typename: string, nativeId: string, args: UpdateGroupArgs): Promise<GroupRecord>;
  delete(typename: string, nativeId: string): Promise<void>;
  addMembers(group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord>;
  removeMembers(group: GroupRecord, members: readonly MemberRef[]): Promise<GroupRecord>;
}

/** Device writes (`updateDevice`). */
export interface DeviceWrites {
  update(typename: string, nativeId: string, args: UpdateDeviceArgs): Promise<DeviceRecord>;
}

/** Stored data points of a source (`measurements`, `measurementNames`). */
export interface MeasurementReads {
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
}

/**
 * Live feeds, each an AsyncIterable that runs its upstream stream or poller while it is
 * iterated and stops it on `return()`. Sharing one feed among subscribers is the live layer's job.
 */
export interface LiveFeeds {
  measurements?(sources: readonly NodeRecord[], names: readonly string[] | null): AsyncIterable<MeasurementRecord>;
  /** `things` null means every thing of the credential. */
  alertEvents?(things: readonly NodeRecord[] | null): AsyncIterable<AlertEventRecord>;
  deviceStatus?(devices: readonly NodeRecord[]): AsyncIterable<DeviceStatusRecord>;
  /** Messages added or edited in a book after the stamp it was loaded with (a `Book` record). */
  bookMessages?(book: NodeRecord): AsyncIterable<NodeRecord>;
}

/** The filter of `Channel.messages`: one measurement name, one publishing thing (native id). */
export interface ChannelMessageFilter {
  name: string | null;
  publisher: string | null;
}

/**
 * What a vendor may offer beyond listing, loading and relating its records. Each vendor
 * declares the ones its API has (`CapabilityDeclaration`); generic resolvers ask for one with
 * `ctx.capableApi(vendor, capability)`.
 */
export interface Capabilities {
  groups: GroupWrites;
  devices: DeviceWrites;
  measurements: MeasurementReads;
  /** `Channel.messages`: a channel's stored messages, newest first, for keyset paging. */
  channelMessages(channel: NodeRecord, filter: ChannelMessageFilter): KeysetSource<MeasurementRecord>;
  /** `Book.messages`: a book's messages, newest first, for keyset paging. */
  bookMessages(book: NodeRecord, search: string | null): KeysetSource<NodeRecord>;
  live: LiveFeeds;
}
export type Capability = keyof Capabilities;

/** A vendor's API for one request: its sources and relations, and the capabilities it has. */
export interface VendorApi extends Readonly<Partial<Capabilities>> {
  readonly vendor: Vendor;
  readonly sources: readonly EntitySource[];
  readonly relations: RelationReaders;
}

/** A vendor API known to have `C`. */
export type CapableApi<C extends Capability, A extends VendorApi = VendorApi> = A & Readonly<Pick<Capabilities, C>>;

export function hasCapability<C extends Capability, A extends VendorApi>(api: A, capability: C): api is CapableApi<C, A> {
  return api[capability] !== undefined;
}

/**
 * Which capabilities a vendor's API has, each one named: `true` exactly where the API type
 * has it, so a declaration (`… satisfies CapabilityDeclaration<XApi>`) cannot disagree with
 * its class. The contract suite tests every capability declared `true`.
 */
export type CapabilityDeclaration<A extends VendorApi> = { readonly [C in Capability]: A extends Pick<Capabilities, C> ? true : false };
/** A declaration as the registry and tests read it, whatever the vendor. */
export type CapabilitySet = { readonly [C in Capability]: boolean };

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

/** The records one relation of `record` points at (`Device.groups`, `Group.members`, …), paged. */
export type RelationReader = (record: NodeRecord, args: ListArgs) => Promise<VendorPage<NodeRecord>>;

/** The relations of records of `K`: each relation is named after the kind it hangs off. */
export type RelationOf<K extends EntityKind> = Extract<Relation, `${K}.${string}`>;

/**
 * A vendor's relations: a reader for every relation of the kinds it serves, so a relation
 * left out (or misspelt) is a compile error. `NO_RELATED` says a vendor has none on purpose.
 */
export type VendorRelations<K extends EntityKind> = { readonly [R in RelationOf<K>]: RelationReader };

/** Any vendor's relations, as the context layer reads them. */
export type RelationReaders = { readonly [R in Relation]?: RelationReader };

/** The reader of a relation the vendor does not have (Mainflux things have no alerts): always an empty page. */
export const NO_RELATED: RelationReader = () => Promise.resolve({ items: [], total: 0 });

/** One page of `items` (a whole list read at once) at `args`' offset. */
export function relatedSlice<T>(items: readonly T[], args: ListArgs): VendorPage<T> {
  return { items: items.slice(args.offset, args.offset + args.limit), total: items.length };
}

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
  /** Where live pollers and watchdogs schedule and read the time; none means real timers and `Date.now`. */
  clock?: LiveClock;
}

/**
 * The time of the vendors' live machinery (poll timers, Igtimi's offline watchdog): real by
 * default; a test injects one it steps, so live suites never wait on real intervals.
 */
export interface LiveClock {
  now(): number;
  timer: PollTimer;
}

/**
 * A vendor's factory: given its own config (options parsed), it builds the adapter for its own API
 * type. `Ad` is the adapter's own type where it offers more than the contract (Mainflux's live status).
 */
export type AdapterFactory<V extends Vendor = Vendor, A extends VendorApi = VendorApi, Ad extends VendorAdapter<A> = VendorAdapter<A>> = (
  deps: VendorDeps<V>,
) => Ad;
