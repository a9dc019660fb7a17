import { bookWire } from '../../src/simulators/timetonic/timetonic.routes-books';
import { createTimetonicSeed } from '../../src/simulators/timetonic/timetonic.seed';
import { TIMETONIC_TABLES } from '../../src/simulators/timetonic/timetonic.seed-tables';
import { Params } from '../../src/simulators/timetonic/timetonic.store';
import { getBookTables, getTableValues } from '../../src/simulators/timetonic/timetonic.routes-tables';
import { decodeSession, encodeSession } from '../../src/vendors/timetonic/timetonic.auth';
import { classifyTimetonicError, timetonicErrorCode } from '../../src/vendors/timetonic/timetonic.errors';
import { mapTimetonicBook, mapTimetonicMessage, mapTimetonicRow, mapTimetonicTable } from '../../src/vendors/timetonic/timetonic.mapper';
import { isTimetonicBookId, splitBookId } from '../../src/vendors/timetonic/timetonic.model';
import type { TimetonicWireBookTables, TimetonicWireTableRows } from '../../src/vendors/timetonic/timetonic.wire';

const FILES = 'https://timetonic.example/live';
const seed = createTimetonicSeed();
const fleet = seed.books.find((b) => b.b_c === 'fleet-ops')!;

describe('TimeTonic mappers on seed payloads', () => {
  it('maps a book: composite id, title from ownerPrefs, rights by name, last message without body', () => {
    const record = mapTimetonicBook(bookWire(fleet, 'demo'), FILES);
    expect(record).toMatchObject({
      typename: 'TimetonicBook',
      vendor: 'TIMETONIC',
      nativeId: 'demo:fleet-ops',
      code: 'fleet-ops',
      owner: 'demo',
      title: 'Fleet operations',
      memberCount: 3,
      messageCount: 80,
      favorite: true,
      archived: false,
      sstamp: fleet.sstamp,
    });
    expect(record.members).toEqual([
      { user: 'demo', invite: 'accepted', right: 'ADMIN' },
      { user: 'mechanic', invite: 'accepted', right: 'READ_WRITE' },
      { user: 'manager', invite: 'accepted', right: 'ADMIN' },
    ]);
    expect(record.lastMessage).toMatchObject({ smid: fleet.messages.at(-1)!.smid, body: null });
  });

  it('maps a message with attachments to the doc URL patterns and unix seconds to dates', () => {
    const wire = fleet.messages.find((m) => (m.medias?.length ?? 0) > 0 && (m.docs?.length ?? 0) > 0) ?? fleet.messages.find((m) => (m.medias?.length ?? 0) > 0)!;
    const record = mapTimetonicMessage(wire, 'demo', 'fleet-ops', FILES);
    expect(record.createdAt.getTime()).toBe(wire.created * 1000);
    const media = record.attachments.find((a) => a.kind === 'MEDIA')!;
    expect(media.url).toBe(`${FILES}/dbi/ic/norm/demo/fleet-ops/${wire.smid}/0/${encodeURIComponent(wire.medias![0]!.originName)}`);
    expect(media.publicUrl).toBe(`${FILES}/dbi/in/norm/${wire.medias![0]!.internName}/${encodeURIComponent(wire.medias![0]!.originName)}`);
    const doc = record.attachments.find((a) => a.kind === 'DOC');
    if (doc) expect(doc.url).toContain('/dbi/odc/full/demo/fleet-ops/');
  });

  it('maps tables with fields and view filters, and rows of the rows format by field name', () => {
    const tables = getBookTables(seed, 'demo', new Params({ b_o: 'demo', b_c: 'fleet-ops', includeFields: 'true' })).json as TimetonicWireBookTables;
    const log = mapTimetonicTable(tables.bookTables.categories[1]!, 'demo:fleet-ops');
    expect(log).toMatchObject({ typename: 'TimetonicTable', nativeId: String(TIMETONIC_TABLES.maintenance), name: 'Maintenance log' });
    expect(log.views[1]!.filters[0]).toEqual({ id: '20730', fieldId: 65215, type: 'checkbox', predicate: 'is', operand: 'false' });

    const page = getTableValues(seed, 'demo', new Params({ catId: String(TIMETONIC_TABLES.maintenance), format: 'rows', maxRows: '1' })).json as TimetonicWireTableRows;
    const row = mapTimetonicRow(page.rows[0]!, TIMETONIC_TABLES.maintenance, page.fields);
    expect(row.cells.map((c) => c.fieldName)).toEqual(['Date', 'Vehicle', 'Work', 'Cost', 'Done']);
    const vehicle = row.cells[1]!;
    expect(vehicle.linkedRowIds).toHaveLength(1);
    expect(vehicle.value).toBe(JSON.stringify(vehicle.linkedRowIds));
    expect(vehicle.text).toMatch(/^AB-\d+-CD$/);
    expect(row.cells[2]!.linkedRowIds).toBeNull();
  });
});

describe('TimeTonic ids, sessions and errors', () => {
  it('checks composite book ids', () => {
    expect(splitBookId('manager:ws_messages')).toEqual({ owner: 'manager', code: 'ws_messages' });
    expect(isTimetonicBookId('+33134455666:test')).toBe(true);
    for (const bad of ['../api.php', 'demo:', ':code', 'demo:../x', 'a:b:c']) expect(isTimetonicBookId(bad)).toBe(false);
  });

  it('round-trips sessions and refuses malformed ones', () => {
    expect(decodeSession(encodeSession({ ou: 'demo', sesskey: 'JQri-DSRj-VAsR-7dr8-l9hW-0' }))).toEqual({ ou: 'demo', sesskey: 'JQri-DSRj-VAsR-7dr8-l9hW-0' });
    expect(() => decodeSession('no-colon')).toThrow(/<o_u>:<sesskey>/);
  });

  it('reads nok answers, old and new forms, into codes', () => {
    const answer = (json: unknown) => classifyTimetonicError({ status: 200, headers: {}, json, text: JSON.stringify(json) });
    expect(answer({ status: 'ok' })).toBeNull();
    expect(answer({ status: 'nok', error: 'apiProcess91: invalid appkey' })).toEqual({ code: 'UNAUTHENTICATED', message: 'apiProcess91: invalid appkey' });
    expect(answer({ status: 'nok', errorCode: 'apiProcess41', errorMsg: 'unknown book x.y' })?.code).toBe('NOT_FOUND');
    expect(timetonicErrorCode('invalid value for field 1 (Qty): number expected')).toBe('BAD_USER_INPUT');
    expect(timetonicErrorCode('tmp row id tmpA already used (row 3)')).toBe('BAD_USER_INPUT');
    expect(timetonicErrorCode('no write rights on book a.b')).toBe('FORBIDDEN');
    expect(timetonicErrorCode('database exploded')).toBe('VENDOR_ERROR');
    // A message carrying something key-like never reaches a client.
    expect(answer({ status: 'nok', errorCode: 'E1', errorMsg: 'bad key JQriDSRjVAsR7dr8l9hWxxxxxxxxxx' })?.message).toBe('request refused (E1)');
  });
});
