import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs loadEnvFile in a child process started in a scratch directory: jest gives each test
 * file its own copy of process.env, which Node's loader does not write to.
 */
const ROOT = join(__dirname, '..', '..');
const PROBE = `
  const { loadEnvFile } = require(${JSON.stringify(join(ROOT, 'src', 'env-file.ts'))});
  const file = loadEnvFile();
  const pick = (n) => (n in process.env ? process.env[n] : null);
  console.log(JSON.stringify({ file, fromFile: pick('T_FROM_FILE'), explicit: pick('T_EXPLICIT'), empty: pick('T_EMPTY') }));
`;

function probe(dir: string, env: Record<string, string>) {
  const out = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register-swc.js'), '-e', PROBE], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { file: string | null; fromFile: string | null; explicit: string | null; empty: string | null };
}

describe('.env in the working directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read when it exists, and the environment wins over it (even an empty value)', () => {
    writeFileSync(join(dir, '.env'), '# a comment\nT_FROM_FILE="from file"\nT_EXPLICIT=file\nT_EMPTY=file\n');
    expect(probe(dir, { T_EXPLICIT: 'shell', T_EMPTY: '' })).toEqual({ file: join(dir, '.env'), fromFile: 'from file', explicit: 'shell', empty: '' });
  });

  it('is optional', () => {
    expect(probe(dir, {})).toEqual({ file: null, fromFile: null, explicit: null, empty: null });
  });
});
