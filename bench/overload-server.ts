import 'reflect-metadata';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';

/**
 * The gateway of `npm run bench:overload` in a process of its own, so its RSS is its own:
 * default settings (only the port, the log level and the simulators' wiring are set; any
 * setting in the environment applies). Answers `{ url }` once listening and `{ rss, heap }` when asked (`collect`: the live heap, after a full GC).
 */
process.once('message', (message: { simulators: SimulatorWiring }) => {
  // NODE_ENV=test would turn event-loop shedding off (its test-mode default): the demo's development mode instead.
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development', PORT: '0', LOG_LEVEL: 'silent' };
  const config = withSimulators(loadConfig(env), message.simulators);
  void startServer(config, { logger: createLogger('silent'), metrics: createMetrics({ defaultMetrics: true }) }).then((gateway) => {
    process.send?.({ url: gateway.url });
    process.on('message', (ask: { rss?: true; collect?: boolean; id?: number }) => {
      // `collect`: a full GC first (the bench starts this process with --expose-gc), so `heap` is what is live.
      if (ask.collect) globalThis.gc?.();
      // A late answer after the bench has gone would throw EPIPE: nobody is asking any more.
      if (ask.rss && process.connected) process.send?.({ id: ask.id, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
    });
    process.on('disconnect', () => void gateway.stop().then(() => process.exit(0)));
  });
});
