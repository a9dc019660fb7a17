import type { AdapterFactory, VendorAdapter } from '../adapter';
import { createVendorHttp } from '../vendor-http.factory';
import { callerTokenProvider } from '../token-provider';
import { VendorHealth } from '../vendor-health';
import { MainfluxAdminClient } from './mainflux.client-admin';
import { MAINFLUX_CAPABILITIES, MainfluxApi } from './mainflux.api';
import { mainfluxAccountFlow } from './mainflux.account-flow';
import { mainfluxTokenProvider } from './mainflux.auth';
import { MainfluxCaller } from './mainflux.client-call';
import { MainfluxClient } from './mainflux.client';
import { classifyMainfluxError } from './mainflux.errors';
import { MainfluxLive, type MainfluxLiveStatus } from './mainflux.live';
import { mapMainfluxMessage } from './mainflux.mapper';
import { MAINFLUX_CHANNEL, MAINFLUX_GROUP, MAINFLUX_THING, isMainfluxGroupId, isMainfluxId } from './mainflux.model';

export { MAINFLUX_CAPABILITIES, MainfluxApi } from './mainflux.api';
export type { MainfluxLiveStatus } from './mainflux.live';
export * from './mainflux.model';

/** The Mainflux adapter, with what `vendors { mainfluxLive }` and live tests read. */
export interface MainfluxAdapter extends VendorAdapter<MainfluxApi> {
  readonly live: MainfluxLive;
  liveStatus(): MainfluxLiveStatus;
}

export const createMainfluxAdapter: AdapterFactory<'MAINFLUX', MainfluxApi, MainfluxAdapter> = (deps) => {
  const { config, metrics, logger } = deps;
  const configured = config.baseUrl !== null;
  const health = new VendorHealth('MAINFLUX', configured);
  const http = createVendorHttp(deps, 'MAINFLUX', health, { classifyError: classifyMainfluxError });
  const gatewayTokens = http ? mainfluxTokenProvider(config, http) : null;
  // Polling reads as a thing (`Thing <key>`), so it needs no user token and outlives requests.
  const thingClient = http ? new MainfluxClient(new MainfluxCaller(http, null)) : null;
  const live = new MainfluxLive({
    mqttUrl: config.options.MQTT_URL,
    topicPrefix: config.options.MQTT_TOPIC_PREFIX,
    pollIntervalMs: config.options.POLL_INTERVAL_MS,
    connectTimeoutMs: 3_000,
    poll: async (target, since) => {
      if (!thingClient) return [];
      const answer = await thingClient.readMessages(target.channelId, target.credential.key, {
        offset: 0,
        limit: 100,
        from: since.getTime() / 1000,
        ...(target.publisher ? { publisher: target.publisher } : {}),
      });
      const channel = { typename: MAINFLUX_CHANNEL, vendor: 'MAINFLUX' as const, nativeId: target.channelId, raw: {} };
      return answer.messages.map((message) => mapMainfluxMessage(message, channel));
    },
    logger,
    metrics,
    pollTimer: deps.clock?.timer,
  });
  return {
    vendor: 'MAINFLUX',
    configured,
    health,
    capabilities: MAINFLUX_CAPABILITIES,
    live,
    liveStatus: () => live.status(),
    types: [
      { typename: MAINFLUX_THING, kind: 'Thing', isValidNativeId: isMainfluxId },
      { typename: MAINFLUX_CHANNEL, kind: 'Channel', isValidNativeId: isMainfluxId },
      { typename: MAINFLUX_GROUP, kind: 'Group', isValidNativeId: isMainfluxGroupId },
    ],
    ...(http ? { accountFlow: mainfluxAccountFlow(http) } : {}),
    connect(token, loader, renew) {
      if (!http) throw new Error('MAINFLUX is not configured; the registry serves it only when configured');
      const caller = new MainfluxCaller(http.within(loader.scope), token ? callerTokenProvider(token, renew) : gatewayTokens);
      return new MainfluxApi(new MainfluxClient(caller), new MainfluxAdminClient(caller), loader, live);
    },
    async close() {
      live.close();
      await http?.close();
    },
  };
};
