import { createHash } from 'node:crypto';
import { createVendorHttp } from '../vendor-http.factory';
import type { AdapterFactory, VendorAdapter } from '../adapter';
import { callerTokenProvider } from '../token-provider';
import { VendorHealth } from '../vendor-health';
import { VendorListCache } from '../vendor-list-cache';
import { IgtimiApi, IGTIMI_CAPABILITIES } from './igtimi.api';
import { igtimiAccountFlow } from './igtimi.account-flow';
import { igtimiTokenProvider } from './igtimi.auth';
import { IgtimiClient } from './igtimi.client';
import { IGTIMI_LIVE_DEFAULTS, IgtimiLiveHub, REAL_CLOCK } from './igtimi.live';
import { IGTIMI_DEVICE, IGTIMI_DEVICE_GROUP, IGTIMI_GROUP, IGTIMI_SESSION, isIgtimiNumericId, isIgtimiSerial } from './igtimi.model';
import { classifyIgtimiError } from './igtimi.errors';

export { IgtimiApi, IGTIMI_CAPABILITIES } from './igtimi.api';
export * from './igtimi.model';
export { classifyIgtimiError } from './igtimi.errors';
export type { IgtimiCreateDeviceGroupInput, IgtimiCreateDeviceInput } from './igtimi.ops';
export type { IgtimiSessionFilter } from './igtimi.ops-sessions';
export type { IgtimiBlobOwner, IgtimiTarget } from './igtimi.client';
export { IGTIMI_DATA_TYPES, IGTIMI_MEASUREMENT_NAMES } from './igtimi.catalogue';

export const createIgtimiAdapter: AdapterFactory<'IGTIMI', IgtimiApi> = (deps): VendorAdapter<IgtimiApi> => {
  const { config, logger } = deps;
  const configured = config.baseUrl !== null;
  const health = new VendorHealth('IGTIMI', configured);
  const baseUrl = config.baseUrl as string;
  const http = createVendorHttp(deps, 'IGTIMI', health, { classifyError: classifyIgtimiError });
  const gatewayTokens = http ? igtimiTokenProvider(config, http) : null;
  // The server list comes from upstream, so its hosts are checked: the base URL's host plus IGTIMI_WS_HOSTS.
  const allowedHosts = new Set([...(configured ? [new URL(baseUrl).hostname] : []), ...config.options.WS_HOSTS]);
  const hub = new IgtimiLiveHub({ ...IGTIMI_LIVE_DEFAULTS, offlineAfterMs: config.options.LIVE_OFFLINE_MS, allowedHosts, clock: deps.clock ?? REAL_CLOCK }, logger);
  // IGTIMI_LIST_CACHE_MS: how long a whole-account list (devices) is reused across requests.
  const listCache = new VendorListCache(config.options.LIST_CACHE_MS);
  const { CLIENT_ID: clientId, CLIENT_SECRET: clientSecret } = config.credentials;
  return {
    vendor: 'IGTIMI',
    configured,
    health,
    capabilities: IGTIMI_CAPABILITIES,
    // Callers' links need the gateway's registered application (docs/accounts.md).
    ...(http && clientId && clientSecret ? { accountFlow: igtimiAccountFlow(http, baseUrl, clientId, clientSecret) } : {}),
    types: [
      { typename: IGTIMI_DEVICE, kind: 'Device', isValidNativeId: isIgtimiSerial },
      { typename: IGTIMI_GROUP, kind: 'Group', isValidNativeId: isIgtimiNumericId },
      { typename: IGTIMI_DEVICE_GROUP, kind: 'Group', isValidNativeId: isIgtimiNumericId },
      { typename: IGTIMI_SESSION, kind: 'Session', isValidNativeId: isIgtimiNumericId },
    ],
    connect(token, loader, renew) {
      if (!http) throw new Error('IGTIMI is not configured; the registry serves it only when configured');
      const tokens = token ? callerTokenProvider(token, renew) : gatewayTokens;
      // Live sockets are shared per credential; a caller's token is keyed by its hash, never kept as a key.
      const credentialKey = token ? `caller:${createHash('sha256').update(token).digest('hex')}` : 'gateway';
      const client = new IgtimiClient(http.within(loader.scope), tokens, () => listCache.invalidate(credentialKey));
      return new IgtimiApi(client, loader, hub, credentialKey, { baseUrl, clientId: config.credentials.CLIENT_ID ?? null }, listCache);
    },
    async close() {
      hub.close();
      await http?.close();
    },
  };
};
