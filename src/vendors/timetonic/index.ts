import type { AdapterFactory, VendorAdapter } from '../adapter';
import { callerTokenProvider } from '../token-provider';
import { createVendorHttp } from '../vendor-http.factory';
import { VendorHealth } from '../vendor-health';
import { timetonicAccountFlow } from './timetonic.account-flow';
import { decodeSession, encodeSession, timetonicSessionProvider } from './timetonic.auth';
import { TimetonicApi, TIMETONIC_CAPABILITIES } from './timetonic.api';
import { TimetonicClient } from './timetonic.client';
import { classifyTimetonicError } from './timetonic.errors';
import { BookMessageFeeds } from './timetonic.live';
import { TIMETONIC_BOOK, isTimetonicBookId } from './timetonic.model';

export { TimetonicApi, TIMETONIC_CAPABILITIES } from './timetonic.api';
export * from './timetonic.model';

export const createTimetonicAdapter: AdapterFactory<'TIMETONIC', TimetonicApi> = (deps): VendorAdapter<TimetonicApi> => {
  const { config, metrics, logger } = deps;
  const configured = config.baseUrl !== null;
  const health = new VendorHealth('TIMETONIC', configured);
  // Every TimeTonic request is a POST with the session in the form, so the shared GET cache
  // never applies: answers are never shared across credentials.
  const http = createVendorHttp(deps, 'TIMETONIC', health, { classifyError: classifyTimetonicError });
  const gatewaySessions = http ? timetonicSessionProvider(config, http) : null;
  const wsUrl = config.options.WS_URL;
  // Upstream pollers of live books; the live layer runs one per (credential, book).
  const feeds = new BookMessageFeeds({
    intervalMs: config.options.POLL_INTERVAL_MS,
    socketUrl: wsUrl,
    files: config.baseUrl ?? '',
    logger,
    pollers: metrics.pollersActive,
    dropped: metrics.pollerEventsDropped,
    timer: deps.clock?.timer,
  });
  return {
    vendor: 'TIMETONIC',
    configured,
    health,
    capabilities: TIMETONIC_CAPABILITIES,
    types: [{ typename: TIMETONIC_BOOK, kind: 'Book', isValidNativeId: isTimetonicBookId }],
    // The application name TimeTonic issues appkeys for: the gateway's own (TIMETONIC_APPNAME).
    ...(http ? { accountFlow: timetonicAccountFlow(http, deps.config.credentials.APPNAME ?? 'tributary') } : {}),
    connect(token, loader, renew) {
      if (!http) throw new Error('TIMETONIC is not configured; the registry serves it only when configured');
      // A caller's own session: `<o_u>:<sesskey>`, checked before it is ever sent.
      const sessions = token ? callerTokenProvider(encodeSession(decodeSession(token)), renew) : gatewaySessions;
      const client = new TimetonicClient(http.within(loader.scope), sessions);
      return new TimetonicApi(client, loader, { files: config.baseUrl as string, feeds, socket: wsUrl ? { url: wsUrl, timeoutMs: deps.gateway.vendorTimeoutMs } : null });
    },
    async close() {
      feeds.close();
      await http?.close();
    },
  };
};
