import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardUnit, UNIT_CONVERSIONS } from '../../src/core/units';
import { MAINFLUX_SENSORS } from '../../src/simulators/mainflux/mainflux.seed';
import { IGTIMI_DATA_TYPES } from '../../src/vendors/igtimi/igtimi.catalogue';
import { THINGSEE_CATALOGUE } from '../../src/vendors/thingsee/thingsee.catalogue';

/** docs/measurements.md lists exactly what the code maps: every name, unit and conversion. */
const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'measurements.md'), 'utf8');
const unit = (value: string | null) => value ?? '—';
/** The table rows (`| … |`) of the section under `heading`, up to the next heading. */
function rows(heading: string): string[] {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/measurements.md has no "${heading}"`);
  const section = doc.slice(start + heading.length + 2).split(/\n#{2,3} /)[0]!;
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('|---'));
}

describe('docs/measurements.md', () => {
  it('lists every Igtimi name with its data type and units, and nothing else', () => {
    const expected = IGTIMI_DATA_TYPES.flatMap((entry) =>
      Object.values(entry.fields).map((name) => `| \`${name}\` | ${entry.type} ${entry.label} | ${unit(entry.unit[name] ?? null)} | ${unit(standardUnit(entry.unit[name] ?? null))} |`),
    );
    expect(rows('### Igtimi (`IgtimiDevice`)').slice(1)).toEqual(expected);
  });

  it('lists every Thingsee catalogue entry with its units, and nothing else', () => {
    const expected = THINGSEE_CATALOGUE.map((e) => `| \`${e.name}\` | ${e.tsmId} | \`${e.field}\` | ${unit(e.unit)} | ${unit(standardUnit(e.unit))} |`);
    expect(rows('### Thingsee (`ThingseeThing`)').slice(1)).toEqual(expected);
  });

  it('lists every unit conversion', () => {
    const table = rows('## One unit per quantity').filter((line) => !line.includes('quantity') && !line.includes('vendor unit'));
    const conversions = table.filter((line) => UNIT_CONVERSIONS.some((c) => line === `| ${c.from} | ${c.to} |`));
    expect(conversions).toHaveLength(UNIT_CONVERSIONS.length);
  });

  it("names every name and unit the Mainflux demo publishes", () => {
    for (const sensors of Object.values(MAINFLUX_SENSORS)) for (const { name, unit: u } of sensors) expect(doc).toContain(`\`${name}\` (\`${u}\`)`);
  });
});
