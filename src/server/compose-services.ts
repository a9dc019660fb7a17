import type { Config } from '../config';
import { startAccounts, type AccountsRuntime, type AccountsStartOptions } from '../accounts/accounts.runtime';
import type { GatewayServices } from '../context/context';
import type { Logger } from '../core/logger';
import { createMetrics, type Metrics } from '../core/metrics';
import { createTributaryPubSub, type TributaryPubSub } from '../live/pubsub';
import { TopicHub } from '../live/topic-hub';
import type { LiveClock } from '../vendors/adapter';
import { createRegistry, type VendorRegistry } from '../vendors/registry';
import { MemoryVendorReadCache, RedisVendorReadCache } from '../vendors/vendor-read-cache';
import { RedisLink } from './redis-link';
import { warnWhenNoVendor } from './vendor-warnings';

export interface ServicesOptions {
  logger: Logger;
  metrics?: Metrics;
  accounts?: AccountsStartOptions;
  /** The vendors' live clock (tests step it); real timers by default. */
  clock?: LiveClock;
}

/** The gateway's long-lived parts, and the handles the server needs to close them. */
export interface ComposedServices {
  services: GatewayServices;
  /** Null without `REDIS_URL`. */
  redisLink: RedisLink | null;
  /** Null when accounts are off (ACCOUNTS_ENABLED=false). */
  accounts: AccountsRuntime | null;
}

/**
 * Builds what every transport shares: Redis (when configured), the vendors behind their
 * shared read cache, pub/sub, the live topic hub and the callers' accounts store.
 */
export async function composeServices(config: Config, options: ServicesOptions): Promise<ComposedServices> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics({ defaultMetrics: true });
  const redisLink = config.redisUrl ? new RedisLink(config.redisUrl, { commandTimeoutMs: config.redisCommandTimeoutMs, metrics, logger }) : null;
  await redisLink?.connect();
  const readCache = redisLink
    ? new RedisVendorReadCache(redisLink.client, config.redisPrefix, () => redisLink.fellBack('vendor-cache'))
    : new MemoryVendorReadCache();
  const registry = createRegistry({ configs: config.vendors, gateway: config, metrics, logger, cache: readCache, ...(options.clock ? { clock: options.clock } : {}) });
  warnWhenNoVendor(registry, logger);
  const pubsub = createTributaryPubSub();
  const live = new TopicHub({
    metrics,
    logger,
    graceMs: config.liveGraceMs,
    redis: redisLink ? { client: redisLink.client, subscriber: redisLink.subscriber, prefix: config.redisPrefix, health: redisLink } : null,
  });
  const accounts = config.accounts.enabled ? await startAccounts(config.accounts, (vendor) => registry.adapter(vendor).accountFlow, logger, options.accounts) : null;
  const services: GatewayServices = { config, registry, pubsub, live, metrics, logger, accounts: accounts?.accounts ?? null };
  reportVendorStatus(registry, pubsub, metrics, logger);
  return { services, redisLink, accounts };
}

/** Each vendor's status changes go to the breaker gauge, the log and `vendorStatusChanged`. */
function reportVendorStatus(registry: VendorRegistry, pubsub: TributaryPubSub, metrics: Metrics, logger: Logger): void {
  for (const adapter of Object.values(registry.adapters)) {
    metrics.breakerOpen.set({ vendor: adapter.vendor }, 0);
    adapter.health.onChange((status) => {
      metrics.breakerOpen.set({ vendor: status.vendor }, status.circuit === 'CLOSED' ? 0 : 1);
      logger.info({ vendor: status.vendor, state: status.state, circuit: status.circuit }, 'vendor status changed');
      pubsub.publish('VENDOR_STATUS_CHANGED', status);
    });
  }
}
