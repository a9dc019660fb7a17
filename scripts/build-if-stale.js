#!/usr/bin/env node
// Runs a build step only when its inputs changed since it last succeeded, so a second
// `npm start` skips builds that are up to date (tsc -b already does this for the server).
//
//   node scripts/build-if-stale.js <output dir> <input file or dir>... -- <command> [args...]
//
// After the command succeeds it writes <output dir>/.build-stamp; the step is stale when that
// stamp is missing or any input file (directories walked, skipping node_modules, dist and the
// output dir) is newer than it. Plain JavaScript: it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SKIP = new Set(['node_modules', 'dist', '.git']);

function newestMtime(target, outputDir) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path.resolve(target) === outputDir) return 0;
  let newest = 0;
  for (const name of fs.readdirSync(target)) {
    if (SKIP.has(name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, name), outputDir));
  }
  return newest;
}

function main(argv) {
  const split = argv.indexOf('--');
  if (split < 2 || split === argv.length - 1) {
    process.stderr.write('usage: build-if-stale <output dir> <input>... -- <command> [args...]\n');
    return 2;
  }
  const outputDir = path.resolve(argv[0]);
  const inputs = argv.slice(1, split);
  const [command, ...args] = argv.slice(split + 1);
  const stamp = path.join(outputDir, '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : -1;
  const changed = Math.max(...inputs.map((input) => newestMtime(input, outputDir)));
  if (built >= 0 && changed <= built) {
    process.stdout.write(`${path.relative(process.cwd(), outputDir) || '.'} is up to date\n`);
    return 0;
  }
  // Stamped with the time the build started: an input edited while it ran stays newer.
  const startedAt = new Date();
  const run = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) return run.status ?? 1;
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  fs.utimesSync(stamp, startedAt, startedAt);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
