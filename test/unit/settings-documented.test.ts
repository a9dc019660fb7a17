import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { VENDORS } from '../../src/core/vendor';

/**
 * Every variable the gateway reads is written down twice: in `.env.example` (as `NAME=` or a
 * commented `# NAME=`) and, spelled out in full, in the settings tables of docs/operations.md.
 * The variables are found by reading the sources, so a new setting fails here until both say it.
 */
const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, 'src', 'config.ts');
const VENDORS_DIR = join(ROOT, 'src', 'vendors');
/** Read whether config.ts imports them or not (the store, the key, the OAuth2 callbacks). */
const ACCOUNTS_DIR = join(ROOT, 'src', 'accounts');

describe('settings are all written down', () => {
  const read = settingsRead();

  it('finds the settings the sources read', () => {
    // A guard on the scanner itself: a pattern change that finds nothing must not pass quietly.
    expect(read.get('PORT')).toBe('src/config.ts');
    expect(read.get('IOTAAP_BASE_URL')).toBe('src/config.ts');
    expect(read.get('THINGSEE_CLIENT_SECRET')).toBe('src/vendors/thingsee/thingsee.auth.ts');
    expect(read.get('MAINFLUX_POLL_INTERVAL_MS')).toBe('src/vendors/mainflux/mainflux.options.ts');
    expect(read.get('GATEWAY_JWKS_URL')).toBe('src/config.ts');
    expect(read.get('CREDENTIALS_KEY')).toBe('src/accounts/accounts.config.ts');
    expect(read.get('ACCOUNTS_RETURN_URL')).toBe('src/accounts/accounts.config.ts');
  });

  it('lists every one in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const missing = [...read].filter(([name]) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing.map(([name, file]) => `${name} (read in ${file}) is missing from .env.example: add "${name}=<default>" or "# ${name}=<example>" with a comment`)).toEqual([]);
  });

  it('lists every one in the settings tables of docs/operations.md', () => {
    const table = settingsTables(readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8'));
    const missing = [...read].filter(([name]) => !table.includes(`\`${name}\``));
    expect(missing.map(([name, file]) => `${name} (read in ${file}) is missing from the settings table of docs/operations.md: add a row with \`${name}\`, its default and a recommendation`)).toEqual([]);
  });
});

/** Variable name → the file that reads it (first seen). */
function settingsRead(): Map<string, string> {
  const found = new Map<string, string>();
  const note = (name: string, file: string) => {
    if (!found.has(name)) found.set(name, relative(ROOT, file));
  };
  for (const file of new Set([...configModules(CONFIG, new Set()), ...tsFiles(ACCOUNTS_DIR)])) {
    const source = readFileSync(file, 'utf8');
    // env.NAME, env['NAME'], process.env.NAME, helper(env, 'NAME', …), read.int('NAME', …)
    for (const m of source.matchAll(/\benv\s*(?:\.\s*|\[\s*['"`])([A-Z][A-Z0-9_]+)/g)) note(m[1]!, file);
    for (const m of source.matchAll(/\(\s*env\s*,\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g)) note(m[1]!, file);
    for (const m of source.matchAll(/\bread\.\w+\(\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g)) note(m[1]!, file);
    // `${vendor}_KEY`: one variable per vendor.
    for (const m of source.matchAll(/\$\{vendor\}_([A-Z][A-Z0-9_]+)/g)) for (const vendor of VENDORS) note(`${vendor}_${m[1]}`, file);
  }
  // `<VENDOR>_<KEY>` variables: the keys of the vendor's options schema (`KEY: optionField(…)`, read
  // first), and what reaches the vendor as config.options.KEY / config.credentials.KEY.
  for (const folder of readdirSync(VENDORS_DIR)) {
    const vendor = folder.toUpperCase();
    if (!(VENDORS as readonly string[]).includes(vendor)) continue;
    const files = tsFiles(join(VENDORS_DIR, folder));
    for (const file of [...files.filter((f) => f.endsWith('.options.ts')), ...files]) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\b([A-Z][A-Z0-9_]+)\s*:\s*optionField\(/g)) note(`${vendor}_${m[1]}`, file);
      for (const m of source.matchAll(/config\.(?:options|credentials)\s*(?:\.\s*|\[\s*['"`])([A-Z][A-Z0-9_]+)/g)) note(`${vendor}_${m[1]}`, file);
      for (const m of source.matchAll(/\(\s*config\.options\s*,\s*['"`]([A-Z][A-Z0-9_]+)['"`]/g)) note(`${vendor}_${m[1]}`, file);
      for (const m of source.matchAll(/\{([^{}]*)\}\s*=\s*config\.(?:options|credentials)\b/g)) {
        for (const key of m[1]!.matchAll(/\b([A-Z][A-Z0-9_]+)\s*:/g)) note(`${vendor}_${key[1]}`, file);
      }
    }
  }
  return found;
}

/** config.ts and the modules it delegates to (relative imports under src/, followed). */
function configModules(file: string, seen: Set<string>): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const imports = [...source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)]
    .map((m) => resolve(dirname(file), m[1]!))
    .map((path) => [`${path}.ts`, join(path, 'index.ts')].find((candidate) => existsSync(candidate)))
    .filter((path): path is string => path !== undefined && !path.startsWith(VENDORS_DIR));
  return [file, ...imports.flatMap((path) => configModules(path, seen))];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The text of the tables under "## Settings" (up to the next level-2 heading). */
function settingsTables(markdown: string): string {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Settings'));
  if (!section) throw new Error('docs/operations.md has no "## Settings" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
}
