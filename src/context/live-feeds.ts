import { BadUserInputError } from '../core/errors';
import { decodeId, encodeId } from '../core/ids';
import { mergeAsync } from '../core/merge-async';
import { pushFeed } from '../core/push-feed';
import type { AlertEventRecord, DeviceStatusRecord, MeasurementRecord, NodeRecord } from '../core/model';
import type { Vendor } from '../core/vendor';
import type { LiveTopic } from '../live/topic-hub';
import type { VendorApi } from '../vendors/adapter';
import type { RequestContext } from './context';
import { loadById, measurementsOf } from './entity-reads';

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
  const live = mergeAsync(
    sources.map((source) =>
      ctx.services.live.subscribe(topic(ctx, source, 'measurements', () => feedOf(ctx, source.vendor, 'measurements')([source], null))),
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
  }, Math.max(256, replay.length + 256));
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
    return mergeAsync(things.map((thing) => ctx.services.live.subscribe(topic(ctx, thing, 'alerts', () => feedOf(ctx, thing.vendor, 'alertEvents')([thing])))));
  }
  const alerting = ctx.configuredVendors(vendors).filter((vendor) => ctx.api(vendor).live?.alertEvents);
  return mergeAsync(
    alerting.map((vendor) =>
      ctx.services.live.subscribe<AlertEventRecord>({
        key: `${vendor}:alerts:${ctx.credentialKey(vendor)}:*`,
        vendor,
        start: () => feedOf(ctx, vendor, 'alertEvents')(null),
      }),
    ),
  );
}

/** Status changes (online, battery, last seen) of the given devices or things. */
export async function deviceStatusFeed(ctx: RequestContext, deviceIds: readonly string[]): Promise<AsyncIterable<DeviceStatusRecord>> {
  const devices = await loadSources(ctx, deviceIds);
  for (const device of devices) feedOf(ctx, device.vendor, 'deviceStatus');
  return mergeAsync(devices.map((device) => ctx.services.live.subscribe(topic(ctx, device, 'status', () => feedOf(ctx, device.vendor, 'deviceStatus')([device])))));
}

function topic<T>(ctx: RequestContext, source: NodeRecord, feed: string, start: () => AsyncIterable<T>): LiveTopic<T> {
  return { key: `${source.vendor}:${feed}:${ctx.credentialKey(source.vendor)}:${source.typename}:${source.nativeId}`, vendor: source.vendor, start };
}

/**
 * Sources of live subscriptions, remembered per credential for a minute: a thousand clients
 * subscribing to one boat cost one lookup, not a thousand (upstream cost grows with topics).
 */
const recentSources = new WeakMap<object, Map<string, { record: Promise<NodeRecord>; expires: number }>>();
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

function cachedSource(ctx: RequestContext, id: string): Promise<NodeRecord> {
  let cache = recentSources.get(ctx.services);
  if (!cache) recentSources.set(ctx.services, (cache = new Map()));
  const now = Date.now();
  const key = `${id}|${ctx.credentialKey(decodeId(id).vendor)}`;
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.record;
  const record = loadById(ctx, id, null);
  cache.set(key, { record, expires: now + SOURCE_TTL_MS });
  record.catch(() => cache.delete(key));
  if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
  return record;
}

async function history(ctx: RequestContext, sources: NodeRecord[], names: readonly string[] | null, since: Date): Promise<MeasurementRecord[]> {
  if (since.getTime() > Date.now()) throw new BadUserInputError('`since` must not be in the future', { argument: 'since' });
  const lists = await Promise.all(sources.map((source) => measurementsOf(ctx, source, { names, from: since, to: null, last: null })));
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
