import DataLoader from 'dataloader';
import { BadUserInputError, TributaryError } from '../../core/errors';
import type { MeasurementRecord } from '../../core/model';
import type { MeasurementArgs } from '../adapter';
import type { IgtimiClient } from './igtimi.client';
import { dataSerials, mapIgtimiLatest, mapIgtimiSeries, typesForNames } from './igtimi.catalogue';
import type { IgtimiWireSeries } from './igtimi.wire';

/** Igtimi clients split `resources/data` into windows of at most one week (VENDOR-NOTES). */
export const IGTIMI_DATA_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Longest range one field may ask for (five one-week calls); longer is BAD_USER_INPUT. */
export const IGTIMI_MAX_RANGE_MS = 31 * 24 * 3600 * 1000;
/** With no `from`/`to`, data of this recent stretch (ending now) is read. */
export const IGTIMI_RECENT_WINDOW_MS = 10 * 60 * 1000;
/** Most points returned per device and name when no `last` is given (the latest are kept). */
export const IGTIMI_MAX_POINTS = 5000;

/**
 * Measurements of many devices for one request: every device asking with the same arguments
 * joins one batch, and a batch costs one `resources/data` call per week of the range carrying
 * every serial (`serial_numbers[]`), or for `last: 1` without a range one `resources/data/latest`
 * call per data type. Archived resources are restored (`restore_archives=true`) and reported as
 * an error until the vendor has them back, never silently left out.
 */
export interface IgtimiDataResult {
  bySerial: Map<string, MeasurementRecord[]>;
  archived: number[];
  calls: number;
}

export class IgtimiMeasurements {
  private readonly loaders = new Map<string, DataLoader<string, MeasurementRecord[]>>();

  constructor(
    private readonly client: IgtimiClient,
    private readonly now: () => number = Date.now,
  ) {}

  forSerial(serial: string, args: MeasurementArgs): Promise<MeasurementRecord[]> {
    const types = checkDataArgs(args);
    const key = JSON.stringify([args.names, args.from?.getTime() ?? null, args.to?.getTime() ?? null, args.last]);
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader((serials) => this.batch(serials, types, args), { maxBatchSize: 100 });
      this.loaders.set(key, loader);
    }
    return loader.load(serial);
  }

  /** `igtimiData`: the points of every serial in order, and what Igtimi is still restoring. */
  async report(serials: readonly string[], args: MeasurementArgs) {
    const result = await this.fetch(serials, checkDataArgs(args), args);
    return {
      measurements: serials.flatMap((serial) => result.bySerial.get(serial) ?? []),
      archivedResourceIds: result.archived,
      complete: result.archived.length === 0,
      calls: result.calls,
      hours: ((args.to?.getTime() ?? 0) - (args.from?.getTime() ?? 0)) / 3_600_000,
    };
  }

  /**
   * Reads `resources/data` for many serials, one call per week of the range, asking for
   * archived resources to be restored; answers the points per serial and the archived ids.
   */
  async fetch(serials: readonly string[], types: number[], args: MeasurementArgs): Promise<IgtimiDataResult> {
    const { from, to } = this.range(args);
    const windows: Array<[number, number]> = [];
    for (let start = from; start < to; start += IGTIMI_DATA_WINDOW_MS) windows.push([start, Math.min(start + IGTIMI_DATA_WINDOW_MS, to)]);
    // `types` is a hash of type → compression; 0 asks for every point.
    const typeParams = Object.fromEntries(types.map((type) => [`types[${type}]`, 0]));
    const answers = await Promise.all(
      windows.map(([start, end]) =>
        this.client.data({ start_time: start, end_time: end, serial_numbers: serials, restore_archives: true, ...typeParams }),
      ),
    );
    const bySerial = new Map<string, MeasurementRecord[]>();
    for (const answer of answers) {
      for (const serial of dataSerials(answer)) {
        const series = answer[serial] as Record<string, IgtimiWireSeries> | undefined;
        bySerial.set(serial, [...(bySerial.get(serial) ?? []), ...mapIgtimiSeries(serial, series, args.names)]);
      }
    }
    return { bySerial, archived: [...new Set(answers.flatMap((answer) => answer.archived_resources ?? []))], calls: windows.length };
  }

  // Private:

  private async batch(serials: readonly string[], types: number[], args: MeasurementArgs): Promise<Array<MeasurementRecord[] | Error>> {
    if (!args.from && !args.to && args.last === 1) return this.latest(serials, types, args.names);
    const { bySerial, archived } = await this.fetch(serials, types, args);
    if (archived.length > 0) {
      const error = new TributaryError(
        `IGTIMI is restoring archived resources ${archived.join(', ')} for this range; ask again until this error is gone`,
        'VENDOR_UNAVAILABLE',
        'IGTIMI',
        { archivedResources: archived },
      );
      return serials.map(() => error);
    }
    return serials.map((serial) => latestPerName(bySerial.get(serial) ?? [], args.last ?? IGTIMI_MAX_POINTS));
  }

  /**
   * The newest point of each type: one `resources/data/latest` call per data type carrying
   * every serial, in parallel. A few hundred bytes per boat and type, where `resources/data`
   * answers every point of the window (it grows with the window and the boats' data rate).
   */
  private async latest(serials: readonly string[], types: number[], names: readonly string[] | null): Promise<MeasurementRecord[][]> {
    const answers = await Promise.all(types.map(async (type) => ({ type, answer: await this.client.latest(type, serials) })));
    const bySerial = new Map<string, MeasurementRecord[]>();
    for (const { type, answer } of answers) {
      for (const { latest_datum: datum } of answer.latest_data) {
        const points = bySerial.get(datum.serial_number) ?? [];
        points.push(...mapIgtimiLatest(type, datum, names));
        bySerial.set(datum.serial_number, points);
      }
    }
    // Oldest first, as the windowed read answers (a stable sort keeps type order on ties).
    return serials.map((serial) => (bySerial.get(serial) ?? []).sort((a, b) => a.time.getTime() - b.time.getTime()));
  }

  /** The range to read: as given, `to` defaulting to now and `from` to the recent window before `to`. */
  private range(args: MeasurementArgs): { from: number; to: number } {
    const to = args.to?.getTime() ?? this.now();
    const from = args.from?.getTime() ?? to - IGTIMI_RECENT_WINDOW_MS;
    return { from, to: Math.max(to, from + 1) };
  }
}

/** Checks names and range before any call; answers the data types to ask for. */
export function checkDataArgs(args: MeasurementArgs): number[] {
  const { types, unknown } = typesForNames(args.names);
  if (unknown.length > 0) {
    throw new BadUserInputError(
      `Igtimi has no measurement named ${unknown.join(', ')}; see docs/vendors/igtimi.md (e.g. latitude, longitude, sog, cog, heading, awa, aws, battery)`,
      { argument: 'names' },
    );
  }
  if (args.from && args.to && args.to.getTime() - args.from.getTime() > IGTIMI_MAX_RANGE_MS) {
    throw new BadUserInputError('Igtimi data ranges may span at most 31 days; narrow `from`..`to`', { argument: 'from' });
  }
  if (args.from && args.to && args.from > args.to) throw new BadUserInputError('`from` must not be after `to`', { argument: 'from' });
  return types;
}

/** The latest `n` points of each name, oldest first (the input is sorted by time). */
function latestPerName(points: MeasurementRecord[], n: number): MeasurementRecord[] {
  const counts = new Map<string, number>();
  const kept: MeasurementRecord[] = [];
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i]!;
    const count = counts.get(point.name) ?? 0;
    if (count >= n) continue;
    counts.set(point.name, count + 1);
    kept.push(point);
  }
  return kept.reverse();
}
