import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { bookId, resetTimetonicCalls, timetonicCalls } from '../helpers/timetonic-counts';
import { binaryBytes, postUpload } from '../helpers/uploads';

/**
 * The edges of an upload: the CSRF rule (a multipart POST needs a preflight header), the same
 * admission as any operation (caller auth, validation), the file size and file count limits,
 * and a server that keeps serving after refusing. Callers need an API key on this stack.
 */
const MAX_BYTES = 64 * 1024;
const BODY_LIMIT = 2048;
const KEY = 'files-key';
const PREFLIGHT = { 'apollo-require-preflight': 'true', 'x-api-key': KEY };
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    vendors: ['timetonic'],
    // A body limit far below the file limit: files do not count against it (they are never read into a body).
    env: { UPLOAD_MAX_BYTES: String(MAX_BYTES), UPLOAD_MAX_FILES: '2', BODY_LIMIT_BYTES: String(BODY_LIMIT), GATEWAY_API_KEYS: KEY, GATEWAY_ALLOW_ANONYMOUS: 'false' },
  });
});
const upload = (query: string, variables: Record<string, unknown>, files: Parameters<typeof postUpload>[3], headers: Record<string, string> = PREFLIGHT) =>
  postUpload(stack.url, query, variables, files, headers);
afterAll(disposeLeftovers);

const SUPPORT = bookId('demo', 'support');
const UPLOAD = `mutation Upload($bookId: ID!, $file: Upload!, $messageId: Int) {
  timetonicUploadFile(bookId: $bookId, file: $file, messageId: $messageId) { count downloadPath }
}`;
const SEND_WITH_FILES = `mutation SendWithFiles($bookId: ID!, $text: String!, $files: [Upload!]!) {
  timetonicSendMessageWithAttachments(bookId: $bookId, text: $text, files: $files) { messageId }
}`;
const ATTACHMENTS = `query Attachments($id: ID!) { book(id: $id) { messages(first: 1) { edges { node { nativeId attachments { name } } } } } }`;

let messageId: number;
beforeAll(async () => {
  const sent = await postJson(`mutation { timetonicSendMessage(bookId: "${SUPPORT}", text: "limits") { messageId } }`);
  messageId = sent.data.timetonicSendMessage.messageId;
});

const file = (size: number, name = 'f.bin') => ({ name, type: 'application/octet-stream', bytes: binaryBytes(size) });

describe('CSRF', () => {
  it('refuses a multipart POST without a preflight header before anything runs or reaches TimeTonic', async () => {
    resetTimetonicCalls(stack);
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(100) }, { 'x-api-key': KEY });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(answer.json.errors?.[0]?.message).toMatch(/apollo-require-preflight/);
    expect((await timetonicCalls(stack)).reqs).toEqual({});
  });

  it('takes the same upload with `x-apollo-operation-name` as its preflight header', async () => {
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(100) }, { 'x-apollo-operation-name': 'Upload', 'x-api-key': KEY });
    expect(answer.json.errors).toBeUndefined();
  });
});

describe('admission', () => {
  it('refuses an upload without the caller key (401) before reading its files or calling TimeTonic', async () => {
    resetTimetonicCalls(stack);
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(1000) }, { 'apollo-require-preflight': 'true' });
    expect(answer.status).toBe(401);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await timetonicCalls(stack)).reqs).toEqual({});
  });

  it('validates the operation an upload carries like any other (400 GRAPHQL_VALIDATION_FAILED)', async () => {
    const answer = await upload(`mutation($file: Upload!) { timetonicUploadFile(file: $file) { nope } }`, { file: null }, { 'variables.file': file(10) });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves a download only to an authenticated caller', async () => {
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(500, 'keyed.bin') });
    const path = (answer.json.data!.timetonicUploadFile as { downloadPath: string }).downloadPath;
    const anonymous = await fetch(`${stack.origin}${path}`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const keyed = await fetch(`${stack.origin}${path}`, { headers: { 'x-api-key': KEY } });
    expect(keyed.status).toBe(200);
    expect(Buffer.from(await keyed.arrayBuffer()).equals(file(500).bytes)).toBe(true);
  });

  it('answers BAD_USER_INPUT for an Upload variable sent as JSON text instead of a file', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ query: UPLOAD, variables: { bookId: SUPPORT, file: 'not a file', messageId } }),
    });
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('limits', () => {
  it('answers PAYLOAD_TOO_LARGE (413) for a file over UPLOAD_MAX_BYTES, and TimeTonic stores nothing of it', async () => {
    const before = await attachmentNames();
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(MAX_BYTES * 3, 'big.bin') });
    expect(answer.status).toBe(413);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.json.errors?.[0]?.message).toMatch(/UPLOAD_MAX_BYTES/);
    expect(await attachmentNames()).toEqual(before);
  });

  it('refuses an `operations` field over BODY_LIMIT_BYTES with PAYLOAD_TOO_LARGE', async () => {
    const padded = `${UPLOAD}\n# ${'x'.repeat(BODY_LIMIT)}`;
    const answer = await upload(padded, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(10) });
    expect(answer.status).toBe(413);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes a file of exactly UPLOAD_MAX_BYTES, many times BODY_LIMIT_BYTES', async () => {
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(MAX_BYTES, 'exact.bin') });
    expect(answer.json.errors).toBeUndefined();
  });

  it('refuses more files than UPLOAD_MAX_FILES before the operation runs', async () => {
    resetTimetonicCalls(stack);
    const files = { 'variables.files.0': file(10), 'variables.files.1': file(10), 'variables.files.2': file(10) };
    const answer = await upload(SEND_WITH_FILES, { bookId: SUPPORT, text: 'three', files: [null, null, null] }, files);
    expect(answer.status).toBe(413);
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await timetonicCalls(stack)).reqs).toEqual({});
  });

  it('answers a malformed multipart request with BAD_REQUEST', async () => {
    const form = new FormData();
    form.append('operations', '{not json');
    form.append('map', '{}');
    const response = await fetch(stack.url, { method: 'POST', body: form, headers: PREFLIGHT });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps serving after refused uploads: a query and a new upload both succeed', async () => {
    for (let i = 0; i < 3; i++) {
      const refused = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(MAX_BYTES + 1 + i) });
      expect(refused.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
    expect((await postJson('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const answer = await upload(UPLOAD, { bookId: SUPPORT, file: null, messageId }, { 'variables.file': file(1000, 'after.bin') });
    expect(answer.json.errors).toBeUndefined();
    expect(await attachmentNames()).toContain('after.bin');
  });
});

async function attachmentNames(): Promise<string[]> {
  const answer = await postJson(ATTACHMENTS, { id: SUPPORT });
  const node = answer.data.book.messages.edges[0].node as { nativeId: string; attachments: Array<{ name: string }> };
  expect(node.nativeId).toBe(String(messageId));
  return node.attachments.map((a) => a.name);
}

async function postJson(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: Record<string, any>; errors?: unknown[] };
}
