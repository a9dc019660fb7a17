import { randomBytes } from 'node:crypto';
import { loadConfig, withSimulators } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { startSimulators } from '../../src/simulators';
import { MAINFLUX_TENANT_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import { LinkMainfluxAccountDocument, MainfluxThingNamesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { freshPostgresSchema } from '../helpers/postgres';

/**
 * Two gateway instances sharing one PostgreSQL database: a link made on one is used by the
 * other, a credential due for renewal is renewed once (the row lock) however many requests on
 * both instances find it due, and a restart keeps every link.
 */
afterAll(disposeLeftovers);

const KEY = 'instance-test-caller';
const CREDENTIALS_KEY = randomBytes(32).toString('base64');

async function setup() {
  const pg = await freshPostgresSchema();
  leaveOver(pg.drop);
  const simulators = await startSimulators({ port: 0, live: false, vendors: ['mainflux'] });
  leaveOver(() => simulators.stop());
  const config = withSimulators(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', VENDOR_RETRIES: '0', RESPONSE_CACHE_MAX_AGE: '0', DRAIN_GRACE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', GATEWAY_API_KEYS: KEY, DATABASE_URL: pg.url, CREDENTIALS_KEY }),
    simulators,
  );
  const start = async (): Promise<RunningServer> => {
    const server = await startServer(config, { logger: createLogger('silent'), drainTimeoutMs: 1000, accounts: { schema: pg.schema } });
    leaveOver(() => server.stop());
    return server;
  };
  return { start, control: simulators.controls.mainflux! };
}

const names = async (server: RunningServer) =>
  ((await gql(server.url, MainfluxThingNamesDocument, {}, { 'x-api-key': KEY })).data?.things.edges ?? []).map((e) => e.node.name);

it('renews a due credential once across two instances, and keeps links over a restart', async () => {
  const { start, control } = await setup();
  const [one, two] = [await start(), await start()];
  await gql(one.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, { 'x-api-key': KEY });
  expect(await names(two)).toEqual(['tenant-temp']);

  // Make the stored key due for renewal (an hour left, inside the day-long margin).
  const store = await one.services.accounts!.store();
  const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
  const link = (await store.get(row!.caller_id, 'MAINFLUX'))!;
  await store.save(row!.caller_id, 'MAINFLUX', { ...link.credential, expiresAt: Date.now() + 3600_000 });
  control.resetCounts();

  const answers = await Promise.all([one, two, one, two, one, two].map(names));
  expect(answers).toEqual(Array(6).fill(['tenant-temp']));
  expect(control.counts()['POST /keys']).toBe(1);
  // The replaced key was revoked with the new one.
  expect(control.counts()['DELETE /keys/:id']).toBe(1);

  await one.stop();
  await two.stop();
  const again = await start();
  expect(await names(again)).toEqual(['tenant-temp']);
});
