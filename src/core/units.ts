/**
 * One unit per quantity, so points of different vendors compare without knowing who sent
 * them. The units are SenML's (RFC 8428 §12.1, and RFC 8798 where RFC 8428 has none) with
 * one choice of ours: angles are `deg` rather than SenML's `rad`, because every vendor
 * served here (and every sailor) uses degrees; `rad` input is converted to `deg`.
 * Units not listed pass through unchanged: a Mainflux publisher's own unit is kept as sent.
 * docs/measurements.md lists this table.
 */
export interface UnitConversion {
  /** The unit a value is given in. */
  from: string;
  /** The standard unit of its quantity. */
  to: string;
  convert(value: number): number;
}

const KNOT_IN_M_PER_S = 1852 / 3600;

const conversion = (from: string, to: string, convert: (value: number) => number): UnitConversion => ({ from, to, convert });
const scale = (from: string, to: string, factor: number) => conversion(from, to, (value) => value * factor);

export const UNIT_CONVERSIONS: readonly UnitConversion[] = [
  // Speed → m/s
  scale('kn', 'm/s', KNOT_IN_M_PER_S),
  scale('km/h', 'm/s', 1 / 3.6),
  scale('mph', 'm/s', 1609.344 / 3600),
  // Temperature → Cel
  conversion('degF', 'Cel', (f) => ((f - 32) * 5) / 9),
  conversion('°F', 'Cel', (f) => ((f - 32) * 5) / 9),
  conversion('K', 'Cel', (k) => k - 273.15),
  scale('°C', 'Cel', 1),
  scale('degC', 'Cel', 1),
  // Angle → deg (our choice; see above)
  scale('rad', 'deg', 180 / Math.PI),
  scale('°', 'deg', 1),
  // Length → m
  scale('mm', 'm', 0.001),
  scale('cm', 'm', 0.01),
  scale('km', 'm', 1000),
  // Pressure → Pa
  scale('hPa', 'Pa', 100),
  scale('mbar', 'Pa', 100),
  scale('kPa', 'Pa', 1000),
  scale('bar', 'Pa', 100_000),
  // Concentration → ppm
  scale('ppb', 'ppm', 0.001),
  // Relative humidity → %RH
  scale('RH%', '%RH', 1),
];

const BY_UNIT = new Map(UNIT_CONVERSIONS.map((entry) => [entry.from, entry]));

/** The standard unit of `unit` (itself when it is standard or unknown). */
export function standardUnit(unit: string | null): string | null {
  return unit === null ? null : (BY_UNIT.get(unit)?.to ?? unit);
}

/** `value` given in `unit`, in the standard unit of its quantity. */
export function standardValue(value: number | null, unit: string | null): number | null {
  const entry = unit === null ? undefined : BY_UNIT.get(unit);
  return value === null || !entry ? value : entry.convert(value);
}

/** A point's value and unit in the standard unit (`value`, `unit`), and as the vendor gave them (`vendor…`). */
export function inStandardUnit(
  value: number | null,
  unit: string | null,
): { value: number | null; unit: string | null; vendorValue: number | null; vendorUnit: string | null } {
  return { value: standardValue(value, unit), unit: standardUnit(unit), vendorValue: value, vendorUnit: unit };
}
