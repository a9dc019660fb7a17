import { z } from 'zod';
import type { AccountFlow, LinkedCredential } from '../account-flow';
import type { VendorHttp } from '../http';
import { jwtExpiry } from '../token-provider';
import { parseWire } from '../validate';
import { mainfluxLogin } from './mainflux.auth';

/** Linked accounts hold a 30-day API key (doc: Issue API Key, type 2, duration in seconds). */
const KEY_DURATION_SECONDS = 30 * 24 * 3600;
const API_KEY_TYPE = 2;

const keySchema = z.looseObject({ id: z.string().min(1), value: z.string().min(1), expires_at: z.string().optional() });

/**
 * A caller's Mainflux account: e-mail + password → user token (`POST /tokens`, the gateway's
 * own login) → an API key (`POST /keys`), which is what is stored. The password is used once;
 * the key renews itself (a new key issued with the current one, the old one revoked), and
 * unlinking revokes it (`DELETE /keys/{id}`).
 */
export function mainfluxAccountFlow(http: VendorHttp): AccountFlow {
  const issueKey = async (label: string, bearer: string): Promise<LinkedCredential> => {
    const response = await http.request({
      operation: 'keys.create',
      method: 'POST',
      path: ['keys'],
      json: { type: API_KEY_TYPE, duration: KEY_DURATION_SECONDS },
      headers: { authorization: `Bearer ${bearer}` },
    });
    const key = parseWire('MAINFLUX', 'keys.create', keySchema, response.json);
    const expiresAt = key.expires_at ? Date.parse(key.expires_at) : jwtExpiry(key.value);
    return { label, token: key.value, expiresAt: Number.isFinite(expiresAt) ? expiresAt : null, material: { keyId: key.id } };
  };
  const revokeKey = async (keyId: string, bearer: string): Promise<void> => {
    await http.request({ operation: 'keys.revoke', method: 'DELETE', path: ['keys', keyId], headers: { authorization: `Bearer ${bearer}` } });
  };
  return {
    inputs: ['email', 'password'],
    refreshBeforeMs: 24 * 3600 * 1000,
    async link(input) {
      const email = input.email ?? '';
      const { token } = await mainfluxLogin(http, email, input.password ?? '');
      return issueKey(email, token);
    },
    async refresh(current) {
      const next = await issueKey(current.label, current.token);
      // The old key would stay valid until it expires: revoke it, with the new one.
      if (current.material.keyId) await revokeKey(current.material.keyId, next.token).catch(() => undefined);
      return next;
    },
    async revoke(current) {
      if (current.material.keyId) await revokeKey(current.material.keyId, current.token);
    },
  };
}
