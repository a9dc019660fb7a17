import type { RunningSimulators } from '../src/simulators';

/**
 * Where the gateway's call of a planned route asks for more than a screen needs, the bytes of
 * the narrowest documented form of that call, read straight from the simulator. Keyed by
 * vendor and route (as in `minimumPlan`); the value is the bytes of one call.
 *
 * Igtimi `GET /devices`: the bare list. The gateway's list read adds `blob_content` (a few bytes:
 * `blobContent` is documented as read with the list) but not `device_info`, which it reads only
 * for the devices whose `deviceInfo`, `model` or `raw` a query asks; no screen here shows them.
 *
 * Mainflux `GET /channels/:id/messages`: a last message needs `limit=1`, one read per channel the
 * screen shows (the first `MAINFLUX_SCREEN_CHANNELS`), averaged. The gateway's keyset page now
 * reads just that; this read stays so the minimum does not come from the gateway's own calls.
 */
export async function narrowestReads(simulators: Pick<RunningSimulators, 'urls' | 'credentials'>): Promise<Record<string, Record<string, number>>> {
  return { ...(await igtimiNarrowest(simulators)), ...(await mainfluxNarrowest(simulators)) };
}

async function igtimiNarrowest(simulators: Pick<RunningSimulators, 'urls' | 'credentials'>): Promise<Record<string, Record<string, number>>> {
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

/** The channels the Mainflux screen shows (`channels(first: 5)`). */
const MAINFLUX_SCREEN_CHANNELS = 5;

async function mainfluxNarrowest(simulators: Pick<RunningSimulators, 'urls' | 'credentials'>): Promise<Record<string, Record<string, number>>> {
  const base = simulators.urls.mainflux;
  const user = simulators.credentials.mainflux as { email: string; password: string } | undefined;
  if (!base || !user) return {};
  const url = (path: string) => new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
  const json = async <T>(path: string, init: RequestInit): Promise<T> => {
    const answer = await fetch(url(path), init);
    if (!answer.ok) throw new Error(`Mainflux ${path} answered HTTP ${answer.status}`);
    return (await answer.json()) as T;
  };
  const { token } = await json<{ token: string }>('tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  const asUser = { headers: { authorization: `Bearer ${token}` } };
  const { channels } = await json<{ channels: Array<{ id: string }> }>(`channels?offset=0&limit=${MAINFLUX_SCREEN_CHANNELS}`, asUser);
  let bytes = 0;
  for (const channel of channels) {
    const { things } = await json<{ things: Array<{ key?: string }> }>(`channels/${channel.id}/things?offset=0&limit=100`, asUser);
    const key = things.find((thing) => thing.key)?.key;
    if (!key) throw new Error(`Mainflux channel ${channel.id} has no thing with a key to read its messages`);
    const last = await fetch(url(`channels/${channel.id}/messages?offset=0&limit=1`), { headers: { authorization: `Thing ${key}` } });
    if (!last.ok) throw new Error(`Mainflux channel ${channel.id} messages answered HTTP ${last.status}`);
    bytes += Buffer.byteLength(await last.text());
  }
  return channels.length ? { mainflux: { 'GET /channels/:id/messages': bytes / channels.length } } : {};
}
