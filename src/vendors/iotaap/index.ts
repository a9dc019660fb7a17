import { createVendorHttp } from '../vendor-http.factory';
import type { AdapterFactory, VendorAdapter } from '../adapter';
import { VendorHealth } from '../vendor-health';
import { iotaapAccountFlow } from './iotaap.account-flow';
import { iotaapTokenProvider } from './iotaap.auth';
import { IotaapApi, IOTAAP_CAPABILITIES } from './iotaap.api';
import { IotaapClient } from './iotaap.client';
import { IOTAAP_DEVICE, IOTAAP_GROUP, isIotaapObjectId } from './iotaap.model';
import { classifyIotaapError } from './iotaap.errors';
import { callerTokenProvider } from '../token-provider';

export { IotaapApi, IOTAAP_CAPABILITIES } from './iotaap.api';
export * from './iotaap.model';

export const createIotaapAdapter: AdapterFactory<'IOTAAP', IotaapApi> = (deps): VendorAdapter<IotaapApi> => {
  const { config } = deps;
  const configured = config.baseUrl !== null;
  const health = new VendorHealth('IOTAAP', configured);
  const authScheme = config.options.AUTH_SCHEME;
  const http = createVendorHttp(deps, 'IOTAAP', health, { classifyError: classifyIotaapError });
  const gatewayTokens = http ? iotaapTokenProvider(config, http) : null;
  return {
    vendor: 'IOTAAP',
    configured,
    health,
    capabilities: IOTAAP_CAPABILITIES,
    types: [
      { typename: IOTAAP_DEVICE, kind: 'Device', isValidNativeId: isIotaapObjectId },
      { typename: IOTAAP_GROUP, kind: 'Group', isValidNativeId: isIotaapObjectId },
    ],
    ...(http ? { accountFlow: iotaapAccountFlow(http) } : {}),
    connect(token, loader, renew) {
      if (!http) throw new Error('IOTAAP is not configured; the registry serves it only when configured');
      const tokens = token ? callerTokenProvider(token, renew) : gatewayTokens;
      return new IotaapApi(new IotaapClient(http.within(loader.scope), tokens, authScheme), loader);
    },
    async close() {
      await http?.close();
    },
  };
};
