import type { RunningSimulators } from '../src/simulators';

/**
 * Where the gateway's call of a planned route asks for more than a screen needs, the bytes of
 * the narrowest documented form of that call, read straight from the simulator. Keyed by
 * vendor and route (as in `minimumPlan`); the value is the bytes of one call.
 *
 * Igtimi `GET /devices`: the gateway adds `blob_content` and `device_info` to every device read,
 * so one read serves every device field; no screen here shows them, and the bare list is smaller.
 */
export async function narrowestReads(simulators: Pick<RunningSimulators, 'urls' | 'credentials'>): Promise<Record<string, Record<string, number>>> {
  const base = simulators.urls.igtimi;
  const client = simulators.credentials.igtimi;
  if (!base || !client) return {};
  const origin = new URL(base).origin;
  const grant = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret });
  const token = (await (await fetch(`${origin}/oauth/token`, { method: 'POST', body: grant })).json()) as { access_token: string };
  const devices = await fetch(`${origin}/api/v1/devices`, { headers: { authorization: `Bearer ${token.access_token}` } });
  if (!devices.ok) throw new Error(`the bare Igtimi device list answered HTTP ${devices.status}`);
  return { igtimi: { 'GET /api/v1/devices': Buffer.byteLength(await devices.text()) } };
}
