/**
 * The TimeTonic simulator: `https://timetonic.com/live` as documented. One endpoint,
 * `POST /api.php`, form-encoded, dispatched on `req` (the doc's examples also write `r`);
 * errors are HTTP 200 with `status: "nok"`; the file URL routes live under `/dbi`; the socket
 * protocol on `/live/socket` (timetonic.live-socket.ts). A live generator posts a message into a
 * book every 10 s when started with `live: true`.
 */
import { ALPHANUMERIC, createPrng, type Prng } from '../prng';
import { createRouter, type Router, type SimRequest, type SimResponse } from '../router';
import type { VendorSimulator, VendorSimulatorInstance } from '../simulator.types';
import { createAppkey, createOauthkey, createSesskey, dropAllSessions, sessionUser } from './timetonic.auth';
import { deleteMsg, getAllBooks, getBookInfo, getBookMessages, getUserInfo, messageChanged, sendMsg, type BooksContext } from './timetonic.routes-books';
import { registerFileRoutes } from './timetonic.routes-files';
import { fileUpload } from './timetonic.routes-uploads';
import { startLiveGenerator, type LiveGenerator } from '../live-generator';
import { startTimetonicSocket, TIMETONIC_SOCKET_PATH, type TimetonicSocketServer } from './timetonic.live-socket';
import { createOrUpdateTableRow, createOrUpdateTableRows, deleteTableRow, deleteTableRows, updateTableValue } from './timetonic.routes-rows';
import { createTimetonicSeed, newMessage, TIMETONIC_DEMO_CREDENTIALS } from './timetonic.seed';
import { nok, Params, TimetonicNok, unixNow, type TimetonicSimState } from './timetonic.store';
import * as tables from './timetonic.routes-tables';

/** TimeTonic's base path (`https://timetonic.com/live/api.php`). */
export const TIMETONIC_BASE_PATH = '/live';
/** The live generator's period. */
export const TIMETONIC_LIVE_INTERVAL_MS = 10_000;

type SessionHandler = (ctx: BooksContext, user: string, params: Params) => SimResponse;

/** Every `req` behind a session, by name. */
const SESSION_REQS: Record<string, SessionHandler> = {
  getUserInfo: (ctx, user) => getUserInfo(ctx, user),
  dropAllSessions: (ctx, user, params) => dropAllSessions(ctx.state, user, params),
  getAllBooks,
  getBookInfo,
  getBookMessages,
  sendMsg,
  deleteMsg,
  getBookTables: (ctx, user, params) => tables.getBookTables(ctx.state, user, params),
  getTableValues: (ctx, user, params) => tables.getTableValues(ctx.state, user, params),
  getNamedTableValues: (ctx, user, params) => tables.getNamedTableValues(ctx.state, user, params),
  getTableRows: (ctx, user, params) => tables.getTableRows(ctx.state, user, params),
  getTableValueSubset: (ctx, user, params) => tables.getTableValueSubset(ctx.state, user, params),
  computeTableOperation: (ctx, user, params) => tables.computeTableOperation(ctx.state, user, params),
  getPivotValues: (ctx, user, params) => tables.getPivotValues(ctx.state, user, params),
  getTableValueComments: (ctx, user, params) => tables.getTableValueComments(ctx.state, user, params),
  updateTableValue: (ctx, user, params) => updateTableValue(ctx.state, user, params),
  createOrUpdateTableRow: (ctx, user, params) => createOrUpdateTableRow(ctx.state, user, params),
  createOrUpdateTableRows: (ctx, user, params) => createOrUpdateTableRows(ctx.state, user, params),
  deleteTableRow: (ctx, user, params) => deleteTableRow(ctx.state, user, params),
  deleteTableRows: (ctx, user, params) => deleteTableRows(ctx.state, user, params),
};

/** Documented requests the simulator does not play (SMS gateways, push ids). */
const UNSUPPORTED = new Set(['registerSMSGateway', 'unregisterSMSGateway', 'updatePushId']);

export interface TimetonicSimulatorOptions {
  /** State to serve and mutate. @default a fresh `createTimetonicSeed()` */
  state?: TimetonicSimState;
  /** Clock for messages written at runtime. @default real time */
  now?: () => Date;
}

/** Builds the TimeTonic routes (relative to `/live`) over `state`. */
export function createTimetonicRouter(options: TimetonicSimulatorOptions = {}): { router: Router; ctx: BooksContext } {
  const state = options.state ?? createTimetonicSeed();
  const clock = options.now ?? (() => new Date());
  const random: Prng = createPrng('timetonic-runtime');
  const ctx: BooksContext = { state, random, now: () => unixNow(clock), messageListeners: [] };
  const router = createRouter();
  router.add('POST', '/api.php', (request) => dispatch(ctx, request));
  registerFileRoutes(router, state);
  return { router, ctx };
}

/** The TimeTonic entry of the simulator list. */
export const timetonicSimulator: VendorSimulator = {
  vendor: 'timetonic',
  basePath: TIMETONIC_BASE_PATH,
  create: (): VendorSimulatorInstance => {
    const { router, ctx } = createTimetonicRouter();
    let generator: LiveGenerator | null = null;
    let socket: TimetonicSocketServer | null = null;
    return {
      router,
      credentials: { timetonic: { ...TIMETONIC_DEMO_CREDENTIALS } },
      start: ({ server, origin, live, livePace }) => {
        socket = startTimetonicSocket(server, ctx);
        if (live) generator = startLiveGenerator(() => postLiveMessage(ctx), { pace: livePace ?? 'timed', intervalMs: TIMETONIC_LIVE_INTERVAL_MS });
        return { ws_url: `${origin.replace(/^http/, 'ws')}${TIMETONIC_SOCKET_PATH}` };
      },
      stop: async () => {
        generator?.stop();
        generator = null;
        await socket?.stop();
        socket = null;
      },
      stepLive: (rounds) => generator?.step(rounds),
    };
  },
};

/** One generated message from a member into a non-archived book (what the live generator does). */
export function postLiveMessage(ctx: BooksContext): void {
  const books = ctx.state.books.filter((b) => !b.archived);
  const book = ctx.random.pick(books);
  const author = ctx.random.pick(book.members.filter((m) => m.invite === 'accepted')).u_c;
  const message = newMessage(ctx.state, author, `live update ${ctx.state.sstamp + 1}`, ctx.now(), ctx.random.chars(40, ALPHANUMERIC));
  book.messages.push(message);
  book.sstamp = ctx.state.sstamp;
  for (const member of book.members) if (member.u_c !== author) book.nbNotRead[member.u_c] = (book.nbNotRead[member.u_c] ?? 0) + 1;
  messageChanged(ctx, book, message);
}

// Private:

function dispatch(ctx: BooksContext, request: SimRequest): SimResponse {
  const params = new Params((request.body as Record<string, string>) ?? {});
  const req = params.optional('req') ?? params.optional('r') ?? '';
  try {
    switch (req) {
      case 'createAppkey':
        return createAppkey(ctx.state, ctx.random, params);
      case 'createOauthkey':
        return createOauthkey(ctx.state, ctx.random, params);
      case 'createSesskey':
        return createSesskey(ctx.state, ctx.random, params);
    }
    // The one request with a file part (a multipart POST).
    if (req === 'fileUpload') return fileUpload(ctx, sessionUser(ctx.state, params), params, request.files ?? []);
    const handler = Object.hasOwn(SESSION_REQS, req) ? SESSION_REQS[req] : undefined;
    if (!handler) {
      const why = UNSUPPORTED.has(req) ? 'not supported by this simulator' : 'unknown req';
      return nok(req, 'apiProcess1', `${why}: ${req.slice(0, 40) || '(none)'}`);
    }
    return handler(ctx, sessionUser(ctx.state, params), params);
  } catch (error) {
    if (error instanceof TimetonicNok) return nok(req, error.errorCode, error.message);
    throw error;
  }
}
