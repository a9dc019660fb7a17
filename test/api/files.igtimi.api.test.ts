import { IGTIMI_BASE_EPOCH } from '../../src/simulators/igtimi/igtimi.seed';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { binaryBytes, md5, postUpload } from '../helpers/uploads';

/** Igtimi file upload and .IPB import over GraphQL multipart requests, against the simulator. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['igtimi'] });
});
afterAll(disposeLeftovers);

const UPLOAD_RESOURCE = `mutation Upload($file: Upload!, $from: DateTimeISO!, $to: DateTimeISO!, $resourceId: Int) {
  igtimiUploadResourceFile(file: $file, from: $from, to: $to, resourceId: $resourceId) { resourceId md5 source }
}`;
const IMPORT = `mutation Import($file: Upload!) { igtimiImportFile(file: $file) { fileId md5 } }`;
const IMPORTS = `query Imports($fileId: String) { igtimiImports(fileId: $fileId) { state fileName md5 } }`;

const window = { from: new Date(IGTIMI_BASE_EPOCH).toISOString(), to: new Date(IGTIMI_BASE_EPOCH + 60_000).toISOString() };

describe('Igtimi files', () => {
  it('stores a file in a resource: the md5 Igtimi computed over what it received is the md5 of the bytes sent', async () => {
    const bytes = binaryBytes(300_000);
    const answer = await postUpload(stack.url, UPLOAD_RESOURCE, { file: null, resourceId: 100, ...window }, { 'variables.file': { name: 'track.csv', type: 'text/csv', bytes } });
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data?.igtimiUploadResourceFile).toEqual({ resourceId: 100, md5: md5(bytes), source: 0 });
  });

  it("stores a file by a device's stream (streamId + serialNumber) into one of that device's resources", async () => {
    const bytes = binaryBytes(2048);
    const query = `mutation Upload($file: Upload!, $from: DateTimeISO!, $to: DateTimeISO!) {
      igtimiUploadResourceFile(file: $file, from: $from, to: $to, streamId: 1, serialNumber: "GA-EN-AAEJ", source: 2) { resourceId md5 source }
    }`;
    const answer = await postUpload(stack.url, query, { file: null, ...window }, { 'variables.file': { name: 'log.txt', type: 'text/plain', bytes } });
    expect(answer.json.errors).toBeUndefined();
    const stored = answer.json.data?.igtimiUploadResourceFile as { resourceId: number; md5: string; source: number };
    expect({ md5: stored.md5, source: stored.source }).toEqual({ md5: md5(bytes), source: 2 });
    const resources = await postJson(`{ igtimiResources(serialNumbers: ["GA-EN-AAEJ"]) { id } }`, {});
    expect((resources.data?.igtimiResources as Array<{ id: number }>).map((r) => r.id)).toContain(stored.resourceId);
  });

  it('imports an .IPB file and lists it as pending', async () => {
    const bytes = binaryBytes(4096).reverse();
    const answer = await postUpload(stack.url, IMPORT, { file: null }, { 'variables.file': { name: '0000032A.IPB', type: 'application/octet-stream', bytes } });
    expect(answer.json.errors).toBeUndefined();
    const imported = answer.json.data?.igtimiImportFile as { fileId: string; md5: string };
    expect(imported.md5).toBe(md5(bytes));
    const listed = await postJson(IMPORTS, { fileId: imported.fileId });
    expect(listed.data?.igtimiImports).toEqual([{ state: 'PENDING', fileName: imported.fileId, md5: md5(bytes) }]);
  });

  it('refuses an unknown resource, a non-.IPB import and a missing target as input errors', async () => {
    const file = { 'variables.file': { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('abc') } };
    const unknown = await postUpload(stack.url, UPLOAD_RESOURCE, { file: null, resourceId: 999_999, ...window }, file);
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const notIpb = await postUpload(stack.url, IMPORT, { file: null }, file);
    expect(notIpb.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noTarget = await postUpload(stack.url, UPLOAD_RESOURCE, { file: null, ...window }, file);
    expect(noTarget.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

async function postJson(query: string, variables: Record<string, unknown>) {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}
