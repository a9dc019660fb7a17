import { loadConfig } from '../../src/config';
import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { TIMETONIC_DEMO_CREDENTIALS, TIMETONIC_SEED_SESSION, timetonicSeedSecrets } from '../../src/simulators/timetonic/timetonic.seed';
import { createRegistry } from '../../src/vendors/registry';
import { TimetonicBooksDocument, TimetonicDropAllSessionsDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { oneRequestLoader } from '../helpers/one-request-loader';
import { startStack, type Stack } from '../helpers/stack';
import { resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';

const SEED_TOKEN = `${TIMETONIC_SEED_SESSION.ou}:${TIMETONIC_SEED_SESSION.sesskey}`;
const only = { filter: { vendors: ['TIMETONIC' as const] }, first: 2 };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => resetTimetonicCalls(stack));

describe('TimeTonic sessions', () => {
  it('runs the key chain once, then reuses the session', async () => {
    expect(stack.config.vendors.TIMETONIC.credentials).toMatchObject({ APPNAME: TIMETONIC_DEMO_CREDENTIALS.appname, LOGIN: 'demo' });
    await gql(stack.url, TimetonicBooksDocument, only);
    await gql(stack.url, TimetonicBooksDocument, only);
    expect(await timetonicCalls(stack)).toEqual({
      route: { 'POST /api.php': 5 },
      reqs: { createAppkey: 1, createOauthkey: 1, createSesskey: 1, getAllBooks: 2 },
    });
  });

  it('reruns the chain once when TimeTonic says the session is no longer valid', async () => {
    await gql(stack.url, TimetonicBooksDocument, only);
    // Another session of the same user drops every other one, the gateway's included.
    const dropped = await gql(stack.url, TimetonicDropAllSessionsDocument, {}, { 'x-timetonic-token': SEED_TOKEN });
    expect(dropped.data!.timetonicDropAllSessions).toBe(true);
    resetTimetonicCalls(stack);
    const answer = await gql(stack.url, TimetonicBooksDocument, only);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.books.totalCount).toBe(5);
    expect(await timetonicCalls(stack)).toEqual({
      route: { 'POST /api.php': 5 },
      reqs: { getAllBooks: 2, createAppkey: 1, createOauthkey: 1, createSesskey: 1 },
    });
  });

  it("uses a caller's own session from x-timetonic-token, never refreshed", async () => {
    const own = await gql(stack.url, TimetonicBooksDocument, only, { 'x-timetonic-token': SEED_TOKEN });
    expect(own.data!.books.totalCount).toBe(5);
    expect((await timetonicCalls(stack)).reqs).toEqual({ getAllBooks: 1 });

    resetTimetonicCalls(stack);
    const revoked = await gql(stack.url, TimetonicBooksDocument, only, { 'x-timetonic-token': 'demo:AAAA-BBBB-CCCC-DDDD-EEEE-0' });
    expect(revoked.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'TIMETONIC' });
    expect((await timetonicCalls(stack)).reqs).toEqual({ getAllBooks: 1 });

    resetTimetonicCalls(stack);
    const malformed = await gql(stack.url, TimetonicBooksDocument, only, { 'x-timetonic-token': 'no-colon' });
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('timetonic')).toBe(0);
  });

  it('logs and answers no key of the chain', async () => {
    await gql(stack.url, TimetonicBooksDocument, only, { 'x-timetonic-token': 'demo:AAAA-BBBB-CCCC-DDDD-EEEE-0' });
    for (const secret of [...timetonicSeedSecrets(), 'AAAA-BBBB-CCCC-DDDD-EEEE-0']) expect(stack.logs.text).not.toContain(secret);
    expect(stack.logs.text).not.toMatch(/sesskey=|oauthkey":"\w|appkey":"\w/);
  });
});

describe('TimeTonic static session from config', () => {
  it('uses TIMETONIC_OU + TIMETONIC_SESSKEY as is (no chain), and reports a revoked one as UNAUTHENTICATED', async () => {
    const registryFor = (sesskey: string) => {
      const config = loadConfig({
        NODE_ENV: 'test',
        VENDOR_RETRIES: '0',
        TIMETONIC_BASE_URL: stack.simulators.urls.timetonic!,
        TIMETONIC_OU: 'demo',
        TIMETONIC_SESSKEY: sesskey,
      });
      const registry = createRegistry({ configs: config.vendors, gateway: config, metrics: createMetrics(), logger: createLogger('silent') });
      leaveOver(() => registry.close());
      return registry.adapter('TIMETONIC').connect(null, oneRequestLoader());
    };
    const page = await registryFor(TIMETONIC_SEED_SESSION.sesskey).sources[0]!.list({ offset: 0, limit: 10, search: null });
    expect(page.total).toBe(5);
    expect(stack.simulators.controls.timetonic!.counts()).toEqual({ 'POST /api.php': 1 });

    const failure = await registryFor('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-0').sources[0]!.list({ offset: 0, limit: 10, search: null }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(VendorError);
    expect((failure as VendorError).code).toBe('UNAUTHENTICATED');
    expect(stack.simulators.controls.timetonic!.counts()).toEqual({ 'POST /api.php': 2 });
  });
});
