import { mergeAsync } from '../core/merge-async';
import { BadUserInputError } from '../core/errors';
import type { AlertEventRecord, DeviceStatusRecord, MeasurementRecord, NodeRecord } from '../core/model';
import type { Vendor } from '../core/vendor';
import type { VendorApi } from '../vendors/adapter';
import type { RequestContext } from './context';
import { loadById } from './entity-reads';

type LiveFeeds = NonNullable<VendorApi['live']>;

/**
 * Live data points of the given sources, from every vendor involved, merged into one stream.
 * Ids are checked and loaded before the stream starts, so bad input fails the subscribe.
 */
export async function measurementFeed(
  ctx: RequestContext,
  sourceIds: readonly string[],
  names: readonly string[] | null,
): Promise<AsyncIterable<MeasurementRecord>> {
  const byVendor = await sourcesByVendor(ctx, sourceIds);
  return mergeAsync(
    [...byVendor].map(([vendor, sources]) => feedOf(ctx, vendor, 'measurements')(sources, names)),
  );
}

/** Alerts raised and cleared, for the given things or (no ids) every alerting vendor's things. */
export async function alertEventFeed(
  ctx: RequestContext,
  thingIds: readonly string[] | null,
  vendors: readonly Vendor[] | null,
): Promise<AsyncIterable<AlertEventRecord>> {
  if (thingIds?.length) {
    const byVendor = await sourcesByVendor(ctx, thingIds);
    return mergeAsync([...byVendor].map(([vendor, things]) => feedOf(ctx, vendor, 'alertEvents')(things)));
  }
  const feeds = ctx
    .configuredVendors(vendors)
    .map((vendor) => ctx.api(vendor).live?.alertEvents)
    .filter((feed): feed is NonNullable<LiveFeeds['alertEvents']> => Boolean(feed));
  return mergeAsync(feeds.map((feed) => feed(null)));
}

/** Status changes (online, battery, last seen) of the given devices or things. */
export async function deviceStatusFeed(ctx: RequestContext, deviceIds: readonly string[]): Promise<AsyncIterable<DeviceStatusRecord>> {
  const byVendor = await sourcesByVendor(ctx, deviceIds);
  return mergeAsync([...byVendor].map(([vendor, devices]) => feedOf(ctx, vendor, 'deviceStatus')(devices)));
}

async function sourcesByVendor(ctx: RequestContext, ids: readonly string[]): Promise<Map<Vendor, NodeRecord[]>> {
  if (ids.length === 0 || ids.length > ctx.pageLimits.maxSize) {
    throw new BadUserInputError(`Name 1 to ${ctx.pageLimits.maxSize} ids, but got ${ids.length}`);
  }
  const records = await Promise.all(ids.map((id) => loadById(ctx, id, null)));
  const byVendor = new Map<Vendor, NodeRecord[]>();
  for (const record of records) byVendor.set(record.vendor, [...(byVendor.get(record.vendor) ?? []), record]);
  return byVendor;
}

function feedOf<K extends keyof LiveFeeds>(ctx: RequestContext, vendor: Vendor, kind: K): NonNullable<LiveFeeds[K]> {
  const feed = ctx.api(vendor).live?.[kind];
  if (!feed) throw new BadUserInputError(`${vendor} has no live ${kind} feed`);
  return feed.bind(ctx.api(vendor).live) as NonNullable<LiveFeeds[K]>;
}
