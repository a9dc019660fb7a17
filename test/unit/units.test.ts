import { standardUnit, standardValue, UNIT_CONVERSIONS } from '../../src/core/units';

describe('standard units', () => {
  it.each([
    [10, 'kn', 5.144444, 'm/s'],
    [36, 'km/h', 10, 'm/s'],
    [212, 'degF', 100, 'Cel'],
    [273.15, 'K', 0, 'Cel'],
    [Math.PI, 'rad', 180, 'deg'],
    [1250, 'mm', 1.25, 'm'],
    [1013.25, 'hPa', 101325, 'Pa'],
    [450, 'ppb', 0.45, 'ppm'],
  ])('converts %d %s to %d %s', (value, unit, expected, to) => {
    expect(standardUnit(unit)).toBe(to);
    expect(standardValue(value, unit)).toBeCloseTo(expected, 5);
  });

  it('keeps standard and unknown units, and missing values, as they are', () => {
    for (const unit of ['m/s', 'Cel', '%RH', 'ppm', '%', 'deg', 'lat', 'my-unit']) {
      expect(standardUnit(unit)).toBe(unit);
      expect(standardValue(7.5, unit)).toBe(7.5);
    }
    expect(standardUnit(null)).toBeNull();
    expect(standardValue(null, 'kn')).toBeNull();
    expect(standardValue(3, null)).toBe(3);
  });

  it('converts into units that are themselves standard (no chains)', () => {
    const from = new Set(UNIT_CONVERSIONS.map((c) => c.from));
    for (const conversion of UNIT_CONVERSIONS) expect(from.has(conversion.to)).toBe(false);
  });
});
