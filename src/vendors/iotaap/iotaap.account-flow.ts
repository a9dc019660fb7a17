import type { AccountFlow } from '../account-flow';
import type { VendorHttp } from '../http';
import { IOTAAP_RENEW_BEFORE_MS, iotaapLogin } from './iotaap.auth';

/**
 * A caller's IoTaaP account: `POST /auth/login` → a 30-day JWT. IoTaaP documents no refresh
 * endpoint and no API keys, so the only renewal is another login: the password is kept as
 * refresh material, sealed with the token (never in a column, a log or an answer), and used a
 * day before the token runs out. A refused login turns the link to RELINK_REQUIRED. IoTaaP has
 * no logout or token revocation, so unlinking only forgets the credential.
 */
export function iotaapAccountFlow(http: VendorHttp): AccountFlow {
  return {
    inputs: ['email', 'password'],
    refreshBeforeMs: IOTAAP_RENEW_BEFORE_MS,
    async link(input) {
      const email = input.email ?? '';
      const password = input.password ?? '';
      const issued = await iotaapLogin(http, email, password);
      return { label: email, ...issued, material: { password } };
    },
    async refresh(current) {
      const issued = await iotaapLogin(http, current.label, current.material.password ?? '');
      return { ...current, ...issued };
    },
    async revoke() {},
  };
}
