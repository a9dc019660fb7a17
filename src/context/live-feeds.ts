import { BadUserInputError } from '../core/errors';
import { decodeId, encodeId } from '../core/ids';
import { mergeAsync } from '../core/merge-async';
import { pushFeed, type ConflateKey, type DropReason } from '../core/push-feed';
import type { AlertEventRecord, DeviceStatusRecord, MeasurementRecord, NodeRecord } from '../core/model';
import type { Vendor } from '../core/vendor';
import type { LiveTopic } from '../live/topic-hub';
import type { Relation, VendorApi } from '../vendors/adapter';
import type { RequestContext } from './context';
import { loadById, measurementsOf, relatedAll } from './entity-reads';

type LiveFeeds = NonNullable<VendorApi['live']>;

/**
 * Live data points of the given sources. Each source is one shared topic (its upstream runs
 * once for every subscriber of it); names are filtered per subscriber. With `since`, what the
 * vendor still has from that time is replayed first, then live points newer than the replay.
 * Ids are checked and loaded before the stream starts, so bad input fails the subscribe.
 */
export async function measurementFeed(
  ctx: RequestContext,
  sourceIds: readonly string[],
  names: readonly string[] | null,
  since: Date | null = null,
): Promise<AsyncIterable<MeasurementRecord>> {
  const sources = await loadSources(ctx, sourceIds);
  for (const source of sources) feedOf(ctx, source.vendor, 'measurements');
  const wanted = names?.length ? new Set(names) : null;
  const replay = since ? await history(ctx, sources, names, since) : [];
  // Where the replay ends per source and name, and what it held at that last instant: vendors
  // stamp in whole seconds, so a live point of the same second is new unless the replay had it.
  const newest = new Map<string, number>();
  const replayed = new Set<string>();
  for (const point of replay) {
    newest.set(pointKey(point), Math.max(newest.get(pointKey(point)) ?? 0, point.time.getTime()));
    replayed.add(signature(point));
  }
  const conflate = conflateKeyOf(ctx);
  const live = mergeAsync(
    sources.map((source) =>
      ctx.services.live.subscribe({
        ...topic(ctx, source, 'measurements', () => feedOf(ctx, source.vendor, 'measurements')([source], null)),
        conflateKey: conflate,
      }),
    ),
  );
  // A push feed, not an async generator: `return()` must stop the shared subscriptions at once,
  // even on a quiet topic where a generator would wait for the next event to notice.
  return pushFeed<MeasurementRecord>((push, fail) => {
    for (const point of replay) push({ ...point, fromLive: true });
    void (async () => {
      for await (const point of live) {
        if (wanted && !wanted.has(point.name)) continue;
        const last = newest.get(pointKey(point));
        if (last !== undefined && (point.time.getTime() < last || replayed.has(signature(point)))) continue;
        push({ ...point, fromLive: true });
      }
    })().catch(fail);
    return () => {
      void live.return?.();
    };
  }, Math.max(SUBSCRIBER_BUFFER, replay.length + SUBSCRIBER_BUFFER), countDrop(ctx, (point) => point.vendor), conflate);
}

/** Alerts raised and cleared, for the given things or (no ids) every alerting vendor's things. */
export async function alertEventFeed(
  ctx: RequestContext,
  thingIds: readonly string[] | null,
  vendors: readonly Vendor[] | null,
): Promise<AsyncIterable<AlertEventRecord>> {
  if (thingIds?.length) {
    const things = await loadSources(ctx, thingIds);
    for (const thing of things) feedOf(ctx, thing.vendor, 'alertEvents');
    return bounded(
      ctx,
      mergeAsync(things.map((thing) => ctx.services.live.subscribe(topic(ctx, thing, 'alerts', () => feedOf(ctx, thing.vendor, 'alertEvents')([thing]))))),
      (event) => event.alert.vendor,
    );
  }
  const alerting = ctx.configuredVendors(vendors).filter((vendor) => ctx.api(vendor).live?.alertEvents);
  return bounded(
    ctx,
    mergeAsync(
      alerting.map((vendor) =>
        ctx.services.live.subscribe<AlertEventRecord>({
          key: `${vendor}:alerts:${ctx.credentialKey(vendor)}:*`,
          vendor,
          start: () => feedOf(ctx, vendor, 'alertEvents')(null),
        }),
      ),
    ),
    (event) => event.alert.vendor,
  );
}

/** Status changes (online, battery, last seen) of the given devices or things. */
export async function deviceStatusFeed(ctx: RequestContext, deviceIds: readonly string[]): Promise<AsyncIterable<DeviceStatusRecord>> {
  const devices = await loadSources(ctx, deviceIds);
  for (const device of devices) feedOf(ctx, device.vendor, 'deviceStatus');
  return bounded(
    ctx,
    mergeAsync(devices.map((device) => ctx.services.live.subscribe(topic(ctx, device, 'status', () => feedOf(ctx, device.vendor, 'deviceStatus')([device]))))),
    (status) => status.source.vendor,
  );
}

/**
 * Messages added or edited in a book from the moment of subscribing. The book is loaded fresh
 * (not from the live source cache): its stamp is where delivery starts.
 */
export async function bookMessageFeed(ctx: RequestContext, bookId: string): Promise<AsyncIterable<NodeRecord>> {
  const book = await loadById(ctx, bookId, 'Book');
  const feed = feedOf(ctx, book.vendor, 'bookMessages');
  return bounded(ctx, ctx.services.live.subscribe(topic(ctx, book, 'bookMessages', () => feed(book))), (message) => message.vendor);
}

/** Events buffered per subscriber after its topics are merged (the hub buffers per topic). */
const SUBSCRIBER_BUFFER = 256;

/**
 * A subscriber's bounded buffer over its merged topics (`mergeAsync` pulls one event per topic
 * at a time, so a topic's backlog stays in the topic's own bounded buffer until taken here).
 * Every subscription ends here, so each gets the same buffer size and drop counts.
 */
function bounded<T>(ctx: RequestContext, merged: AsyncIterableIterator<T>, vendorOf: (event: T) => Vendor): AsyncIterableIterator<T> {
  return pushFeed<T>(
    (push, fail) => {
      void (async () => {
        for await (const event of merged) push(event);
      })().catch(fail);
      return () => {
        void merged.return?.();
      };
    },
    SUBSCRIBER_BUFFER,
    countDrop(ctx, vendorOf),
  );
}

function countDrop<T>(ctx: RequestContext, vendorOf: (event: T) => Vendor): (dropped: T, reason: DropReason) => void {
  return (dropped, reason) => ctx.services.metrics.liveEventsDropped.inc({ vendor: vendorOf(dropped), reason });
}

/**
 * With `LIVE_OVERFLOW=conflate`, a slow subscriber's full buffer keeps the latest point per
 * source and name: for a measurement stream the newest value matters more than the backlog.
 */
function conflateKeyOf(ctx: RequestContext): ConflateKey<MeasurementRecord> | undefined {
  if (ctx.services.config.liveOverflow !== 'conflate') return undefined;
  return (point) => JSON.stringify([point.vendor, point.sourceTypename, point.sourceNativeId, point.name]);
}

function topic<T>(ctx: RequestContext, source: NodeRecord, feed: string, start: () => AsyncIterable<T>): LiveTopic<T> {
  return { key: `${source.vendor}:${feed}:${ctx.credentialKey(source.vendor)}:${source.typename}:${source.nativeId}`, vendor: source.vendor, start };
}

/**
 * Sources of live subscriptions (and the records live events point at), remembered per
 * credential for a minute: a thousand clients subscribing to one boat cost one lookup, not a
 * thousand (upstream cost grows with topics).
 */
const recentRecords = new WeakMap<object, Map<string, { record: Promise<unknown>; expires: number }>>();
const SOURCE_TTL_MS = 60_000;

async function loadSources(ctx: RequestContext, ids: readonly string[]): Promise<NodeRecord[]> {
  if (ids.length === 0 || ids.length > ctx.pageLimits.maxSize) {
    throw new BadUserInputError(`Name 1 to ${ctx.pageLimits.maxSize} ids, but got ${ids.length}`);
  }
  return Promise.all(ids.map((id) => cachedSource(ctx, id)));
}

/** The source record of a live point, from the shared source cache. */
export function liveSource(ctx: RequestContext, point: MeasurementRecord): Promise<NodeRecord> {
  return cachedSource(ctx, encodeId(point.vendor, point.sourceTypename, point.sourceNativeId));
}

/**
 * Related records of a record a live event carries (an alert event's `alert { thing }`), from
 * the same shared cache: every subscriber of an event, and every later event of that record,
 * reuse one lookup instead of one per event and subscriber. For subscription events only; a
 * query reads through its own loaders.
 */
export function liveRelated(ctx: RequestContext, record: NodeRecord, relation: Relation): Promise<NodeRecord[]> {
  const id = encodeId(record.vendor, record.typename, record.nativeId);
  return remembered(ctx, `${id}>${relation}|${ctx.credentialKey(record.vendor)}`, () => relatedAll(ctx, record, relation));
}

function cachedSource(ctx: RequestContext, id: string): Promise<NodeRecord> {
  return remembered(ctx, `${id}|${ctx.credentialKey(decodeId(id).vendor)}`, () => loadById(ctx, id, null));
}

/** `load()` once per key and minute, per server; failures are not remembered. */
function remembered<T>(ctx: RequestContext, key: string, load: () => Promise<T>): Promise<T> {
  let cache = recentRecords.get(ctx.services);
  if (!cache) recentRecords.set(ctx.services, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.record as Promise<T>;
  const record = load();
  const entry = { record, expires: now + SOURCE_TTL_MS };
  // Delete first: a renewed key moves to the end, so the size cap evicts the oldest entries.
  cache.delete(key);
  cache.set(key, entry);
  record.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
  return record;
}

/** Where notes about a replay (names a source does not offer) point: the subscription field. */
const REPLAY_PATH = ['measurements'];

async function history(ctx: RequestContext, sources: NodeRecord[], names: readonly string[] | null, since: Date): Promise<MeasurementRecord[]> {
  if (since.getTime() > Date.now()) throw new BadUserInputError('`since` must not be in the future', { argument: 'since' });
  const lists = await Promise.all(sources.map((source) => measurementsOf(ctx, source, { names, from: since, to: null, last: null }, REPLAY_PATH)));
  return lists.flat().sort((a, b) => a.time.getTime() - b.time.getTime());
}

function pointKey(point: MeasurementRecord): string {
  return `${point.sourceTypename}:${point.sourceNativeId}:${point.name}`;
}

function signature(point: MeasurementRecord): string {
  return `${pointKey(point)}|${point.time.getTime()}|${point.value}|${point.stringValue}|${point.boolValue}`;
}

function feedOf<K extends keyof LiveFeeds>(ctx: RequestContext, vendor: Vendor, kind: K): NonNullable<LiveFeeds[K]> {
  const live = ctx.api(vendor).live;
  const feed = live?.[kind];
  if (!feed) throw new BadUserInputError(`${vendor} has no live ${kind} feed`);
  return feed.bind(live) as NonNullable<LiveFeeds[K]>;
}
