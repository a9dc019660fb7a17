import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The entry point on refused settings: status 2 and one line per problem, before anything
 * starts. It runs in a scratch directory, so no `.env` of the checkout joins the environment.
 */
const ROOT = join(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tributary-main-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('exits with status 2 and prints every refused setting on a line of its own', () => {
  const run = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register-swc.js'), join(ROOT, 'src', 'main.ts')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: 'eighty', IGTIMI_LIVE_OFFLINE_MS: 'soon', TIMETONIC_WS_URL: 'http://x' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect({ status: run.status, stderr: run.stderr.trimEnd().split('\n'), stdout: run.stdout }).toEqual({
    status: 2,
    stderr: [
      'Configuration error: PORT must be a whole number from 0 to 65535, but got: eighty',
      'Configuration error: IGTIMI_LIVE_OFFLINE_MS must be a whole number of milliseconds from 100 to 86400000, but got: soon',
      'Configuration error: TIMETONIC_WS_URL must be a ws(s) URL, but got: http://x',
    ],
    stdout: '',
  });
}, 90_000);
