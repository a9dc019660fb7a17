import { once } from 'node:events';
import { connect } from 'node:net';
import { request } from 'undici';
import { TIMETONIC_DEMO_CREDENTIALS } from '../../src/simulators/timetonic/timetonic.seed';
import { createTributaryUploadClient } from '../../examples/clients/urql-upload.client';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId, resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';
import { binaryBytes, postUpload, sha256 } from '../helpers/uploads';
import { waitFor } from '../helpers/wait-for';

/**
 * TimeTonic files through the graph: `fileUpload` to a message and to a cell, a message with
 * attachments (sent by urql, a real client), and every file read back through the gateway's
 * `/files/timetonic/…` route, byte for byte.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['timetonic'] });
});
afterAll(disposeLeftovers);

const SUPPORT = bookId('demo', 'support');
const INVENTORY = bookId('demo', 'inventory');
const SUPPLIER_NAME = 80501;

const SEND = `mutation Send($bookId: ID!, $text: String!) { timetonicSendMessage(bookId: $bookId, text: $text) { messageId } }`;
const UPLOAD = `mutation Upload($bookId: ID!, $file: Upload!, $messageId: Int, $rowId: Int, $fieldId: Int) {
  timetonicUploadFile(bookId: $bookId, file: $file, messageId: $messageId, rowId: $rowId, fieldId: $fieldId) {
    id uuid kind count extension name messageId rowId fieldId downloadPath
  }
}`;
const SEND_WITH_FILES = `mutation SendWithFiles($bookId: ID!, $text: String!, $files: [Upload!]!) {
  timetonicSendMessageWithAttachments(bookId: $bookId, text: $text, files: $files) {
    messageId attachments { kind count name extension downloadPath }
  }
}`;
const MESSAGES = `query Messages($id: ID!) {
  book(id: $id) { messages(first: 5) { edges { node { nativeId attachments { kind name size downloadPath } } } } }
}`;

describe('TimeTonic fileUpload', () => {
  it('attaches a file to a message; the message lists it and the gateway serves the very bytes', async () => {
    const messageId = (await postJson(SEND, { bookId: SUPPORT, text: 'Delivery note attached' })).timetonicSendMessage.messageId as number;
    const bytes = binaryBytes(200_000);
    const answer = await postUpload(stack.url, UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': { name: 'note.pdf', type: 'application/pdf', bytes } });
    expect(answer.json.errors).toBeUndefined();
    const file = answer.json.data!.timetonicUploadFile as Record<string, unknown>;
    expect(file).toMatchObject({ kind: 'DOC', count: 0, extension: 'pdf', name: 'note.pdf', messageId, rowId: null, fieldId: null });
    expect(file.downloadPath).toBe(`/files/timetonic/doc/demo/support/${messageId}/0/note.pdf`);

    const messages = await postJson(MESSAGES, { id: SUPPORT });
    const listed = (messages.book.messages.edges as Array<{ node: { nativeId: string; attachments: unknown[] } }>).find((e) => e.node.nativeId === String(messageId));
    expect(listed?.node.attachments).toEqual([{ kind: 'DOC', name: 'note.pdf', size: bytes.length, downloadPath: file.downloadPath }]);

    const download = await get(file.downloadPath as string);
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(sha256(bytes));
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''note.pdf");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/pdf');
  });

  it('attaches a file to a table cell, served back by its internal name', async () => {
    const row = await postJson(`mutation { timetonicUpdateTableValue(tmpId: "tmpFiles", fieldId: ${SUPPLIER_NAME}, value: "Files Ltd") { rowId } }`, {});
    const rowId = row.timetonicUpdateTableValue.rowId as number;
    const bytes = binaryBytes(5000).reverse();
    const answer = await postUpload(stack.url, UPLOAD, { bookId: INVENTORY, file: null, rowId, fieldId: SUPPLIER_NAME }, { 'variables.file': { name: 'logo.png', type: 'image/png', bytes } });
    expect(answer.json.errors).toBeUndefined();
    const file = answer.json.data!.timetonicUploadFile as Record<string, unknown>;
    expect(file).toMatchObject({ kind: 'MEDIA', rowId, fieldId: SUPPLIER_NAME, messageId: null });
    expect(file.downloadPath).toMatch(/^\/files\/timetonic\/media-name\/FU-[^/]+\/logo\.png$/);
    const download = await get(file.downloadPath as string);
    expect(sha256(download.bytes)).toBe(sha256(bytes));
  });

  it('refuses a cell of another book, a missing target, and an unknown message as errors, not crashes', async () => {
    const file = { 'variables.file': { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('abc') } };
    const noTarget = await postUpload(stack.url, UPLOAD, { bookId: SUPPORT, file: null }, file);
    expect(noTarget.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await postUpload(stack.url, UPLOAD, { bookId: SUPPORT, file: null, messageId: 1 }, file);
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a TimeTonic message with attachments, sent by urql', () => {
  it('posts the message, uploads each file once in order, and every file reads back byte for byte', async () => {
    const photo = binaryBytes(120_000);
    const sheet = binaryBytes(70_000).reverse();
    resetTimetonicCalls(stack);
    // #region upload
    const client = createTributaryUploadClient(stack.url);
    const result = await client
      .mutation(SEND_WITH_FILES, {
        bookId: SUPPORT,
        text: 'Photos of the van',
        files: [new File([photo], 'van.png', { type: 'image/png' }), new File([sheet], 'costs.xlsx', { type: 'application/vnd.ms-excel' })],
      })
      .toPromise();
    // #endregion upload
    expect(result.error).toBeUndefined();
    const sent = result.data.timetonicSendMessageWithAttachments as { messageId: number; attachments: Array<{ kind: string; downloadPath: string }> };
    expect(sent.attachments.map((a) => a.kind)).toEqual(['MEDIA', 'DOC']);
    expect((await timetonicCalls(stack)).reqs).toEqual({ sendMsg: 1, fileUpload: 2 });
    const [photoBack, sheetBack] = await Promise.all(sent.attachments.map((a) => get(a.downloadPath)));
    expect(sha256(photoBack!.bytes)).toBe(sha256(photo));
    expect(sha256(sheetBack!.bytes)).toBe(sha256(sheet));
  });
});

describe('an upload the client breaks off', () => {
  it('stores nothing, counts as no vendor failure, and the server keeps serving', async () => {
    const messageId = (await postJson(SEND, { bookId: SUPPORT, text: 'interrupted' })).timetonicSendMessage.messageId as number;
    const boundary = 'cut-off-boundary';
    const operations = JSON.stringify({ query: UPLOAD, variables: { bookId: SUPPORT, file: null, messageId } });
    const head = [
      `--${boundary}\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${operations}\r\n`,
      `--${boundary}\r\ncontent-disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n`,
      `--${boundary}\r\ncontent-disposition: form-data; name="0"; filename="cut.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ].join('');
    const { port } = new URL(stack.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.on('error', () => undefined);
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\napollo-require-preflight: true\r\ncontent-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: 10000000\r\n\r\n${head}`,
    );
    socket.write(binaryBytes(100_000));
    // The operation is running (it holds a permit) once the file part is being read.
    await waitFor('the upload to be in flight', async () => (await inFlight()) >= 1);
    socket.destroy();
    await waitFor('the upload to end', async () => (await inFlight()) === 0);

    const ready = (await (await fetch(`${stack.origin}/readyz`)).json()) as { vendors: Array<{ vendor: string; circuit: string; lastError?: unknown }> };
    const timetonicStatus = ready.vendors.find((v) => v.vendor === 'TIMETONIC')!;
    expect(timetonicStatus.circuit).toBe('CLOSED');
    expect(timetonicStatus.lastError).toBeNull();
    const messages = await postJson(MESSAGES, { id: SUPPORT });
    const listed = (messages.book.messages.edges as Array<{ node: { nativeId: string; attachments: unknown[] } }>).find((e) => e.node.nativeId === String(messageId));
    expect(listed?.node.attachments).toEqual([]);
    const after = await postUpload(stack.url, UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': { name: 'whole.bin', type: 'application/octet-stream', bytes: binaryBytes(1000) } });
    expect(after.json.errors).toBeUndefined();
  });
});

describe('downloads', () => {
  it('answers 404 NOT_FOUND for a file that is not there and for a path that names none', async () => {
    const missing = await get('/files/timetonic/doc/demo/support/1/0/none.pdf');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    const nonsense = await get('/files/timetonic/photo/x');
    expect(nonsense.status).toBe(404);
  });

  it('never shows the vendor credential or session: not in paths, listings or download headers', async () => {
    const listing = JSON.stringify(await postJson(MESSAGES, { id: SUPPORT }));
    const paths = [...listing.matchAll(/"downloadPath":"([^"]+)"/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(0);
    const download = await get(paths[0]!);
    const shown = [listing, JSON.stringify(download.headers)].join('\n');
    expect(shown).not.toMatch(/sesskey|oauthkey|appkey/i);
    expect(shown).not.toContain(TIMETONIC_DEMO_CREDENTIALS.password);
  });
});

async function postJson(query: string, variables: Record<string, unknown>) {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** Operations in flight, as `/metrics` reports them. */
async function inFlight(): Promise<number> {
  const text = await (await fetch(`${stack.origin}/metrics`)).text();
  return Number(/^tributary_http_in_flight (\S+)$/m.exec(text)?.[1] ?? NaN);
}

async function get(path: string) {
  const answer = await request(`${stack.origin}${path}`);
  return { status: answer.statusCode, headers: answer.headers, bytes: Buffer.from(await answer.body.arrayBuffer()) };
}
