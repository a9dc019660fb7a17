import 'reflect-metadata';
import { withDemoCallers } from './accounts/demo-callers';
import { ConfigError, assertSafeToServe, loadConfig, withSimulators, type Config } from './config';
import { createLogger } from './core/logger';
import { loadEnvFile } from './env-file';
import { readyBanner } from './server/ready-banner';
import { demoOutagesFrom } from './server/demo-outages';
import { startServer } from './server/start-server';
import { startTracing } from './server/telemetry';
import { startSimulators } from './simulators';

/** Entry: loadConfig → (demo? startSimulators) → startServer → signals. */
async function main(): Promise<void> {
  const envFile = loadEnvFile();
  let config: Config = loadConfig(process.env);
  assertSafeToServe(config);
  const logger = createLogger(config.logLevel);
  if (envFile) logger.info({ envFile }, 'settings read from .env (the environment wins over it)');
  const tracing = config.tracing ? startTracing() : null;
  let simulators: Awaited<ReturnType<typeof startSimulators>> | null = null;
  if (config.demo) {
    simulators = await startSimulators({ port: 0, faults: config.simFaults, mqttUrl: config.mqttUrl });
    config = withDemoCallers(withSimulators(config, simulators));
    logger.info({ simulators: simulators.urls }, 'embedded vendor simulators started');
  }
  const server = await startServer(config, { logger, demoOutages: simulators ? demoOutagesFrom(config, simulators) : null });
  logger.info({ url: server.url, host: config.host, demo: config.demo }, 'Tributary is ready');
  process.stdout.write(readyBanner(config.host, server.url, config.explorer, config.dashboard));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining HTTP and WebSocket');
    // Server first: in-flight reads still need the demo's simulators until they are answered.
    server
      .stop()
      .then(() => simulators?.stop())
      .then(() => tracing?.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A refused setting, found by loadConfig or later in the start: one line each, status 2.
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
    process.exit(2);
  }
  process.stderr.write(`Tributary failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
