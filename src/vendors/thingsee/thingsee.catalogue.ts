/**
 * The Thingsee message catalogue: which message ids (`tsmId` = profile × 1000 + data id)
 * carry which fields, and the Measurement each field becomes (VENDOR-NOTES, Thingsee).
 * Units are the vendor's (SenML where it has one); the schema converts them to the standard
 * unit of each quantity (core/units.ts). The table in docs/vendors/thingsee.md is this list.
 */
export interface CatalogueEntry {
  tsmId: number;
  /** Field of the message payload. */
  field: string;
  /** Measurement name. */
  name: string;
  unit: string | null;
  kind: 'number' | 'boolean';
}

export const THINGSEE_CATALOGUE: readonly CatalogueEntry[] = [
  { tsmId: 1110, field: 'batl', name: 'battery', unit: '%', kind: 'number' },
  { tsmId: 12100, field: 'temp', name: 'temperature', unit: 'Cel', kind: 'number' },
  { tsmId: 12100, field: 'humd', name: 'humidity', unit: '%RH', kind: 'number' },
  { tsmId: 12100, field: 'airp', name: 'pressure', unit: 'Pa', kind: 'number' },
  { tsmId: 12100, field: 'lght', name: 'light', unit: 'lx', kind: 'number' },
  { tsmId: 2100, field: 'state', name: 'occupancy', unit: null, kind: 'boolean' },
  { tsmId: 13100, field: 'moveCount', name: 'movementCount', unit: 'count', kind: 'number' },
  { tsmId: 13102, field: 'count', name: 'presenceCount', unit: 'count', kind: 'number' },
  { tsmId: 17100, field: 'dist', name: 'distance', unit: 'mm', kind: 'number' },
  { tsmId: 24100, field: 'carbonDioxide', name: 'co2', unit: 'ppm', kind: 'number' },
  { tsmId: 24101, field: 'tvoc', name: 'tvoc', unit: 'ppb', kind: 'number' },
];

/** Every measurement name the catalogue knows. */
export const THINGSEE_MEASUREMENT_NAMES: readonly string[] = [...new Set(THINGSEE_CATALOGUE.map((e) => e.name))];

/** Every measurement name with the unit Thingsee gives it in. */
export const THINGSEE_MEASUREMENTS: ReadonlyArray<{ name: string; unit: string | null }> = THINGSEE_MEASUREMENT_NAMES.map((name) => ({
  name,
  unit: THINGSEE_CATALOGUE.find((entry) => entry.name === name)!.unit,
}));

/** Catalogue entries of one message id. */
export function entriesFor(tsmId: number): readonly CatalogueEntry[] {
  return THINGSEE_CATALOGUE.filter((entry) => entry.tsmId === tsmId);
}

/** The message ids that carry any of `names` (to narrow `messageid=` upstream). */
export function messageIdsFor(names: readonly string[]): number[] {
  return [...new Set(THINGSEE_CATALOGUE.filter((e) => names.includes(e.name)).map((e) => e.tsmId))];
}

/** Every message id with a measurement. */
export const MEASUREMENT_MESSAGE_IDS: readonly number[] = [...new Set(THINGSEE_CATALOGUE.map((e) => e.tsmId))];
