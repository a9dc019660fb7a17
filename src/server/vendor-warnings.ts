import type { Logger } from '../core/logger';
import type { VendorRegistry } from '../vendors/registry';

/**
 * Says at start-up when no vendor is configured: such a gateway starts and answers, but every
 * list is empty, which looks like a healthy fleet with no devices rather than a setup mistake.
 */
export function warnWhenNoVendor(registry: VendorRegistry, logger: Logger): void {
  if (Object.values(registry.adapters).some((adapter) => adapter.configured)) return;
  logger.warn(
    'no vendor is configured: every list answers empty and a filter naming a vendor answers VENDOR_NOT_CONFIGURED. ' +
      'Set <VENDOR>_BASE_URL and its credentials (see .env.example), or DEMO=true for the embedded simulators.',
  );
}
