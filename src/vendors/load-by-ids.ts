import { NotFoundError, VendorError } from '../core/errors';
import type { NodeRecord, VendorPage } from '../core/model';
import type { Vendor } from '../core/vendor';

export interface LoadByIdsOptions<T extends NodeRecord> {
  vendor: Vendor;
  /** What is loaded, for the not-found message ("device", "thing"). */
  what: string;
  getOne(id: string): Promise<T>;
  /** One page of the full list, `pageSize` records from `offset`. */
  pageAt(offset: number): Promise<VendorPage<T>>;
  pageSize: number;
  /** Up to this many ids cost one GET each; more walk the list. */
  singleGetLimit: number;
  /** The list's first page is read already (started ahead): walking it costs no call, so any number of ids walk. */
  firstPageRead?: boolean;
}

/**
 * Loads records by id the cheapest way a vendor without batch reads allows: a GET per id for
 * a few ids, else a walk of the full list that stops once every id is found (one call per
 * page instead of one per id). Honours the DataLoader contract: same length and order, an
 * error value (NOT_FOUND) for each missing id, never a thrown batch.
 */
export async function loadByIds<T extends NodeRecord>(ids: readonly string[], options: LoadByIdsOptions<T>): Promise<Array<T | Error>> {
  const notFound = (id: string) => new NotFoundError(`No ${options.vendor} ${options.what} with id ${id}`, options.vendor);
  if (ids.length <= options.singleGetLimit && !options.firstPageRead) {
    return Promise.all(
      ids.map((id) =>
        options.getOne(id).catch((error: unknown) => {
          if (error instanceof VendorError && error.code === 'NOT_FOUND') return notFound(id);
          return error instanceof Error ? error : new Error(String(error));
        }),
      ),
    );
  }
  const wanted = new Set(ids);
  const found = new Map<string, T>();
  for (let offset = 0; ; offset += options.pageSize) {
    const page = await options.pageAt(offset);
    for (const item of page.items) if (wanted.has(item.nativeId)) found.set(item.nativeId, item);
    if (found.size === wanted.size || page.items.length === 0 || offset + options.pageSize >= page.total) break;
  }
  return ids.map((id) => found.get(id) ?? notFound(id));
}
