import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import type { SimulatorWiring } from '../src/config';
import { checkFacts, checkSame } from './answer-check';
import { SUITE } from './suite';

/**
 * What each switch buys in gateway CPU per executed request, paired round by round
 * (`node -r ./scripts/register-swc.js bench/throughput-paired.ts [screen]`, default
 * iotaap-devices-with-groups). The executed default and each switched-off variant
 * (PAIRED_VARIANTS, `;`-separated, default GRAPHQL_JIT=false;LEAN_RESOLVERS=false;DIRECT_ANSWERS=false)
 * run in processes of their own over one simulator process; each round sends PAIRED_REQUESTS
 * (default 300, 10 in flight) to each in turn, in alternating order, and reads the gateway's own
 * CPU time before and after. On a machine shared with other jobs the load moves from minute to
 * minute; a round's slots are seconds apart, so the ratio of a variant to the default in the
 * same round is steadier than either figure: the median and quartiles of those ratios over
 * PAIRED_ROUNDS (default 16) rounds are what it prints. Every variant's answer is checked
 * against the default's before the rounds. A variant `CHECKOUT=<dir>` runs the gateway of
 * another checkout of this repository (with its own node_modules), e.g. the commit before a
 * change, against the same simulators: before and after, paired round by round.
 */
interface Variant {
  name: string;
  env: Record<string, string>;
  child?: ChildProcess;
  pool?: Pool;
  path?: string;
  cpuMsPerRequest: number[];
}

async function main(): Promise<void> {
  const screen = SUITE.find((s) => s.name === (process.argv[2] ?? 'iotaap-devices-with-groups'));
  if (!screen) throw new Error(`the screen must be one of ${SUITE.map((s) => s.name).join(', ')}, but got: ${process.argv[2]}`);
  const requests = Number(process.env.PAIRED_REQUESTS ?? 300);
  const rounds = Number(process.env.PAIRED_ROUNDS ?? 16);
  const switches = (process.env.PAIRED_VARIANTS ?? 'GRAPHQL_JIT=false;LEAN_RESOLVERS=false;DIRECT_ANSWERS=false').split(';').filter(Boolean);
  const variants: Variant[] = [{ name: 'executed (defaults)', env: {}, cpuMsPerRequest: [] }, ...switches.map((s) => ({ name: s, env: envOf(s), cpuMsPerRequest: [] }))];
  const register = ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')];
  const simulators = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: register });
  const wiring = await new Promise<SimulatorWiring>((resolve) => simulators.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const body = JSON.stringify({ query: screen.query });
  const send = async (variant: Variant) => {
    const response = await variant.pool!.request({ path: variant.path!, method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${variant.name} answered HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as { data?: unknown };
  };
  const load = async (variant: Variant, amount: number) => {
    let sent = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (sent++ < amount) await send(variant);
    }));
  };
  try {
    for (const variant of variants) {
      const { CHECKOUT: checkout, ...env } = variant.env;
      const root = checkout ? resolve(checkout) : join(__dirname, '..');
      variant.child = fork(join(root, 'bench', 'throughput-paired-gateway.ts'), [], {
        cwd: root,
        execArgv: ['-r', join(root, 'scripts', 'register-swc.js')],
        env: { ...process.env, ...env },
      });
      const url = new URL(await ask<{ url: string }>(variant.child, { wiring, env }).then((m) => m.url));
      variant.pool = new Pool(url.origin, { connections: 10 });
      variant.path = url.pathname;
    }
    const reference = (await send(variants[0]!)).data;
    checkFacts(screen.name, screen.expected, screen.facts(reference));
    for (const variant of variants) {
      checkSame(screen.name, variant.name, reference, (await send(variant)).data);
      await load(variant, 500); // warm-up: JIT, pools, compiled queries
    }
    for (let round = 0; round < rounds; round++) {
      for (const variant of round % 2 ? [...variants].reverse() : variants) {
        const before = await ask<{ cpuMs: number }>(variant.child!, 'cpu');
        await load(variant, requests);
        const after = await ask<{ cpuMs: number }>(variant.child!, 'cpu');
        variant.cpuMsPerRequest.push((after.cpuMs - before.cpuMs) / requests);
      }
    }
  } finally {
    for (const variant of variants) {
      await variant.pool?.close();
      variant.child?.disconnect();
    }
    simulators.disconnect();
  }
  const [base] = variants;
  process.stdout.write(`${screen.name}: ${rounds} rounds of ${requests} requests per variant, gateway CPU ms per request\n\n`);
  process.stdout.write('| variant | median CPU ms per request | ratio to the default, same round: median (quartiles) |\n|---|---|---|\n');
  for (const variant of variants) {
    const ratios = variant.cpuMsPerRequest.map((cpu, i) => cpu / base!.cpuMsPerRequest[i]!);
    const [q1, q2, q3] = quartiles(ratios);
    process.stdout.write(`| ${variant.name} | ${quartiles(variant.cpuMsPerRequest)[1].toFixed(3)} | ${variant === base ? '1' : `${q2.toFixed(2)} (${q1.toFixed(2)}–${q3.toFixed(2)})`} |\n`);
  }
}

function envOf(pairs: string): Record<string, string> {
  return Object.fromEntries(pairs.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`a gateway process exited (${code}) before it answered`));
    child.once('exit', exited);
    child.once('message', (answer) => {
      child.off('exit', exited);
      resolve(answer as T);
    });
    child.send(message as object);
  });
}

function quartiles(values: readonly number[]): [number, number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return [at(0.25), at(0.5), at(0.75)];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:throughput-paired failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
