import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, round } from './report';

/**
 * `npm run bench`: the five benchmarks one after another, each in a process of its own (a
 * step's servers, children and heap never weigh on the next one's CPU numbers), then
 * bench/results/summary.json and summary.md with each step's duration and outcome. A failing
 * step does not stop the others; the run exits non-zero if any failed. BENCH_STEPS=a,b runs
 * only those steps (e.g. `BENCH_STEPS=growth npm run bench`). Budget: 10 minutes on 2 cores.
 */
const STEPS = [
  { name: 'suite', title: 'Upstream efficiency suite', script: 'run.ts', results: 'latest' },
  { name: 'overhead', title: 'Overhead over the floor at 50 % of the saturating rate', script: 'overhead.ts', results: 'overhead' },
  { name: 'throughput', title: 'Throughput side by side', script: 'throughput.ts', results: 'throughput' },
  { name: 'growth', title: 'Cost growth', script: 'growth-run.ts', results: 'growth' },
  { name: 'startup', title: 'Start and memory', script: 'startup-run.ts', results: 'startup' },
] as const;

const BUDGET_SECONDS = 600;

async function main(): Promise<void> {
  const wanted = process.env.BENCH_STEPS?.split(',').map((step) => step.trim()).filter(Boolean);
  const unknown = (wanted ?? []).filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_STEPS must name steps among ${STEPS.map((s) => s.name).join(', ')}, but got: ${unknown.join(', ')}`);
  const started = performance.now();
  const done = [];
  for (const step of STEPS.filter((s) => !wanted || wanted.includes(s.name))) {
    process.stdout.write(`\n=== bench ${step.name}: ${step.title} (bench/${step.script})\n`);
    const stepStarted = performance.now();
    const code = await run(join(__dirname, step.script));
    const seconds = round((performance.now() - stepStarted) / 1000);
    done.push({ ...step, seconds, ok: code === 0, exitCode: code });
    process.stdout.write(`=== bench ${step.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds} s\n`);
  }
  const totalSeconds = round((performance.now() - started) / 1000);
  const summary = { ...machine(), totalSeconds, budgetSeconds: BUDGET_SECONDS, steps: done };
  const md = [
    `# Benchmarks ${summary.date}`,
    '',
    `Node ${summary.node}, ${summary.cpus} × ${summary.cpuModel}. \`npm run bench\` took **${totalSeconds} s** (budget ${BUDGET_SECONDS} s on 2 cores).`,
    '',
    '| step | benchmark | results | seconds | outcome |',
    '|---|---|---|---|---|',
    ...done.map((s) => `| ${s.name} | ${s.title} | [${s.results}.md](${s.results}.md) | ${s.seconds} | ${s.ok ? 'ok' : `failed (exit ${s.exitCode})`} |`),
    '',
  ].join('\n');
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  // A partial run (BENCH_STEPS) would overwrite the full run's summary with a misleading total.
  if (!wanted) {
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(out, 'summary.md'), md);
  }
  process.stdout.write(`\n${md}`);
  if (done.some((s) => !s.ok)) process.exitCode = 1;
}

/** One step, as `npm run bench:<step>` would run it, sharing this terminal. */
function run(script: string): Promise<number> {
  const register = join(__dirname, '..', 'scripts', 'register-swc.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', register, script], { stdio: 'inherit', env: process.env });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
