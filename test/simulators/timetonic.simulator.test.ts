import { startSimulators, type RunningSimulators } from '../../src/simulators';
import { TIMETONIC_DEMO_CREDENTIALS, TIMETONIC_SEED_SESSION, createTimetonicSeed } from '../../src/simulators/timetonic/timetonic.seed';
import { TIMETONIC_TABLES } from '../../src/simulators/timetonic/timetonic.seed-tables';
import { postLiveMessage, createTimetonicRouter } from '../../src/simulators/timetonic/timetonic.simulator';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { openTimetonicSocket, timetonicUserToken } from '../helpers/timetonic-socket';

let sims: RunningSimulators;
let url: string;
beforeAll(async () => {
  sims = await startSimulators({ vendors: ['timetonic'], live: false });
  leaveOver(() => sims.stop());
  url = sims.urls.timetonic as string;
});
afterAll(disposeLeftovers);

type Answer = Record<string, any>;

/** One form-encoded POST to api.php, as the demo session unless `session` is false. */
async function api(req: string, params: Record<string, string | number> = {}, session = true): Promise<Answer> {
  const form = new URLSearchParams({ version: '6.41', req, ...(session ? { o_u: 'demo', u_c: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey } : {}) });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  const res = await fetch(`${url}/api.php`, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe('TimeTonic simulator', () => {
  it('runs the key chain and refuses bad keys with the documented nok shapes', async () => {
    const { appkey } = await api('createAppkey', { appname: TIMETONIC_DEMO_CREDENTIALS.appname }, false);
    expect(appkey).toMatch(/^(\w{4}-){5}0$/);
    expect(await api('createOauthkey', { login: 'demo', pwd: 'x', appkey: 'nope' }, false)).toMatchObject({ status: 'nok', error: 'apiProcess91: invalid appkey' });
    const oauth = await api('createOauthkey', { login: 'demo', pwd: TIMETONIC_DEMO_CREDENTIALS.password, appkey }, false);
    expect(oauth).toMatchObject({ status: 'ok', o_u: 'demo' });
    const session = await api('createSesskey', { o_u: 'demo', u_c: 'demo', oauthkey: oauth.oauthkey }, false);
    expect(session.status).toBe('ok');
    const info = await api('getUserInfo', { o_u: 'demo', u_c: 'demo', sesskey: session.sesskey }, false);
    expect(info.userInfo.u_c).toBe('demo');
    expect(await api('getAllBooks', { o_u: 'demo', sesskey: 'bad-key' }, false)).toMatchObject({ status: 'nok', errorMsg: 'invalid sesskey or o_u' });
  });

  it('lists the books a user may see, with members and the last message, and a rising sstamp', async () => {
    const all = await api('getAllBooks');
    const codes = all.allBooks.books.map((b: Answer) => `${b.b_o}:${b.b_c}`);
    expect(codes).toEqual(['demo:fleet-ops', 'demo:inventory', 'demo:support', 'manager:ws_messages', 'demo:archive-2022']);
    expect(all.allBooks.books[0].lastMsg.smid).toBeGreaterThan(0);
    expect(await api('getBookInfo', { b_o: 'sales', b_c: 'private' })).toMatchObject({ status: 'nok', errorMsg: 'unknown book private.sales' });
    const sent = await api('sendMsg', { b_o: 'demo', b_c: 'support', msg: 'hello' });
    expect(sent.sstamp).toBeGreaterThan(all.sstamp);
    const changed = await api('getAllBooks', { sstamp: all.sstamp });
    expect(changed.allBooks.books.map((b: Answer) => b.b_c)).toEqual(['support']);
  });

  it('pages messages and answers what changed after an sstamp', async () => {
    const first = await api('getBookMessages', { b_o: 'demo', b_c: 'fleet-ops', nbMax: 10, page: 1 });
    const second = await api('getBookMessages', { b_o: 'demo', b_c: 'fleet-ops', nbMax: 10, page: 2 });
    expect(first.bookMessages).toHaveLength(10);
    expect(first.bookMessages[9].smid).toBeGreaterThan(second.bookMessages[0].smid);
    const edited = await api('sendMsg', { b_o: 'demo', b_c: 'fleet-ops', msg: 'edited', msg_id: second.bookMessages[0].smid });
    const since = await api('getBookMessages', { b_o: 'demo', b_c: 'fleet-ops', nbMax: 1, sstamp: edited.sstamp - 1 });
    expect(since.bookMessages.map((m: Answer) => m.msg)).toContain('edited');
  });

  it('reads tables in the rows format with paging, filters and link text', async () => {
    const page = await api('getTableValues', { catId: TIMETONIC_TABLES.maintenance, format: 'rows', offset: 100, maxRows: 50 });
    expect(page).toMatchObject({ status: 'ok', nbRows: 120 });
    expect(page.rows).toHaveLength(20);
    expect(page.rows[0].fields.Vehicle.text).toMatch(/^AB-/);
    const byDefault = await api('getTableValues', { catId: TIMETONIC_TABLES.maintenance, format: 'rows' });
    expect(byDefault.rows).toHaveLength(100);
    const open = await api('computeTableOperation', { catId: TIMETONIC_TABLES.maintenance, operation: 'count', filterRowIds: JSON.stringify({ applyViewFilters: 11731 }) });
    expect(open.result.count).toBeGreaterThan(0);
    expect(open.result.count).toBeLessThan(120);
  });

  it('writes rows atomically: a wrong value type or a reused tmp id writes nothing', async () => {
    const rows = JSON.stringify({ tmpA: { 80501: 'New supplier', 80502: 'PT' } });
    const created = await api('createOrUpdateTableRows', { rows });
    expect(created).toMatchObject({ status: 'ok', created: 1, modified: 0 });
    const count = async () => (await api('computeTableOperation', { catId: TIMETONIC_TABLES.suppliers, operation: 'count' })).result.count;
    const before = await count();
    expect(await api('createOrUpdateTableRows', { rows })).toMatchObject({ status: 'nok', errorMsg: expect.stringContaining('already used') });
    const bad = JSON.stringify({ tmpB: { 80513: 'many' } });
    expect(await api('createOrUpdateTableRows', { rows: bad })).toMatchObject({ status: 'nok', errorMsg: expect.stringContaining('number expected') });
    expect(await count()).toBe(before);
  });

  it('serves attachment files by message and count with a session, and by internal name without', async () => {
    const seed = createTimetonicSeed();
    const book = seed.books.find((b) => b.b_c === 'fleet-ops')!;
    const message = book.messages.find((m) => (m.medias ?? []).length > 0)!;
    const file = message.medias![0];
    const withSession = await fetch(`${url}/dbi/ic/norm/demo/fleet-ops/${message.smid}/0/x.jpg`, {
      method: 'POST',
      body: new URLSearchParams({ o_u: 'demo', u_c: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey }),
    });
    expect(withSession.status).toBe(200);
    expect(await withSession.text()).toContain(file.originName);
    const open = await fetch(`${url}/dbi/in/norm/${file.internName}`);
    expect(open.status).toBe(200);
  });

  it('is deterministic and its live generator adds a message with a new stamp', () => {
    expect(JSON.stringify(createTimetonicSeed().books)).toBe(JSON.stringify(createTimetonicSeed().books));
    const { ctx } = createTimetonicRouter();
    const before = ctx.state.sstamp;
    postLiveMessage(ctx);
    expect(ctx.state.sstamp).toBe(before + 1);
    expect(ctx.state.books.some((b) => b.messages.at(-1)?.sstamp === before + 1)).toBe(true);
  });
});

describe('TimeTonic simulator socket', () => {
  const socket = () => openTimetonicSocket(sims.endpoints.timetonic!.ws_url!);
  const attach = { type: 4, o_u: 'demo', u_c: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey };

  it('attaches, answers pings, acks a sent message and pushes it with a book-updates notice to other members', async () => {
    const writer = await socket();
    const reader = await socket();
    writer.send(attach);
    reader.send({ ...attach, type: 7 });
    writer.send({ type: 9, u_c: 'demo', o_u: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey });
    expect(await writer.next()).toEqual({ type: 10, status: 'ok' });
    writer.send({ type: 1, updatedAt: 1, u_c: 'demo', del: false, uuid: 'U-1', o_u: 'demo', smid: 0, msg: 'over the socket', b_o: 'demo', b_c: 'support' });
    expect(await writer.next()).toMatchObject({ type: 2, status: 'ok', uuid: 'U-1', del: false });
    expect(await reader.next()).toMatchObject({ type: 1, msg: 'over the socket', uuid: 'U-1', b_c: 'support' });
    expect(await reader.next()).toEqual({ type: 8, u_c: 'demo' });
    expect(writer.frames).toHaveLength(0);

    await api('sendMsg', { b_o: 'demo', b_c: 'support', msg: 'over http' });
    expect(await writer.next()).toMatchObject({ type: 1, msg: 'over http' });
  });

  it('applies system messages, acks them (12) or refuses them with a nok ack, and passes them on to the user\'s other sockets', async () => {
    const sender = await socket();
    const other = await socket();
    sender.send(attach);
    other.send(attach);
    sender.send({ type: 9, u_c: 'demo', o_u: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey });
    expect(await sender.next()).toEqual({ type: 10, status: 'ok' });
    const system = { type: 11, u_c: 'demo', o_u: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey, uuid: 'S-1' };
    sender.send({ ...system, msg: 'clearNotRead', b_o: 'demo', b_c: 'fleet-ops' });
    expect(await sender.next()).toEqual({ type: 12, status: 'ok' });
    expect(await other.next()).toEqual({ type: 11, u_c: 'demo', msg: 'clearNotRead', b_o: 'demo', b_c: 'fleet-ops' });
    expect((await api('getBookInfo', { b_o: 'demo', b_c: 'fleet-ops' })).book.nbNotRead).toBe(0);
    // Unread counts are per member: the manager's is untouched.
    const manager = (await timetonicUserToken(url, 'manager', 'manager-password')).split(':')[1]!;
    const managerView = await api('getBookInfo', { o_u: 'manager', u_c: 'manager', sesskey: manager, b_o: 'demo', b_c: 'fleet-ops' }, false);
    expect(managerView.book.nbNotRead).toBeGreaterThan(0);

    sender.send({ ...system, msg: 'acceptInvitation', b_o: 'sales', b_c: 'private' });
    expect(await sender.next()).toMatchObject({ type: 12, status: 'nok', errorMsg: 'unknown book private.sales' });
    sender.send({ ...system, msg: 'shout' });
    expect(await sender.next()).toMatchObject({ type: 12, status: 'nok', errorCode: 'apiProcess12' });
    expect(other.frames).toEqual([]);
  });

  it('closes a socket whose session is not valid', async () => {
    const client = await socket();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.send({ ...attach, sesskey: 'nope' });
    expect(await closed).toBe(4001);
  });
});
