import { BadUserInputError, MeasurementNotOfferedError, NotFoundError, VendorNotConfiguredError } from '../core/errors';
import { decodeId, decodeIdOf, encodeId } from '../core/ids';
import type { EntityKind, MeasurementRecord, NodeRecord } from '../core/model';
import { mergePage, singleVendorPage, type Connection, type PageArgs, type PageSource } from '../core/pagination';
import { standardUnit } from '../core/units';
import type { Vendor } from '../core/vendor';
import type { MeasurementArgs, Relation, RelationReader, SelectedAhead } from '../vendors/adapter';
import type { RequestContext } from './context';

export interface ListFilter {
  vendors?: Vendor[] | null;
  search?: string | null;
}

/**
 * A root list of one unified kind across every configured vendor, merged in a stable order.
 * A vendor that fails leaves an error (with its code and vendor) beside the others' data; so
 * does a vendor the filter names that this gateway does not serve (VENDOR_NOT_CONFIGURED), so
 * an empty answer never hides a missing configuration. `ahead` tells the vendors what the
 * operation selects on the items, so a read those fields need can start beside the list's.
 */
export function listEntities(
  ctx: RequestContext,
  kind: EntityKind,
  filter: ListFilter | null | undefined,
  page: PageArgs,
  path: ReadonlyArray<string | number>,
  ahead?: SelectedAhead,
): Promise<Connection<NodeRecord>> {
  const search = filter?.search?.trim() || null;
  for (const vendor of new Set(filter?.vendors ?? [])) {
    if (!ctx.services.registry.adapter(vendor).configured) ctx.reportVendorError(vendor, new VendorNotConfiguredError(vendor), path);
  }
  const sources: PageSource<NodeRecord>[] = [];
  for (const vendor of ctx.configuredVendors(filter?.vendors)) {
    for (const source of ctx.api(vendor).sources) {
      if (source.kind !== kind) continue;
      sources.push({ key: source.typename, vendor, fetch: (offset, limit) => source.list({ offset, limit, search, ahead }) });
    }
  }
  return mergePage(sources, page, ctx.pageLimits, (vendor, error) => ctx.reportVendorError(vendor, error, path));
}

/** One record by global id, checked to be of `kind` (or any kind when null) before any call. */
export async function loadById(ctx: RequestContext, id: string, kind: EntityKind | null): Promise<NodeRecord> {
  const { registry } = ctx.services;
  const decoded = kind ? decodeIdOf(id, registry.typenamesOf(kind), kind) : decodeId(id);
  const type = registry.type(decoded.type);
  if (!type || type.vendor !== decoded.vendor) {
    throw new NotFoundError(`No ${decoded.type} is served by this gateway (id ${id})`);
  }
  if (!type.isValidNativeId(decoded.nativeId)) {
    throw new BadUserInputError(`"${decoded.nativeId}" is not a valid ${decoded.type} id`, { argument: 'id' });
  }
  return ctx.loaders.load(decoded.type, decoded.nativeId);
}

/** A paged relation of a record (`Group.members`, …) from the record's own vendor. */
export function relatedPage(
  ctx: RequestContext,
  record: NodeRecord,
  relation: Relation,
  page: PageArgs,
): Promise<Connection<NodeRecord>> {
  const read = relationReader(ctx, record, relation);
  return singleVendorPage(
    { key: record.typename, vendor: record.vendor, fetch: (offset, limit) => read(record, { offset, limit, search: null }) },
    page,
    ctx.pageLimits,
  );
}

/** Every record of a short relation (`Device.groups`), up to the maximum page size. */
export async function relatedAll(ctx: RequestContext, record: NodeRecord, relation: Relation): Promise<NodeRecord[]> {
  const page = await relationReader(ctx, record, relation)(record, { offset: 0, limit: ctx.pageLimits.maxSize, search: null });
  return page.items;
}

/**
 * The vendor's reader of `relation`. Every vendor names each relation of the kinds it serves
 * (`VendorRelations`), so a missing one is a bug, never an empty page.
 */
function relationReader(ctx: RequestContext, record: NodeRecord, relation: Relation): RelationReader {
  const read = ctx.api(record.vendor).relations[relation];
  if (!read) throw new Error(`${record.vendor} has no ${relation} relation for a ${record.typename}`);
  return read;
}

/** `last`, `from` and `to` of a measurement read, checked before any call. */
export function checkMeasurementArgs(ctx: RequestContext, args: MeasurementArgs): void {
  if (args.last !== null && (args.last < 1 || args.last > ctx.pageLimits.maxSize)) {
    throw new BadUserInputError(`\`last\` must be from 1 to ${ctx.pageLimits.maxSize}, but got ${args.last}`, { argument: 'last' });
  }
  if (args.from && args.to && args.from > args.to) {
    throw new BadUserInputError('`from` must not be after `to`', { argument: 'from' });
  }
}

/** The number of `sourceIds` a root measurement field takes: 1 to the maximum page size. */
export function checkSourceIds(ctx: RequestContext, sourceIds: readonly string[]): void {
  if (sourceIds.length === 0 || sourceIds.length > ctx.pageLimits.maxSize) {
    throw new BadUserInputError(`\`sourceIds\` must name 1 to ${ctx.pageLimits.maxSize} ids, but got ${sourceIds.length}`, { argument: 'sourceIds' });
  }
}

/**
 * Data points of one source. A name the source does not offer yields nothing from it and a
 * MEASUREMENT_NOT_OFFERED note at `path` beside the data, the same at every vendor (a vendor
 * without data offers none); the other names are read as usual.
 */
export async function measurementsOf(
  ctx: RequestContext,
  record: NodeRecord,
  args: MeasurementArgs,
  path: ReadonlyArray<string | number>,
): Promise<MeasurementRecord[]> {
  checkMeasurementArgs(ctx, args);
  const reader = ctx.api(record.vendor).measurements;
  const names = args.names;
  if (!names?.length) return reader ? reader.forSource(record, args) : [];
  if (!reader) {
    reportNotOffered(ctx, record, names, path);
    return [];
  }
  // A fixed catalogue refuses before the read; otherwise only names that found nothing are checked.
  const refused = reader.catalogued ? await reader.notOffered(record, names) : [];
  const asked = names.filter((name) => !refused.includes(name));
  const points = asked.length > 0 ? await reader.forSource(record, { ...args, names: asked }) : [];
  const unseen = reader.catalogued ? [] : asked.filter((name) => !points.some((point) => point.name === name));
  const missing = [...refused, ...(unseen.length > 0 ? await reader.notOffered(record, unseen) : [])];
  if (missing.length > 0) reportNotOffered(ctx, record, missing, path);
  return points;
}

/** What one source offers: names with the vendor's unit and the standard one (`measurementNames`). */
export async function measurementNamesOf(ctx: RequestContext, record: NodeRecord): Promise<MeasurementNameRecord[]> {
  const reader = ctx.api(record.vendor).measurements;
  const offered = reader ? await reader.offered(record) : [];
  return offered.map(({ name, unit }) => ({ name, unit: standardUnit(unit), vendorUnit: unit }));
}

export interface MeasurementNameRecord {
  name: string;
  unit: string | null;
  vendorUnit: string | null;
}

function reportNotOffered(ctx: RequestContext, record: NodeRecord, names: readonly string[], path: ReadonlyArray<string | number>): void {
  ctx.reportVendorError(record.vendor, new MeasurementNotOfferedError(record.vendor, names, encodeId(record.vendor, record.typename, record.nativeId)), path);
}
