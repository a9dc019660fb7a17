import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { checkFacts } from './answer-check';
import { SUITE } from './suite';

/**
 * Where the gateway's CPU goes on one executed screen (`node -r ./scripts/register-swc.js
 * bench/profile.ts [screen]`, default iotaap-devices-with-groups): the simulators in their own
 * process, the gateway here with the response cache off and extra settings from
 * BENCH_PROFILE_ENV (e.g. `GRAPHQL_JIT=false`), PROFILE_REQUESTS requests (default 3000, 10 in
 * flight, from autocannon in its own process; PROFILE_RATE paces them, per second) under the inspector's CPU profiler. Writes bench/results/profile.cpuprofile (open it
 * in Chrome DevTools) and prints the 25 functions with the most self time.
 */
async function main(): Promise<void> {
  const screen = SUITE.find((s) => s.name === (process.argv[2] ?? 'iotaap-devices-with-groups'));
  if (!screen) throw new Error(`the screen must be one of ${SUITE.map((s) => s.name).join(', ')}, but got: ${process.argv[2]}`);
  const requests = Number(process.env.PROFILE_REQUESTS ?? 3000);
  const extra = Object.fromEntries((process.env.BENCH_PROFILE_ENV ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  const child = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')] });
  const wiring = await new Promise<SimulatorWiring>((resolve) => child.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const config = withSimulators(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', RESPONSE_CACHE_MAX_AGE: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', ...extra }),
    wiring,
  );
  const gateway = await startServer(config, { logger: createLogger('silent'), metrics: createMetrics() });
  const target = new URL(gateway.url);
  const pool = new Pool(target.origin, { connections: 10 });
  const body = JSON.stringify({ query: screen.query });
  const send = async () => {
    const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return (await response.body.json()) as { data?: unknown; errors?: unknown };
  };
  try {
    const first = await send();
    if (first.errors) throw new Error(`${screen.name} answered errors: ${JSON.stringify(first.errors).slice(0, 300)}`);
    checkFacts(screen.name, screen.expected, screen.facts(first.data));
    for (let i = 0; i < 200; i++) await send(); // warm-up: JIT, pools, compiled queries
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const cpuBefore = process.cpuUsage();
    // The load comes from autocannon in a process of its own, so the profile is the gateway's alone.
    await autocannon(gateway.url, body, requests);
    const cpu = process.cpuUsage(cpuBefore);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'profile.cpuprofile'), JSON.stringify(profile));
    process.stdout.write(`${screen.name}: ${requests} requests, ${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} ms CPU per request (profiler on)\n`);
    process.stdout.write(topSelfTime(profile as unknown as CpuProfile, 25));
  } finally {
    await pool.close();
    await gateway.stop();
    child.disconnect();
  }
}

function autocannon(url: string, body: string, amount: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = join(__dirname, '..', 'node_modules', '.bin', 'autocannon');
    // PROFILE_RATE paces the load (requests per second in all), as bench:overhead does: a low rate finds colder caches.
    const rate = process.env.PROFILE_RATE ? ['-R', process.env.PROFILE_RATE] : [];
    const proc = spawn(bin, ['-c', '10', '-a', String(amount), ...rate, '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url], { stdio: 'ignore' });
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`autocannon exited ${code}`))));
  });
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
}

/** The `count` functions with the most samples of their own, as a share of all samples. */
function topSelfTime(profile: CpuProfile, count: number): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byNode.get(id)!.callFrame;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}`)
    .join('\n')
    .concat('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:profile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
