import type { AccountFlow } from '../account-flow';
import type { VendorHttp } from '../http';
import { thingseeClientToken } from './thingsee.auth';

/**
 * A caller's Thingsee organisation: its API client id + secret → 15-minute tokens
 * (`POST /auth/client-token`). A new token needs the secret again, so the secret is kept
 * sealed with the token; tokens are renewed when due (their expiry already carries the
 * margin). Thingsee documents no revocation: unlinking forgets the credential.
 */
export function thingseeAccountFlow(http: VendorHttp): AccountFlow {
  return {
    inputs: ['clientId', 'clientSecret'],
    refreshBeforeMs: 0,
    async link(input) {
      const clientId = input.clientId ?? '';
      const clientSecret = input.clientSecret ?? '';
      return { label: clientId, ...(await thingseeClientToken(http, clientId, clientSecret)), material: { clientSecret } };
    },
    async refresh(current) {
      return { ...current, ...(await thingseeClientToken(http, current.label, current.material.clientSecret ?? '')) };
    },
    async revoke() {},
  };
}
