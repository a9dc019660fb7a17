import WebSocket from 'ws';
import { leaveOver } from './leftovers';

export type SocketFrame = Record<string, any>;

/** An open socket on the TimeTonic simulator and the frames it receives, in order. */
export interface TimetonicTestSocket {
  ws: WebSocket;
  /** The next frame received (waits for one). */
  next(): Promise<SocketFrame>;
  send(frame: object): void;
  frames: SocketFrame[];
}

export async function openTimetonicSocket(url: string): Promise<TimetonicTestSocket> {
  const ws = new WebSocket(url);
  leaveOver(() => ws.terminate());
  const frames: SocketFrame[] = [];
  const waiting: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as SocketFrame);
    waiting.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const next = async (): Promise<SocketFrame> => {
    while (frames.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    return frames.shift()!;
  };
  return { ws, next, send: (frame) => ws.send(JSON.stringify(frame)), frames };
}

/**
 * A session of a seeded TimeTonic user through the documented key chain
 * (`createAppkey` → `createOauthkey` → `createSesskey`), as `x-timetonic-token` takes it.
 */
export async function timetonicUserToken(apiUrl: string, login: string, password: string): Promise<string> {
  const call = async (req: string, params: Record<string, string>) => {
    const answer = await fetch(`${apiUrl}/api.php`, { method: 'POST', body: new URLSearchParams({ version: '6.41', req, ...params }) });
    return (await answer.json()) as Record<string, string>;
  };
  const { appkey } = await call('createAppkey', { appname: 'tributary' });
  const { oauthkey } = await call('createOauthkey', { login, pwd: password, appkey: appkey! });
  const { sesskey } = await call('createSesskey', { o_u: login, u_c: login, oauthkey: oauthkey! });
  return `${login}:${sesskey}`;
}
