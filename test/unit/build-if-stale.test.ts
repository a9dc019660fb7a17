import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** scripts/build-if-stale.js: a build step runs when its inputs changed, and only then. */
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'build-if-stale.js');

describe('build-if-stale', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-stale-'));
    mkdirSync(join(dir, 'web', 'node_modules'), { recursive: true });
    writeFileSync(join(dir, 'web', 'main.ts'), 'x');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The "build" appends a line to runs.txt, so the count says how often it ran.
  const build = () =>
    execFileSync(process.execPath, [SCRIPT, 'web/dist', 'web', '--', process.execPath, '-e', "require('fs').appendFileSync('runs.txt', 'run\\n')"], {
      cwd: dir,
      encoding: 'utf8',
    });
  const runs = () => readFileSync(join(dir, 'runs.txt'), 'utf8').split('\n').filter(Boolean).length;
  const later = (path: string) => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(path, future, future);
  };

  it('builds once, skips while nothing changed, and builds again after an input changed', () => {
    build();
    expect(runs()).toBe(1);
    expect(build()).toContain('web/dist is up to date');
    expect(runs()).toBe(1);
    later(join(dir, 'web', 'main.ts'));
    build();
    expect(runs()).toBe(2);
  });

  it('ignores node_modules and the output itself', () => {
    build();
    writeFileSync(join(dir, 'web', 'node_modules', 'dep.js'), 'y');
    later(join(dir, 'web', 'node_modules', 'dep.js'));
    writeFileSync(join(dir, 'web', 'dist', 'app.js'), 'z');
    later(join(dir, 'web', 'dist', 'app.js'));
    expect(build()).toContain('up to date');
    expect(runs()).toBe(1);
  });
});
