import 'reflect-metadata';
import { loadConfig, withSimulators, type SimulatorWiring } from '../src/config';
import { createLogger } from '../src/core/logger';
import { createMetrics } from '../src/core/metrics';
import { startServer } from '../src/server/start-server';

/**
 * One gateway of bench/throughput-paired.ts in a process of its own, so its CPU time is its
 * alone: started with the settings it is sent (`{ wiring, env }`), it answers with its URL, then
 * answers each `'cpu'` message with its CPU time so far (ms, user + system).
 */
process.once('message', (message: { wiring: SimulatorWiring; env: Record<string, string> }) => {
  const config = withSimulators(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_STALE_IF_ERROR_MS: '0', RESPONSE_CACHE_MAX_AGE: '0', IGTIMI_LIST_CACHE_MS: '0', THINGSEE_LIST_CACHE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', ...message.env }),
    message.wiring,
  );
  void startServer(config, { logger: createLogger('silent'), metrics: createMetrics() }).then((gateway) => {
    process.on('message', (ask) => {
      if (ask !== 'cpu') return;
      const cpu = process.cpuUsage();
      process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000 });
    });
    process.on('disconnect', () => void gateway.stop().then(() => process.exit(0)));
    process.send?.({ url: gateway.url });
  });
});
