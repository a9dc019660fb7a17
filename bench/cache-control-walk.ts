import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { operationTokens } from '../src/context/caller-tokens';
import { RequestContext, vendorTokensFrom, type Caller } from '../src/context/context';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { buildTributarySchema } from '../src/schema/build-schema';
import { createApollo } from '../src/server/apollo';
import { composeServices } from '../src/server/compose-services';
import { validationRules } from '../src/server/validation-rules';
import { checkFacts } from './answer-check';
import { machine, round } from './report';
import { SUITE } from './suite';

/**
 * `npm run bench:cache-control`: what Apollo's cache-control plugin would cost if the answer
 * cache took its hints from it instead of its own walk of the document (answer-cache-policy.ts,
 * once per distinct document). Per bench screen: how many times Apollo's per-field hook
 * (`willResolveField`) runs per operation, and the gateway's CPU per operation with the plugin
 * on and off, with graphql-jit on (the default) and off. Each variant runs in a process of its
 * own (Apollo's plugin wraps every field resolver of the schema in place, and the schema is one
 * per process), BENCH_REPEAT rounds interleaved (default 3); the simulators run in another
 * process. An operation is Apollo's whole HTTP request handling in process (parse, validate,
 * plugins, execution, vendor calls over loopback), without our HTTP transport and admission,
 * which are the same in every variant. Every answer is checked against the screen's facts.
 * Writes bench/results/cache-control-walk.md.
 */
interface Variant {
  name: string;
  apolloCacheControl: boolean;
  jit: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'own walk (today)', apolloCacheControl: false, jit: true },
  { name: "Apollo's plugin on", apolloCacheControl: true, jit: true },
  { name: 'own walk, GRAPHQL_JIT=false', apolloCacheControl: false, jit: false },
  { name: "Apollo's plugin on, GRAPHQL_JIT=false", apolloCacheControl: true, jit: false },
];

/** One screen measured in one variant's process. */
interface Row {
  screen: string;
  hookCallsPerOp: number;
  cpuMsPerOp: number;
}

const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 400);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 100);
const IN_FLIGHT = 4;

/** Apollo's plugin as it is, with its per-field hook counted (its internal id kept, so Apollo installs no second one). */
function counted(plugin: ApolloServerPlugin<RequestContext>, hooks: { calls: number }): ApolloServerPlugin<RequestContext> {
  return {
    ...plugin,
    async requestDidStart(requestContext) {
      const listener = await plugin.requestDidStart?.(requestContext);
      if (!listener) return listener;
      return {
        ...listener,
        async executionDidStart(executionContext) {
          const execution = await listener.executionDidStart?.(executionContext);
          const willResolveField = execution?.willResolveField;
          if (!execution || !willResolveField) return execution;
          return {
            ...execution,
            willResolveField(field) {
              hooks.calls += 1;
              return willResolveField(field);
            },
          };
        },
      };
    },
  };
}

/** The child's work: one variant, every screen. */
async function measureVariant(variant: Variant, wiring: SimulatorWiring): Promise<Row[]> {
  const config = withSimulators(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', ACCOUNTS_ENABLED: 'false', GRAPHQL_JIT: String(variant.jit) }),
    wiring,
  );
  const logger = createLogger('silent');
  const { services } = await composeServices(config, { logger, metrics: createMetrics() });
  const hooks = { calls: 0 };
  const apolloPlugin = counted(ApolloServerPluginCacheControl({ defaultMaxAge: config.responseCache.maxAgeSeconds, calculateHttpHeaders: false }), hooks);
  // No answer cache: every operation executes; the policy plugin still decides per operation.
  const apollo = createApollo(buildTributarySchema({ leanResolvers: config.leanResolvers }), config, logger, null, validationRules(config), variant.apolloCacheControl ? apolloPlugin : undefined);
  await apollo.start();
  const caller: Caller = { kind: 'anonymous', id: null };
  const run = async (query: string): Promise<{ data?: unknown; errors?: unknown }> => {
    const { tokens, renewals, relinkRequired } = await operationTokens(services, caller, vendorTokensFrom(() => undefined));
    const context = new RequestContext(services, caller, tokens, relinkRequired, renewals);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query } },
      context: async () => context,
    });
    if (result.body.kind !== 'complete') throw new Error('expected a complete answer');
    return JSON.parse(result.body.string) as { data?: unknown; errors?: unknown };
  };
  const rows: Row[] = [];
  try {
    for (const screen of SUITE) {
      const answer = await run(screen.query);
      if (answer.errors) throw new Error(`${screen.name} answered errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      checkFacts(screen.name, screen.expected, screen.facts(answer.data));
      await inFlight(WARM_UP, () => run(screen.query));
      hooks.calls = 0;
      const before = process.cpuUsage();
      await inFlight(OPERATIONS, () => run(screen.query));
      const cpu = process.cpuUsage(before);
      rows.push({ screen: screen.name, hookCallsPerOp: hooks.calls / OPERATIONS, cpuMsPerOp: (cpu.user + cpu.system) / 1000 / OPERATIONS });
      checkFacts(screen.name, screen.expected, screen.facts((await run(screen.query)).data));
    }
  } finally {
    await apollo.stop();
    await services.live.close();
    await services.registry.close();
  }
  return rows;
}

/** Runs `count` operations, IN_FLIGHT at a time. */
async function inFlight(count: number, operation: () => Promise<unknown>): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await operation();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/** A variant measured in a fresh process (the script itself, told which variant). */
function inChild(index: number, wiring: SimulatorWiring): Promise<Row[]> {
  const child: ChildProcess = fork(__filename, [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')], env: { ...process.env, CACHE_CONTROL_WALK_VARIANT: String(index) } });
  child.send({ wiring });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { rows?: Row[]; error?: string }) => (message.rows ? resolve(message.rows) : reject(new Error(message.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`variant ${VARIANTS[index]!.name} exited ${code}`)));
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function report(results: Row[][][], repeat: number): string {
  const cpu = (variant: number, screen: string) => results.map((round) => round[variant]!.find((row) => row.screen === screen)!.cpuMsPerOp);
  const hooks = (variant: number, screen: string) => results[0]![variant]!.find((row) => row.screen === screen)!.hookCallsPerOp;
  const spread = (values: number[]) => `${round(median(values))} (${round(Math.min(...values))}–${round(Math.max(...values))})`;
  const change = (off: number[], on: number[]) => `${Math.round((100 * (median(on) - median(off))) / median(off))} %`;
  const rows = SUITE.flatMap((screen) =>
    [0, 2].map((off) => {
      const on = off + 1;
      return `| ${screen.name} | ${VARIANTS[off]!.jit ? 'on' : 'off'} | ${hooks(on, screen.name)} | ${spread(cpu(off, screen.name))} | ${spread(cpu(on, screen.name))} | ${change(cpu(off, screen.name), cpu(on, screen.name))} |`;
    }),
  );
  const { date, node, cpus, cpuModel } = machine();
  return [
    `# Apollo's cache-control plugin vs the answer cache's own walk ${date}`,
    '',
    `Node ${node}, ${cpus} × ${cpuModel}. \`npm run bench:cache-control\` (bench/cache-control-walk.ts): ${OPERATIONS} operations per screen after ${WARM_UP} to warm up, ${IN_FLIGHT} in flight, ${repeat} rounds with the variants interleaved, each variant in a process of its own; simulators in another process, no injected latency. CPU per operation is the gateway process's (Apollo's request handling in process: parse, validate, plugins, execution, vendor calls over loopback; our HTTP transport and admission, the same in every variant, are left out). Median of the rounds (min–max).`,
    '',
    "Hook calls: Apollo's `willResolveField` per operation with its plugin on. The own walk reads the hints once per distinct document and then answers from a WeakMap: 0 per operation.",
    '',
    "| screen | graphql-jit | Apollo hook calls per op | CPU ms/op, own walk | CPU ms/op, Apollo's plugin | change |",
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  const simulators = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: ['-r', join(__dirname, '..', 'scripts', 'register-swc.js')] });
  const wiring = await new Promise<SimulatorWiring>((resolve) => simulators.once('message', (m: { simulators: SimulatorWiring }) => resolve(m.simulators)));
  const results: Row[][][] = [];
  try {
    for (let r = 0; r < repeat; r++) {
      const measured: Row[][] = [];
      // Interleaved: each round starts with another variant, so a noisy minute falls on each alike.
      for (let k = 0; k < VARIANTS.length; k++) {
        const index = (r + k) % VARIANTS.length;
        process.stdout.write(`cache-control walk: round ${r + 1}/${repeat}, ${VARIANTS[index]!.name}\n`);
        measured[index] = await inChild(index, wiring);
      }
      results.push(measured);
    }
  } finally {
    simulators.disconnect();
  }
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const markdown = report(results, repeat);
  writeFileSync(join(out, 'cache-control-walk.md'), markdown);
  process.stdout.write(markdown);
}

const variantIndex = process.env.CACHE_CONTROL_WALK_VARIANT;
if (variantIndex === undefined) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:cache-control failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  process.once('message', (message: { wiring: SimulatorWiring }) => {
    measureVariant(VARIANTS[Number(variantIndex)]!, message.wiring).then(
      (rows) => process.send!({ rows }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
