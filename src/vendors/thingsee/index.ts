import { createHash } from 'node:crypto';
import type { AdapterFactory, VendorAdapter } from '../adapter';
import { VendorListCache } from '../vendor-list-cache';
import { callerTokenProvider } from '../token-provider';
import { createVendorHttp } from '../vendor-http.factory';
import { VendorHealth } from '../vendor-health';
import { ThingseeApi, THINGSEE_CAPABILITIES } from './thingsee.api';
import { thingseeAccountFlow } from './thingsee.account-flow';
import { thingseeTokenProvider } from './thingsee.auth';
import { ThingseeClient } from './thingsee.client';
import { ThingseeFeeds } from './thingsee.live';
import { THINGSEE_ALERT, THINGSEE_GROUP, THINGSEE_THING, isThingseeAlertId, isThingseeGroupId, isThingseeTuid } from './thingsee.model';
import { classifyThingseeError } from './thingsee.errors';

export { ThingseeApi, THINGSEE_CAPABILITIES } from './thingsee.api';
export * from './thingsee.model';
export type { ThingseeCommandInput, ThingseeMessageFilter } from './thingsee.ops-things';
export type { ThingseeMessageIds } from './thingsee.reads-messages';

const MAX_BACKOFF_MS = 60_000;

export const createThingseeAdapter: AdapterFactory<'THINGSEE', ThingseeApi> = (deps): VendorAdapter<ThingseeApi> => {
  const { config, metrics, logger } = deps;
  const configured = config.baseUrl !== null;
  const health = new VendorHealth('THINGSEE', configured);
  const http = createVendorHttp(deps, 'THINGSEE', health, { classifyError: classifyThingseeError });
  const gatewayTokens = http ? thingseeTokenProvider(config, http) : null;
  const feeds = new ThingseeFeeds({
    measurements: { intervalMs: config.options.POLL_INTERVAL_MS, maxBackoffMs: MAX_BACKOFF_MS },
    alerts: { intervalMs: config.options.ALERT_POLL_INTERVAL_MS, maxBackoffMs: MAX_BACKOFF_MS },
    logger,
    metrics,
    timer: deps.clock?.timer,
  });
  // THINGSEE_LIST_CACHE_MS: how long the unpaged group lists are reused across requests.
  const listCache = new VendorListCache(config.options.LIST_CACHE_MS);
  return {
    vendor: 'THINGSEE',
    configured,
    health,
    capabilities: THINGSEE_CAPABILITIES,
    types: [
      { typename: THINGSEE_THING, kind: 'Thing', isValidNativeId: isThingseeTuid },
      { typename: THINGSEE_ALERT, kind: 'Alert', isValidNativeId: isThingseeAlertId },
      { typename: THINGSEE_GROUP, kind: 'Group', isValidNativeId: isThingseeGroupId },
    ],
    ...(http ? { accountFlow: thingseeAccountFlow(http) } : {}),
    connect(token, loader, renew) {
      if (!http) throw new Error('THINGSEE is not configured; the registry serves it only when configured');
      const tokens = token ? callerTokenProvider(token, renew) : gatewayTokens;
      // Pollers are shared per credential; a caller's token is keyed by its hash, never kept as text.
      const credential = token ? `caller:${createHash('sha256').update(token).digest('hex').slice(0, 16)}` : 'gateway';
      const client = new ThingseeClient(http.within(loader.scope), tokens, () => listCache.invalidate(credential));
      return new ThingseeApi(client, loader, feeds, credential, listCache);
    },
    async close() {
      await http?.close();
    },
  };
};
