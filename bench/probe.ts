import 'reflect-metadata';
import { loadConfig, withSimulators } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';
import { startSimulators } from '../src/simulators';
import { SUITE } from './suite';

/** Prints each suite query's upstream calls per route once (to check its `minimumPlan`). */
async function main(): Promise<void> {
  const simulators = await startSimulators({ port: 0, live: false });
  const server = await startServer(withSimulators(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }), simulators), { logger: createLogger('silent'), metrics: createMetrics() });
  for (const bench of SUITE) {
    const post = () => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: bench.query }) }).then((r) => r.json());
    await post();
    Object.values(simulators.controls).forEach((c) => c?.resetCounts());
    const body = (await post()) as { errors?: unknown };
    const counts = Object.fromEntries(Object.entries(simulators.controls).flatMap(([v, c]) => (c && c.total() ? [[v, c.counts()]] : [])));
    process.stdout.write(`${bench.name}: ${body.errors ? `ERRORS ${JSON.stringify(body.errors).slice(0, 300)}` : ''}\n${JSON.stringify(counts)}\n`);
  }
  await server.stop();
  await simulators.stop();
}
void main();
