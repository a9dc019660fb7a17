import {
  TimetonicAcceptInvitationDocument,
  TimetonicBookStateDocument,
  TimetonicBooksDocument,
  TimetonicClearNotReadDocument,
  TimetonicDropAllSessionsDocument,
  TimetonicLogOpenBookDocument,
  TimetonicUpdateBookParamDocument,
  TimetonicUpdateUserInfoDocument,
} from '../generated/graphql';
import { TIMETONIC_SEED_SESSION } from '../../src/simulators/timetonic/timetonic.seed';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId, resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';
import { openTimetonicSocket, timetonicUserToken, type TimetonicTestSocket } from '../helpers/timetonic-socket';

const SEED_TOKEN = `${TIMETONIC_SEED_SESSION.ou}:${TIMETONIC_SEED_SESSION.sesskey}`;

let stack: Stack;
/** Another client of the demo user on the simulator's socket: hears the system messages the gateway sends. */
let demoClient: TimetonicTestSocket;
beforeAll(async () => {
  stack = await startStack();
  demoClient = await openTimetonicSocket(stack.simulators.endpoints.timetonic!.ws_url!);
  demoClient.send({ type: 4, o_u: 'demo', u_c: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey });
  demoClient.send({ type: 9, u_c: 'demo', o_u: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey });
  expect(await demoClient.next()).toEqual({ type: 10, status: 'ok' });
});
afterAll(disposeLeftovers);
beforeEach(() => resetTimetonicCalls(stack));

describe('TimeTonic system messages', () => {
  it('clears a book’s unread count over the socket (clearNotRead) and answers the book read afresh', async () => {
    const books = await gql(stack.url, TimetonicBooksDocument, { first: 10 });
    const unread = books.data!.books.edges.map((e) => e.node).find((b) => (b.unreadCount ?? 0) > 0);
    expect(unread).toBeDefined();
    resetTimetonicCalls(stack);

    const cleared = await gql(stack.url, TimetonicClearNotReadDocument, { bookId: unread!.id });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.timetonicClearNotRead).toMatchObject({ id: unread!.id, unreadCount: 0 });
    // The frame went over the socket (no HTTP request does this); the book was read back once.
    expect(await demoClient.next()).toEqual({ type: 11, u_c: 'demo', msg: 'clearNotRead', b_o: unread!.owner, b_c: unread!.code });
    expect((await timetonicCalls(stack)).reqs).toEqual({ getBookInfo: 1 });
    const again = await gql(stack.url, TimetonicBookStateDocument, { id: unread!.id });
    expect(again.data!.book).toMatchObject({ unreadCount: 0 });
  });

  it('accepts a pending invitation (acceptInvitation): the invited user can then read the book', async () => {
    const sales = { 'x-timetonic-token': await timetonicUserToken(stack.simulators.urls.timetonic!, 'sales', 'sales-password') };
    const support = bookId('demo', 'support');
    const before = await gql(stack.url, TimetonicBookStateDocument, { id: support }, sales);
    expect(errorCodes(before)).toEqual(['NOT_FOUND']);

    const accepted = await gql(stack.url, TimetonicAcceptInvitationDocument, { bookId: support }, sales);
    expect(accepted.errors).toBeUndefined();
    const book = accepted.data!.timetonicAcceptInvitation;
    expect(book.members).toContainEqual({ user: 'sales', invite: 'accepted' });
    expect(book.messages!.totalCount).toBeGreaterThan(0);
    // The book's other members hear of it.
    expect(await demoClient.next()).toEqual({ type: 11, u_c: 'sales', msg: 'acceptInvitation', b_o: 'demo', b_c: 'support' });
    const after = await gql(stack.url, TimetonicBookStateDocument, { id: support }, sales);
    expect(after.errors).toBeUndefined();
  });

  it('logs a book opening (logOpenBook) over the socket', async () => {
    const answer = await gql(stack.url, TimetonicLogOpenBookDocument, { bookId: bookId('demo', 'inventory') });
    expect(answer.data!.timetonicLogOpenBook).toBe(true);
    expect(await demoClient.next()).toEqual({ type: 11, u_c: 'demo', msg: 'logOpenBook', b_o: 'demo', b_c: 'inventory' });
    expect((await timetonicCalls(stack)).reqs).toEqual({});
  });

  it('changes book parameters (updateBookParam); only the owner may rename', async () => {
    const inventory = bookId('demo', 'inventory');
    const renamed = await gql(stack.url, TimetonicUpdateBookParamDocument, { bookId: inventory, param: 'TITLE', value: 'Stock room' });
    expect(renamed.data!.timetonicUpdateBookParam).toMatchObject({ title: 'Stock room' });
    expect(await demoClient.next()).toMatchObject({ type: 11, msg: 'updateBookParam', param: 'title', value: 'Stock room' });
    const favorite = await gql(stack.url, TimetonicUpdateBookParamDocument, { bookId: inventory, param: 'FAVORITE', value: 'true' });
    expect(favorite.data!.timetonicUpdateBookParam).toMatchObject({ favorite: true, title: 'Stock room' });
    await demoClient.next();
    expect((await gql(stack.url, TimetonicBookStateDocument, { id: inventory })).data!.book).toMatchObject({ title: 'Stock room', favorite: true });

    const notOwner = await gql(stack.url, TimetonicUpdateBookParamDocument, { bookId: bookId('manager', 'ws_messages'), param: 'TITLE', value: 'x' });
    expect(notOwner.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', vendor: 'TIMETONIC' });
  });

  it("changes the user's own details (updateUserInfo)", async () => {
    const named = await gql(stack.url, TimetonicUpdateUserInfoDocument, { param: 'FIRST_NAME', value: 'Dana' });
    expect(named.data!.timetonicUpdateUserInfo).toMatchObject({ user: 'demo', firstName: 'Dana' });
    expect(await demoClient.next()).toMatchObject({ type: 11, u_c: 'demo', msg: 'updateUserInfo', param: 'fname', value: 'Dana' });
    const language = await gql(stack.url, TimetonicUpdateUserInfoDocument, { param: 'LANGUAGE', value: 'fr' });
    expect(language.data!.timetonicUpdateUserInfo).toMatchObject({ firstName: 'Dana', language: 'FR' });
    await demoClient.next();
  });

  it('refuses bad input before the socket is used, and a book the user cannot see as NOT_FOUND', async () => {
    const answers = await Promise.all([
      gql(stack.url, TimetonicClearNotReadDocument, { bookId: 'not-an-id' }),
      gql(stack.url, TimetonicClearNotReadDocument, { bookId: Buffer.from('MAINFLUX:MainfluxThing:abc').toString('base64url') }),
      gql(stack.url, TimetonicUpdateUserInfoDocument, { param: 'LANGUAGE', value: 'French' }),
      gql(stack.url, TimetonicUpdateBookParamDocument, { bookId: bookId('demo', 'inventory'), param: 'ARCHIVED', value: 'maybe' }),
    ]);
    for (const answer of answers) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(demoClient.frames).toEqual([]);

    const hidden = await gql(stack.url, TimetonicClearNotReadDocument, { bookId: bookId('sales', 'private') });
    expect(hidden.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
  });

  it('renews the gateway session once when the socket refuses it; a refused caller session is UNAUTHENTICATED', async () => {
    // Another session of the same user drops every other one, the gateway's included.
    await gql(stack.url, TimetonicDropAllSessionsDocument, {}, { 'x-timetonic-token': SEED_TOKEN });
    resetTimetonicCalls(stack);
    const cleared = await gql(stack.url, TimetonicClearNotReadDocument, { bookId: bookId('demo', 'inventory') });
    expect(cleared.errors).toBeUndefined();
    expect((await timetonicCalls(stack)).reqs).toEqual({ createAppkey: 1, createOauthkey: 1, createSesskey: 1, getBookInfo: 1 });
    expect(await demoClient.next()).toMatchObject({ type: 11, msg: 'clearNotRead', b_c: 'inventory' });

    const refused = await gql(stack.url, TimetonicClearNotReadDocument, { bookId: bookId('demo', 'inventory') }, { 'x-timetonic-token': 'demo:AAAA-BBBB-CCCC-DDDD-EEEE-0' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'TIMETONIC' });
  });

  it('answers VENDOR_NOT_CONFIGURED when the gateway has no TimeTonic socket URL', async () => {
    // TimeTonic configured by URL and session, without TIMETONIC_WS_URL: polling only.
    const env = { TIMETONIC_BASE_URL: stack.simulators.urls.timetonic!, TIMETONIC_OU: 'demo', TIMETONIC_SESSKEY: TIMETONIC_SEED_SESSION.sesskey };
    const polling = await startStack({ vendors: ['timetonic'], env });
    const answer = await gql(polling.url, TimetonicClearNotReadDocument, { bookId: bookId('demo', 'support') });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'TIMETONIC' });
    expect(answer.errors![0]!.message).toContain('TIMETONIC_WS_URL');
  });
});
