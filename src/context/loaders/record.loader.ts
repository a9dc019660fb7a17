import DataLoader from 'dataloader';
import { NotFoundError } from '../../core/errors';
import type { NodeRecord } from '../../core/model';
import type { EntitySource, RecordLoader } from '../../vendors/adapter';

/** Largest batch handed to one vendor batch function. */
const MAX_BATCH = 100;

/**
 * One DataLoader per GraphQL type for one request (and so one credential per vendor).
 * Lists prime it, so a record listed once is never fetched again in the same operation.
 */
export class RecordLoaders implements RecordLoader {
  private readonly loaders = new Map<string, DataLoader<string, NodeRecord>>();
  /**
   * Records lists and writes handed over, per type, newest first in line: a load of one is
   * answered from here, without the promise DataLoader's own priming makes per record.
   */
  private readonly primed = new Map<string, Map<string, NodeRecord>>();
  /**
   * The promise of each record asked for, per type: every device of a page asking for the same
   * group gets the one promise, where DataLoader makes a promise (and a callback) per repeat.
   */
  private readonly loading = new Map<string, Map<string, Promise<NodeRecord>>>();

  constructor(
    private readonly sourceOf: (typename: string) => EntitySource,
    /** Benchmarks only: no batching, no caching, no priming (what a resolver set without loaders costs). */
    private readonly naive = false,
  ) {}

  load<T extends NodeRecord>(typename: string, nativeId: string): Promise<T> {
    const primed = this.primed.get(typename)?.get(nativeId);
    if (primed) return Promise.resolve(primed as T);
    if (this.naive) return this.loader(typename).load(nativeId) as Promise<T>;
    let byId = this.loading.get(typename);
    if (!byId) this.loading.set(typename, (byId = new Map()));
    let promise = byId.get(nativeId);
    if (!promise) byId.set(nativeId, (promise = this.loader(typename).load(nativeId)));
    return promise as Promise<T>;
  }

  prime(records: readonly NodeRecord[]): void {
    if (this.naive) return;
    for (const record of records) {
      let byId = this.primed.get(record.typename);
      if (!byId) this.primed.set(record.typename, (byId = new Map()));
      // A fresher record (from a write or a newer list) replaces the one known, whether it was
      // primed or loaded: primed records are looked up before the loader's cache.
      byId.set(record.nativeId, record);
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
