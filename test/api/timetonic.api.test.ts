import {
  TimetonicBookDocument,
  TimetonicBookMessagesDocument,
  TimetonicBookTablesDocument,
  TimetonicBooksDocument,
  TimetonicExtrasDocument,
  TimetonicNamedTableRowsDocument,
  TimetonicRowsByIdDocument,
  TimetonicTableRowsDocument,
} from '../generated/graphql';
import { TIMETONIC_SEED_SESSION, createTimetonicSeed, timetonicSeedSecrets } from '../../src/simulators/timetonic/timetonic.seed';
import { TIMETONIC_TABLES } from '../../src/simulators/timetonic/timetonic.seed-tables';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId, resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';

const seed = createTimetonicSeed();
const maintenance = seed.tables.find((t) => t.id === TIMETONIC_TABLES.maintenance)!;
const vehicles = seed.tables.find((t) => t.id === TIMETONIC_TABLES.vehicles)!;
const maintenanceRows = [...maintenance.rows.keys()];
const vehicleRows = [...vehicles.rows.keys()];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // The key chain runs once for the process; later counts are of the requests under test.
  await gql(stack.url, TimetonicBookDocument, { id: bookId('demo', 'fleet-ops') });
});
afterAll(disposeLeftovers);
beforeEach(() => resetTimetonicCalls(stack));

describe('TimeTonic books over HTTP', () => {
  it('lists books with members and last message for one getAllBooks, and pages them', async () => {
    const answer = await gql(stack.url, TimetonicBooksDocument, { first: 3, filter: { vendors: ['TIMETONIC'] } });
    expect(answer.errors).toBeUndefined();
    const books = answer.data!.books;
    expect(books.totalCount).toBe(5);
    expect(books.edges.map((e) => e.node.nativeId)).toEqual(['demo:fleet-ops', 'demo:inventory', 'demo:support']);
    const fleet = books.edges[0]!.node;
    expect(fleet).toMatchObject({ __typename: 'TimetonicBook', title: 'Fleet operations', favorite: true, memberCount: 3 });
    expect(fleet.members).toContainEqual({ user: 'mechanic', right: 'READ_WRITE', invite: 'accepted' });
    expect(fleet.lastMessage?.text).toMatch(/#80$/);
    expect(await timetonicCalls(stack)).toEqual({ route: { 'POST /api.php': 1 }, reqs: { getAllBooks: 1 } });

    const next = await gql(stack.url, TimetonicBooksDocument, { first: 3, after: books.pageInfo.endCursor, filter: { vendors: ['TIMETONIC'] } });
    expect(next.data!.books.edges.map((e) => e.node.nativeId)).toEqual(['manager:ws_messages', 'demo:archive-2022']);
    expect(next.data!.books.pageInfo.hasNextPage).toBe(false);
  });

  it('loads one book with one getBookInfo, and an unknown or hidden book as NOT_FOUND', async () => {
    const one = await gql(stack.url, TimetonicBookDocument, { id: bookId('manager', 'ws_messages') });
    expect(one.data!.book).toMatchObject({ __typename: 'TimetonicBook', owner: 'manager', code: 'ws_messages' });
    expect(await timetonicCalls(stack)).toEqual({ route: { 'POST /api.php': 1 }, reqs: { getBookInfo: 1 } });

    const hidden = await gql(stack.url, TimetonicBookDocument, { id: bookId('sales', 'private') });
    expect(hidden.data!.book).toBeNull();
    expect(hidden.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
  });

  it('pages messages newest first with attachments whose URLs follow the doc and open', async () => {
    const first = await gql(stack.url, TimetonicBookMessagesDocument, { id: bookId('demo', 'fleet-ops'), first: 20 });
    expect(first.errors).toBeUndefined();
    const messages = first.data!.book!.messages!;
    expect(messages.totalCount).toBe(80);
    expect(messages.edges).toHaveLength(20);
    const second = await gql(stack.url, TimetonicBookMessagesDocument, { id: bookId('demo', 'fleet-ops'), first: 20, after: messages.pageInfo.endCursor });
    const smids = [...messages.edges, ...second.data!.book!.messages!.edges].map((e) => ('smid' in e.node ? e.node.smid : 0));
    expect([...smids].sort((a, b) => b - a)).toEqual(smids);
    expect(new Set(smids).size).toBe(40);

    const withFile = [...messages.edges, ...second.data!.book!.messages!.edges].find((e) => e.node.attachments.length > 0)!.node;
    const file = withFile.attachments[0]!;
    const smid = 'smid' in withFile ? withFile.smid : 0;
    const base = stack.simulators.urls.timetonic!;
    expect(file.url.startsWith(`${base}/dbi/${file.kind === 'MEDIA' ? 'ic/norm' : 'odc/full'}/demo/fleet-ops/${smid}/0/`)).toBe(true);
    const session = new URLSearchParams({ o_u: 'demo', u_c: 'demo', sesskey: TIMETONIC_SEED_SESSION.sesskey });
    expect((await fetch(file.url, { method: 'POST', body: session })).status).toBe(200);
    expect((await fetch(file.publicUrl!)).status).toBe(200);
  });

  it('searches messages on the vendor side', async () => {
    const found = await gql(stack.url, TimetonicBookMessagesDocument, { id: bookId('demo', 'fleet-ops'), first: 100, search: '#7' });
    const texts = found.data!.book!.messages!.edges.map((e) => e.node.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('#7');
  });
});

describe('TimeTonic smart tables over HTTP', () => {
  it('reads tables with fields, views, counts and a page of rows (one getBookTables, one read per table)', async () => {
    const answer = await gql(stack.url, TimetonicBookTablesDocument, { id: bookId('demo', 'fleet-ops'), first: 5 });
    expect(answer.errors).toBeUndefined();
    const tables = answer.data!.book!.tables!;
    expect(tables.map((t) => t.name)).toEqual(['Vehicles', 'Maintenance log']);
    const log = tables[1]!;
    if (log.__typename !== 'TimetonicTable') throw new Error('expected a TimetonicTable');
    expect(log.fields.find((f) => f.name === 'Vehicle')).toMatchObject({ type: 'link', linkedTableId: TIMETONIC_TABLES.vehicles });
    expect(log.views.map((v) => v.name)).toEqual(['Default view', 'Open work']);
    expect(log.rowCount).toBe(120);
    expect(log.rows!.totalCount).toBe(120);
    const vehicle = log.rows!.edges[0]!.node.cells.find((c) => c.fieldName === 'Vehicle')!;
    expect(vehicle.linkedRowIds).toHaveLength(1);
    expect(vehicle.text).toMatch(/^AB-/);
    const { reqs } = await timetonicCalls(stack);
    expect(reqs).toEqual({ getBookInfo: 1, getBookTables: 1, getTableValues: 2, computeTableOperation: 2 });
  });

  it('pages rows with offset and maxRows, filtered by a saved view', async () => {
    const open = await gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.maintenance, first: 100, filter: { viewId: 11731 } });
    const total = open.data!.timetonicTableRows.totalCount;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(120);
    const all = await gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.maintenance, first: 100 });
    expect(all.data!.timetonicTableRows.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(stack.url, TimetonicTableRowsDocument, {
      tableId: TIMETONIC_TABLES.maintenance,
      first: 100,
      after: all.data!.timetonicTableRows.pageInfo.endCursor,
    });
    const ids = [...all.data!.timetonicTableRows.edges, ...rest.data!.timetonicTableRows.edges].map((e) => e.node.id);
    expect(ids).toEqual(maintenanceRows);
    expect((await timetonicCalls(stack)).reqs).toEqual({ getTableValues: 3 });
  });

  it('reads rows by id across two tables with one getTableValues per table', async () => {
    const answer = await gql(stack.url, TimetonicRowsByIdDocument, {
      tableA: TIMETONIC_TABLES.maintenance,
      a1: maintenanceRows[0]!,
      a2: maintenanceRows[50]!,
      a3: maintenanceRows[119]!,
      tableB: TIMETONIC_TABLES.vehicles,
      b1: vehicleRows[3]!,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.a3.id).toBe(maintenanceRows[119]);
    expect(answer.data!.b1.cells.find((c) => c.fieldName === 'Plate')!.value).toBe('AB-103-CD');
    expect(await timetonicCalls(stack)).toEqual({ route: { 'POST /api.php': 2 }, reqs: { getTableValues: 2 } });
  });

  it('reads named tables, value subsets, pivots, comments and the user', async () => {
    const named = await gql(stack.url, TimetonicNamedTableRowsDocument, { bookId: bookId('demo', 'inventory'), tableCode: 'items', fieldCodes: ['sku', 'quantity'], first: 5 });
    expect(named.data!.timetonicNamedTableRows.totalCount).toBe(80);
    expect(named.data!.timetonicNamedTableRows.edges[0]!.node.cells.map((c) => c.fieldName)).toEqual(['SKU', 'Quantity']);
    const extras = await gql(stack.url, TimetonicExtrasDocument, {
      tableId: TIMETONIC_TABLES.maintenance,
      viewId: 11731,
      rowIds: maintenanceRows.slice(0, 2),
      fieldIds: [65213, 65214],
      commentRow: maintenanceRows[0]!,
      commentField: 65213,
    });
    expect(extras.errors).toBeUndefined();
    expect(extras.data!.timetonicUserInfo).toMatchObject({ user: 'demo', email: 'demo@tributary.local' });
    expect(extras.data!.timetonicTableValueSubset).toHaveLength(2);
    expect(extras.data!.timetonicTableValueSubset![0]).toHaveLength(2);
    expect(extras.data!.timetonicPivotValues).toMatchObject({ viewId: 11731, fieldId: 65215 });
    expect(extras.data!.timetonicCellComments.map((c) => c.text)).toEqual(['Parts ordered', 'Done, invoice attached']);
  });
});

describe('TimeTonic bad input and secrets', () => {
  it('refuses malformed ids, bad filters and page sizes before any TimeTonic call', async () => {
    const cases = [
      gql(stack.url, TimetonicBookDocument, { id: bookId('demo', '../api.php') }),
      gql(stack.url, TimetonicTableRowsDocument, { tableId: -3, first: 5 }),
      gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.items, first: 5, filter: { exclude: true } }),
      gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.items, first: 500 }),
      gql(stack.url, TimetonicNamedTableRowsDocument, { bookId: bookId('demo', 'inventory'), tableCode: 'items;drop', first: 5 }),
    ];
    for (const answer of await Promise.all(cases)) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('timetonic')).toBe(0);
  });

  it('answers an unknown table or row as NOT_FOUND from TimeTonic', async () => {
    const table = await gql(stack.url, TimetonicTableRowsDocument, { tableId: 999_999, first: 5 });
    expect(table.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
    expect(table.errors![0]!.message).toContain('unknown table 999999');
  });

  it('never shows a seeded secret in a response or a log', async () => {
    const answers = await Promise.all([
      gql(stack.url, TimetonicBooksDocument, { first: 10 }),
      gql(stack.url, TimetonicBookDocument, { id: bookId('demo', 'support') }),
    ]);
    const text = JSON.stringify(answers) + stack.logs.text;
    for (const secret of timetonicSeedSecrets()) expect(text).not.toContain(secret);
    expect(stack.logs.text).toContain('TIMETONIC');
  });
});
