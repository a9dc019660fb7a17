import type { AccountFlow } from '../account-flow';
import type { VendorHttp } from '../http';
import { encodeSession, timetonicOauthkey, timetonicSesskey } from './timetonic.auth';

/**
 * A sesskey does not expire but can be revoked (VENDOR-NOTES); a fresh one is derived from the
 * oauthkey this often, so a leaked session key does not outlive a day.
 */
const SESSION_RENEW_MS = 24 * 3600 * 1000;

/**
 * A caller's TimeTonic account: login + password → `oauthkey` (the password's only use, never
 * kept) → session keys derived from the oauthkey, which is kept sealed. TimeTonic documents no
 * revocation call: unlinking forgets the keys.
 */
export function timetonicAccountFlow(http: VendorHttp, appname: string): AccountFlow {
  const session = async (label: string, ou: string, oauthkey: string) => ({
    label,
    token: encodeSession({ ou, sesskey: await timetonicSesskey(http, { ou, oauthkey }) }),
    expiresAt: Date.now() + SESSION_RENEW_MS,
    material: { ou, oauthkey },
  });
  return {
    inputs: ['login', 'password'],
    refreshBeforeMs: 0,
    async link(input) {
      const oauth = await timetonicOauthkey(http, appname, input.login ?? '', input.password ?? '');
      return session(input.login ?? oauth.ou, oauth.ou, oauth.oauthkey);
    },
    async refresh(current) {
      return session(current.label, current.material.ou ?? '', current.material.oauthkey ?? '');
    },
    async revoke() {},
  };
}
