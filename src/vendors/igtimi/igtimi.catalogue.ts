import type { MeasurementRecord } from '../../core/model';
import { inStandardUnit } from '../../core/units';
import { IGTIMI_DEVICE } from './igtimi.model';
import type { IgtimiWireData, IgtimiWireLatestDatum, IgtimiWireSeries } from './igtimi.wire';

/**
 * The v1 JSON data scheme (VENDOR-NOTES, Igtimi) → Measurement names and SenML units.
 * `fields` maps a value field of the series (`"1"`, `"2"`, …) to a measurement name.
 * Speeds are knots, angles degrees. Type 16 (file) carries no values and is not mapped.
 */
export const IGTIMI_DATA_TYPES: ReadonlyArray<{ type: number; label: string; fields: Record<string, string>; unit: Record<string, string | null> }> = [
  { type: 1, label: 'GPS position', fields: { '1': 'longitude', '2': 'latitude' }, unit: { longitude: 'lon', latitude: 'lat' } },
  { type: 2, label: 'GPS quality indicator', fields: { '1': 'gps_quality' }, unit: { gps_quality: null } },
  { type: 3, label: 'GPS satellite count', fields: { '1': 'satellites' }, unit: { satellites: null } },
  { type: 4, label: 'GPS HDOP', fields: { '1': 'hdop' }, unit: { hdop: null } },
  { type: 5, label: 'GPS altitude', fields: { '1': 'altitude' }, unit: { altitude: 'm' } },
  { type: 6, label: 'Course over ground', fields: { '1': 'cog' }, unit: { cog: 'deg' } },
  { type: 7, label: 'Heading (magnetic)', fields: { '1': 'heading_magnetic' }, unit: { heading_magnetic: 'deg' } },
  { type: 8, label: 'Heading (true)', fields: { '1': 'heading' }, unit: { heading: 'deg' } },
  { type: 9, label: 'Speed over ground', fields: { '1': 'sog' }, unit: { sog: 'kn' } },
  { type: 10, label: 'Speed through water', fields: { '1': 'stw' }, unit: { stw: 'kn' } },
  { type: 11, label: 'Apparent wind angle', fields: { '1': 'awa' }, unit: { awa: 'deg' } },
  { type: 12, label: 'Apparent wind speed', fields: { '1': 'aws' }, unit: { aws: 'kn' } },
  { type: 13, label: 'Heart rate', fields: { '1': 'heart_rate' }, unit: { heart_rate: 'beat/min' } },
  { type: 14, label: 'Cadence', fields: { '1': 'cadence' }, unit: { cadence: '1/min' } },
  { type: 15, label: 'Battery level', fields: { '1': 'battery' }, unit: { battery: '%' } },
];

const BY_TYPE = new Map(IGTIMI_DATA_TYPES.map((entry) => [entry.type, entry]));
const TYPE_OF_NAME = new Map(IGTIMI_DATA_TYPES.flatMap((entry) => Object.values(entry.fields).map((name) => [name, entry.type] as const)));

/** Every measurement name Igtimi data maps to. */
export const IGTIMI_MEASUREMENT_NAMES: readonly string[] = [...TYPE_OF_NAME.keys()];

/** Every measurement name with the unit Igtimi gives it in. */
export const IGTIMI_MEASUREMENTS: ReadonlyArray<{ name: string; unit: string | null }> = IGTIMI_DATA_TYPES.flatMap((entry) =>
  Object.values(entry.fields).map((name) => ({ name, unit: entry.unit[name] ?? null })),
);

/** The names one data type maps to (empty for unmapped types such as 16, file). */
export function measurementNamesOf(type: number): string[] {
  return Object.values(BY_TYPE.get(type)?.fields ?? {});
}

/**
 * The data types to request for `names` (every mapped type when null), or the names no
 * type carries, so the caller can refuse them before any call.
 */
export function typesForNames(names: readonly string[] | null): { types: number[]; unknown: string[] } {
  if (!names) return { types: IGTIMI_DATA_TYPES.map((entry) => entry.type), unknown: [] };
  const unknown = names.filter((name) => !TYPE_OF_NAME.has(name));
  const types = [...new Set(names.flatMap((name) => TYPE_OF_NAME.get(name) ?? []))].sort((a, b) => a - b);
  return { types, unknown };
}

/**
 * Maps the data of one serial (`{ "<type>[:<sourceId>]": series }`) to measurements, oldest
 * first; `names` narrows the output (a type-1 series carries both latitude and longitude).
 */
export function mapIgtimiSeries(
  serial: string,
  byType: Record<string, IgtimiWireSeries> | undefined,
  names: readonly string[] | null,
): MeasurementRecord[] {
  const out: MeasurementRecord[] = [];
  for (const [key, series] of Object.entries(byType ?? {})) {
    const [typeText, sourceText] = key.split(':');
    const entry = BY_TYPE.get(Number(typeText));
    if (!entry || !Array.isArray(series?.t)) continue;
    const sourceId = sourceText === undefined ? 0 : Number(sourceText);
    for (const [field, name] of Object.entries(entry.fields)) {
      if (names && !names.includes(name)) continue;
      const values = series[field] ?? [];
      series.t.forEach((t, i) => {
        const value = values[i];
        if (typeof value !== 'number' || !Number.isFinite(t)) return;
        out.push(point(serial, name, entry.unit[name] ?? null, t, value, { type: entry.type, sourceId, field }));
      });
    }
  }
  return out.sort((a, b) => a.time.getTime() - b.time.getTime());
}

/** Maps one `latest_datum` of `type` (`c1`, `c2` are the series fields "1", "2"). */
export function mapIgtimiLatest(type: number, datum: IgtimiWireLatestDatum, names: readonly string[] | null): MeasurementRecord[] {
  const entry = BY_TYPE.get(type);
  if (!entry) return [];
  const values: Record<string, number | null> = { '1': datum.c1, '2': datum.c2 };
  return Object.entries(entry.fields).flatMap(([field, name]) => {
    const value = values[field];
    if ((names && !names.includes(name)) || typeof value !== 'number') return [];
    return [point(datum.serial_number, name, entry.unit[name] ?? null, datum.timestamp, value, { type, resourceId: datum.resource_id, field })];
  });
}

/** The serial keys of a data answer (everything but `archived_resources`). */
export function dataSerials(data: IgtimiWireData): string[] {
  return Object.keys(data).filter((key) => key !== 'archived_resources');
}

function point(serial: string, name: string, unit: string | null, t: number, value: number, extra: Record<string, unknown>): MeasurementRecord {
  return {
    vendor: 'IGTIMI',
    sourceTypename: IGTIMI_DEVICE,
    sourceNativeId: serial,
    name,
    time: new Date(t),
    ...inStandardUnit(value, unit),
    stringValue: null,
    boolValue: null,
    raw: { serial_number: serial, t, value, ...extra },
  };
}
