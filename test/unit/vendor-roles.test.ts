import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VENDORS, vendorKey } from '../../src/core/vendor';

/**
 * The role set of the three per-vendor folders (docs/adding-a-vendor.md, "Files of one vendor").
 * Every file in a vendor folder plays one role, named in its file name, so two vendor folders
 * side by side differ only in their vendors' quirks. A new kind of file adds its role here and
 * to the doc's table in the same change; this test fails until both agree.
 */

/** `required`: every vendor has it. `optional`: only vendors that need it. `planned`: documented, required once every vendor has it. */
export type RoleNeed = 'required' | 'optional' | 'planned';

export interface FileRole {
  role: string;
  need: RoleNeed;
  /** Other spellings of the role in a file name (`types` for a file of several small types). */
  spellings?: readonly string[];
}

export interface FolderShape {
  /** The folder under the repository root; `<v>` is the vendor key. */
  folder: string;
  /**
   * `role-first`: `<v>.<role>.ts` or `<v>.<role>-<topic>.ts`.
   * `role-last` (type-graphql's `<entity>.<role>.ts`): `<v>.<role>.ts` or `<v>-<topic>.<role>.ts`.
   */
  naming: 'role-first' | 'role-last';
  /** Whether the folder has an `index.ts` (required then). */
  index: boolean;
  roles: readonly FileRole[];
}

export const VENDOR_FOLDER_SHAPES: readonly FolderShape[] = [
  {
    folder: 'src/vendors/<v>',
    naming: 'role-first',
    index: true,
    roles: [
      { role: 'wire', need: 'required' },
      { role: 'schemas', need: 'required' },
      { role: 'auth', need: 'required' },
      { role: 'account-flow', need: 'required' },
      { role: 'client', need: 'required' },
      { role: 'model', need: 'required' },
      { role: 'mapper', need: 'required' },
      { role: 'catalogue', need: 'optional' },
      { role: 'api', need: 'required' },
      { role: 'reads', need: 'optional' },
      { role: 'ops', need: 'optional' },
      { role: 'live', need: 'optional' },
      { role: 'errors', need: 'required' },
      { role: 'checks', need: 'optional' },
      { role: 'options', need: 'required' },
    ],
  },
  {
    folder: 'src/schema/vendors/<v>',
    naming: 'role-last',
    index: true,
    roles: [
      { role: 'type', need: 'required', spellings: ['types'] },
      { role: 'resolver', need: 'required' },
      { role: 'inputs', need: 'optional' },
      { role: 'args', need: 'optional' },
      { role: 'checks', need: 'optional' },
      { role: 'enums', need: 'optional' },
    ],
  },
  {
    folder: 'src/simulators/<v>',
    naming: 'role-first',
    index: false,
    roles: [
      { role: 'simulator', need: 'required' },
      { role: 'seed', need: 'required' },
      { role: 'store', need: 'required' },
      { role: 'auth', need: 'required' },
      { role: 'routes', need: 'required' },
      { role: 'live', need: 'optional' },
    ],
  },
];

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/adding-a-vendor.md';
const TOPIC = '[a-z0-9]+(?:-[a-z0-9]+)*';

describe.each(VENDOR_FOLDER_SHAPES.map((shape) => [shape.folder, shape] as const))('%s', (_folder, shape) => {
  it.each(VENDORS.map((vendor) => [vendorKey(vendor)]))('every file of %s plays a documented role', (v) => {
    const folder = shape.folder.replace('<v>', v);
    const files = readdirSync(join(ROOT, folder));
    const unknown = files.filter((file) => file !== 'index.ts' && roleOf(file, v, shape) === null);
    expect({ folder, filesWithoutRole: unknown }).toEqual({ folder, filesWithoutRole: [] });
    expect(files.includes('index.ts')).toBe(shape.index);
  });

  it.each(VENDORS.map((vendor) => [vendorKey(vendor)]))('%s has every required role', (v) => {
    const folder = shape.folder.replace('<v>', v);
    const present = new Set(readdirSync(join(ROOT, folder)).map((file) => roleOf(file, v, shape)));
    const missing = shape.roles.filter((r) => r.need === 'required' && !present.has(r.role)).map((r) => r.role);
    expect({ folder, missingRoles: missing }).toEqual({ folder, missingRoles: [] });
  });

  it(`is described by the table under "${shape.folder}/" in ${DOC}`, () => {
    const rows = docTable(shape.folder);
    const documented = rows.filter((row) => row.names[0] !== 'index.ts');
    const expected = shape.roles.map((r) => ({ names: [r.role, ...(r.spellings ?? [])], need: r.need }));
    expect(documented).toEqual(expected);
    expect(rows.some((row) => row.names[0] === 'index.ts')).toBe(shape.index);
  });
});

it('the role parser reads the file names it is meant for', () => {
  // A guard on the parser itself: a pattern that matches nothing must not pass quietly.
  const [vendor, schema, simulator] = VENDOR_FOLDER_SHAPES;
  expect(roleOf('mainflux.account-flow.ts', 'mainflux', vendor)).toBe('account-flow');
  expect(roleOf('mainflux.reads-messages.ts', 'mainflux', vendor)).toBe('reads');
  expect(roleOf('mainflux.unknown.ts', 'mainflux', vendor)).toBeNull();
  expect(roleOf('igtimi.wire.ts', 'mainflux', vendor)).toBeNull();
  expect(roleOf('timetonic-book.type.ts', 'timetonic', schema)).toBe('type');
  expect(roleOf('igtimi-common.types.ts', 'igtimi', schema)).toBe('type');
  expect(roleOf('timetonic-inputs.ts', 'timetonic', schema)).toBeNull();
  expect(roleOf('iotaap.routes-list.ts', 'iotaap', simulator)).toBe('routes');
});

/** The role a file plays in a folder of this shape, or null when its name follows no documented role. */
function roleOf(file: string, v: string, shape: FolderShape): string | null {
  const spelled = (name: string) => shape.roles.find((r) => r.role === name || r.spellings?.includes(name))?.role ?? null;
  if (shape.naming === 'role-last') {
    const match = new RegExp(`^${v}(?:-${TOPIC})?\\.([a-z]+)\\.ts$`).exec(file);
    return match ? spelled(match[1]) : null;
  }
  const match = new RegExp(`^${v}\\.(${TOPIC})\\.ts$`).exec(file);
  if (!match) return null;
  const name = match[1];
  // The longest role the name starts with: `account-flow` is one role, `reads-sources` is `reads` + topic.
  const roles = shape.roles.map((r) => r.role).sort((a, b) => b.length - a.length);
  return roles.find((role) => name === role || name.startsWith(`${role}-`)) ?? null;
}

/** The rows of the doc's table that follows the heading naming this folder: names in the first cell, need in the second. */
function docTable(folder: string): Array<{ names: string[]; need: string }> {
  const lines = readFileSync(join(ROOT, DOC), 'utf8').split('\n');
  const heading = lines.findIndex((line) => line.startsWith('### ') && line.includes(`\`${folder}/\``));
  if (heading < 0) throw new Error(`${DOC} has no "### \`${folder}/\`" heading`);
  const rows: Array<{ names: string[]; need: string }> = [];
  for (const line of lines.slice(heading + 1)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    rows.push({ names: [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]), need: cells[2] });
  }
  return rows;
}
