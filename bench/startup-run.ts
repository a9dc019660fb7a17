import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine } from './report';
import { measureStartup } from './startup';

/**
 * Start and memory (`npm run bench:startup`, a step of `npm run bench`): cold start of the
 * compiled demo (gateway + five simulators) until `/readyz` answers, and its idle RSS; the
 * median of three starts.
 * Writes bench/results/startup.json and startup.md.
 */
async function main(): Promise<void> {
  const startup = await measureStartup();
  const report = { ...machine(), ...startup };
  const md = [
    `# Start and memory ${report.date}`,
    '',
    `Node ${report.node}, ${report.cpus} × ${report.cpuModel}; the demo (gateway + five simulators) from the compiled build, as \`npm start\` runs it.`,
    '',
    'error' in startup
      ? `Not measured: ${startup.error}`
      : [
          '| cold start to ready ms (median) | idle RSS MB (median) | every start, ms |',
          '|---|---|---|',
          `| ${startup.coldStartMs} | ${startup.idleRssMb} | ${startup.samples.map((s) => ('error' in s ? s.error : s.coldStartMs)).join(', ')} |`,
          '',
          'Targets: cold start ≤ 2000 ms, idle RSS ≤ 150 MB.',
        ].join('\n'),
    '',
  ].join('\n');
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'startup.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'startup.md'), md);
  process.stdout.write(md);
  if ('error' in startup) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:startup failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
