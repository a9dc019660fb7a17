import DataLoader from 'dataloader';
import { NotFoundError } from '../../core/errors';
import type { NodeRecord } from '../../core/model';
import { RequestMemo } from '../../core/request-memo';
import type { RequestScope } from '../../core/request-scope';
import type { EntitySource, RecordLoader } from '../../vendors/adapter';

/** Largest batch handed to one vendor batch function. */
const MAX_BATCH = 100;

/**
 * One DataLoader per GraphQL type for one request (and so one credential per vendor), and the
 * request's memo of whole reads beside them: both live exactly as long as this object.
 * Lists prime the loaders, so a record listed once is never fetched again in the same operation.
 */
export class RecordLoaders implements RecordLoader {
  /** Whole reads (pages, relation lists) the vendors share within the request; renewed with the loaders. */
  readonly memo = new RequestMemo();
  private readonly loaders = new Map<string, DataLoader<string, NodeRecord>>();

  constructor(
    private readonly sourceOf: (typename: string) => EntitySource,
    /** The operation these loaders (and the vendor APIs connected to them) count upstream calls for. */
    readonly scope: RequestScope,
    /** Benchmarks only: no batching, no caching, no priming (what a resolver set without loaders costs). */
    private readonly naive = false,
  ) {}

  load<T extends NodeRecord>(typename: string, nativeId: string): Promise<T> {
    return this.loader(typename).load(nativeId) as Promise<T>;
  }

  prime(records: readonly NodeRecord[]): void {
    if (this.naive) return;
    for (const record of records) {
      // A fresher record (from a write or a newer list) replaces the one known, whether it was
      // primed or loaded: DataLoader's own `prime` keeps the first, so the key is cleared first.
      this.loader(record.typename).clear(record.nativeId).prime(record.nativeId, record);
    }
  }

  // Private:

  private loader(typename: string): DataLoader<string, NodeRecord> {
    let loader = this.loaders.get(typename);
    if (!loader) {
      loader = new DataLoader<string, NodeRecord>((ids) => this.batch(typename, ids), {
        maxBatchSize: MAX_BATCH,
        ...(this.naive ? { batch: false, cache: false } : {}),
      });
      this.loaders.set(typename, loader);
    }
    return loader;
  }

  private async batch(typename: string, ids: readonly string[]): Promise<Array<NodeRecord | Error>> {
    const source = this.sourceOf(typename);
    const results = await source.loadMany(ids);
    if (results.length !== ids.length) {
      throw new Error(`${typename}.loadMany must answer ${ids.length} results in order, but answered ${results.length}`);
    }
    return results.map((result, i) => result ?? new NotFoundError(`No ${typename} with id ${ids[i]}`));
  }
}
