import {
  TimetonicBookDocument,
  TimetonicBookMessagesDocument,
  TimetonicCreateOrUpdateTableRowDocument,
  TimetonicCreateOrUpdateTableRowsDocument,
  TimetonicDeleteMessageDocument,
  TimetonicDeleteTableRowsDocument,
  TimetonicSendMessageDocument,
  TimetonicTableRowDocument,
  TimetonicTableRowsDocument,
  TimetonicUpdateTableValueDocument,
} from '../generated/graphql';
import { TIMETONIC_TABLES } from '../../src/simulators/timetonic/timetonic.seed-tables';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId, resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';

const SUPPLIER_NAME = 80501;
const SUPPLIER_COUNTRY = 80502;
const ITEM_QUANTITY = 80513;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await gql(stack.url, TimetonicBookDocument, { id: bookId('demo', 'support') });
});
afterAll(disposeLeftovers);
beforeEach(() => resetTimetonicCalls(stack));

const supplierCount = async () =>
  (await gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.suppliers, first: 0 })).data!.timetonicTableRows.totalCount;

describe('TimeTonic message writes', () => {
  it('sends, edits and deletes a message with one request each', async () => {
    const book = bookId('demo', 'support');
    const event = { start: '2026-05-15T08:00:00.000Z', end: '2026-05-15T10:00:00.000Z' };
    const sent = await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'Van 12 is back', event });
    expect(sent.errors).toBeUndefined();
    const messageId = sent.data!.timetonicSendMessage.messageId!;
    expect(messageId).toBeGreaterThan(0);
    const edited = await gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'Van 12 is back (edited)', messageId });
    expect(Number(edited.data!.timetonicSendMessage.sstamp)).toBeGreaterThan(Number(sent.data!.timetonicSendMessage.sstamp));
    expect((await timetonicCalls(stack)).reqs).toEqual({ sendMsg: 2 });

    const page = await gql(stack.url, TimetonicBookMessagesDocument, { id: book, first: 1 });
    const newest = page.data!.book!.messages!.edges[0]!.node;
    expect(newest).toMatchObject({ text: 'Van 12 is back (edited)', smid: messageId, event: { start: event.start, end: event.end } });

    resetTimetonicCalls(stack);
    await gql(stack.url, TimetonicDeleteMessageDocument, { bookId: book, messageId });
    expect(await timetonicCalls(stack)).toEqual({ route: { 'POST /api.php': 1 }, reqs: { deleteMsg: 1 } });
    const again = await gql(stack.url, TimetonicDeleteMessageDocument, { bookId: book, messageId });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
  });

  it('refuses a blank text, a reversed event window and a bad book id before any call', async () => {
    const book = bookId('demo', 'support');
    const answers = await Promise.all([
      gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: '   ' }),
      gql(stack.url, TimetonicSendMessageDocument, { bookId: book, text: 'x', event: { start: '2026-05-15T10:00:00Z', end: '2026-05-15T08:00:00Z' } }),
      gql(stack.url, TimetonicSendMessageDocument, { bookId: 'not-an-id', text: 'x' }),
      gql(stack.url, TimetonicDeleteMessageDocument, { bookId: book, messageId: 0 }),
    ]);
    for (const answer of answers) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('timetonic')).toBe(0);
  });

  it('answers NOT_FOUND for a book the user cannot see (its existence does not leak)', async () => {
    const answer = await gql(stack.url, TimetonicSendMessageDocument, { bookId: bookId('sales', 'private'), text: 'hi' });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
  });
});

describe('TimeTonic row writes', () => {
  it('creates and updates several rows with one createOrUpdateTableRows', async () => {
    const before = await supplierCount();
    resetTimetonicCalls(stack);
    const answer = await gql(stack.url, TimetonicCreateOrUpdateTableRowsDocument, {
      rows: [
        { tmpId: 'tmpNorth', cells: [{ fieldId: SUPPLIER_NAME, value: 'North Parts' }, { fieldId: SUPPLIER_COUNTRY, value: 'NO' }] },
        { tmpId: 'tmpSouth', cells: [{ fieldId: SUPPLIER_NAME, value: 'South Parts' }] },
      ],
    });
    expect(answer.errors).toBeUndefined();
    const written = answer.data!.timetonicCreateOrUpdateTableRows;
    expect(written).toMatchObject({ created: 2, modified: 0 });
    expect(written.newRows.map((r) => r.tmpId)).toEqual(['tmpNorth', 'tmpSouth']);
    expect(await timetonicCalls(stack)).toEqual({ route: { 'POST /api.php': 1 }, reqs: { createOrUpdateTableRows: 1 } });
    expect(await supplierCount()).toBe(before + 2);

    const north = written.newRows[0]!.rowId!;
    const updated = await gql(stack.url, TimetonicCreateOrUpdateTableRowDocument, { rowId: north, cells: [{ fieldId: SUPPLIER_COUNTRY, value: 'SE' }] });
    expect(updated.data!.timetonicCreateOrUpdateTableRow).toEqual({ rowId: north, tmpId: null });
    const row = await gql(stack.url, TimetonicTableRowDocument, { tableId: TIMETONIC_TABLES.suppliers, rowId: north });
    expect(row.data!.timetonicTableRow.cells.map((c) => c.value)).toEqual(['North Parts', 'SE']);
  });

  it('writes a cell of a row named by the `id` a read answered (one kind of row id: Int)', async () => {
    const read = await gql(stack.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.suppliers, first: 1 });
    const { id } = read.data!.timetonicTableRows.edges[0]!.node;
    const written = await gql(stack.url, TimetonicUpdateTableValueDocument, { rowId: id, fieldId: SUPPLIER_COUNTRY, value: 'IS' });
    expect(written.errors).toBeUndefined();
    expect(written.data!.timetonicUpdateTableValue).toEqual({ rowId: id, tmpId: null });
    const row = await gql(stack.url, TimetonicTableRowDocument, { tableId: TIMETONIC_TABLES.suppliers, rowId: id });
    expect(row.data!.timetonicTableRow.cells.find((c) => c.fieldId === SUPPLIER_COUNTRY)?.value).toBe('IS');
  });

  it('refuses a reused tmp id and a value of the wrong type without writing anything', async () => {
    const first = await gql(stack.url, TimetonicUpdateTableValueDocument, { tmpId: 'tmpOnce', fieldId: SUPPLIER_NAME, value: 'Once' });
    expect(first.data!.timetonicUpdateTableValue.tmpId).toBe('tmpOnce');
    const before = await supplierCount();
    const reused = await gql(stack.url, TimetonicCreateOrUpdateTableRowsDocument, {
      rows: [
        { tmpId: 'tmpFresh', cells: [{ fieldId: SUPPLIER_NAME, value: 'Fresh' }] },
        { tmpId: 'tmpOnce', cells: [{ fieldId: SUPPLIER_NAME, value: 'Twice' }] },
      ],
    });
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', vendor: 'TIMETONIC' });
    expect(reused.errors![0]!.message).toContain('already used');
    const wrongType = await gql(stack.url, TimetonicUpdateTableValueDocument, { tmpId: 'tmpQty', fieldId: ITEM_QUANTITY, value: 'plenty' });
    expect(wrongType.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', vendor: 'TIMETONIC' });
    expect(wrongType.errors![0]!.message).toContain('number expected');
    expect(await supplierCount()).toBe(before);
  });

  it('refuses duplicate and malformed row ids before any call', async () => {
    const answers = await Promise.all([
      gql(stack.url, TimetonicCreateOrUpdateTableRowsDocument, {
        rows: [
          { tmpId: 'tmpA', cells: [{ fieldId: SUPPLIER_NAME, value: 'A' }] },
          { tmpId: 'tmpA', cells: [{ fieldId: SUPPLIER_NAME, value: 'B' }] },
        ],
      }),
      gql(stack.url, TimetonicCreateOrUpdateTableRowDocument, { tmpId: '../x', cells: [{ fieldId: SUPPLIER_NAME, value: 'A' }] }),
      gql(stack.url, TimetonicCreateOrUpdateTableRowDocument, { rowId: 5, tmpId: 'tmpBoth', cells: [{ fieldId: SUPPLIER_NAME, value: 'A' }] }),
      gql(stack.url, TimetonicUpdateTableValueDocument, { fieldId: SUPPLIER_NAME, value: 'neither' }),
      gql(stack.url, TimetonicCreateOrUpdateTableRowDocument, { tmpId: 'tmpB', cells: [] }),
      gql(stack.url, TimetonicDeleteTableRowsDocument, { rowIds: [5, 5] }),
    ]);
    for (const answer of answers) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('timetonic')).toBe(0);
  });

  it('deletes one row with deleteTableRow and several with one deleteTableRows; an unknown row is NOT_FOUND', async () => {
    const created = await gql(stack.url, TimetonicCreateOrUpdateTableRowsDocument, {
      rows: ['tmpD1', 'tmpD2', 'tmpD3'].map((tmpId) => ({ tmpId, cells: [{ fieldId: SUPPLIER_NAME, value: tmpId }] })),
    });
    const ids = created.data!.timetonicCreateOrUpdateTableRows.newRows.map((r) => r.rowId!);
    resetTimetonicCalls(stack);
    expect((await gql(stack.url, TimetonicDeleteTableRowsDocument, { rowIds: [ids[0]!] })).data!.timetonicDeleteTableRows).toEqual([ids[0]]);
    expect((await gql(stack.url, TimetonicDeleteTableRowsDocument, { rowIds: ids.slice(1) })).data!.timetonicDeleteTableRows).toEqual(ids.slice(1));
    expect((await timetonicCalls(stack)).reqs).toEqual({ deleteTableRow: 1, deleteTableRows: 1 });
    const gone = await gql(stack.url, TimetonicDeleteTableRowsDocument, { rowIds: [ids[0]!] });
    expect(gone.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'TIMETONIC' });
  });
});

describe('TimeTonic retries', () => {
  it('retries reads but sends a write once, even when TimeTonic is unreachable', async () => {
    const retrying = await startStack({ env: { VENDOR_RETRIES: '2' } });
    await gql(retrying.url, TimetonicBookDocument, { id: bookId('demo', 'support') });
    const control = retrying.simulators.controls.timetonic!;
    control.setFaults({ down: true });
    try {
      control.resetCounts();
      const read = await gql(retrying.url, TimetonicTableRowsDocument, { tableId: TIMETONIC_TABLES.suppliers, first: 1 });
      expect(read.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'TIMETONIC' });
      expect(control.counts()).toEqual({ 'POST /api.php': 3 });

      control.resetCounts();
      const write = await gql(retrying.url, TimetonicSendMessageDocument, { bookId: bookId('demo', 'support'), text: 'only once' });
      expect(write.errors![0]!.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'TIMETONIC' });
      expect(control.counts()).toEqual({ 'POST /api.php': 1 });
    } finally {
      control.clearFaults();
    }
  });
});
