import { createHash } from 'node:crypto';
import { FormData, request } from 'undici';

export interface UploadAnswer {
  status: number;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** A file for a multipart request: its name, content type and bytes. */
export interface UploadFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * A GraphQL multipart request built by hand (the spec's `operations`, `map`, then the files),
 * sent with undici over a real socket. `files` maps a variable path (`variables.file`,
 * `variables.files.0`) to its file.
 */
export async function postUpload(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, UploadFile>,
  headers: Record<string, string> = { 'apollo-require-preflight': 'true' },
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  const paths = Object.keys(files);
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [path]]))));
  paths.forEach((path, i) => {
    const file = files[path]!;
    form.append(String(i), new Blob([file.bytes], { type: file.type }), file.name);
  });
  const answer = await request(url, { method: 'POST', body: form, headers });
  return { status: answer.statusCode, json: (await answer.body.json()) as UploadAnswer['json'] };
}

export function sha256(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function md5(bytes: Buffer | Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Bytes no text encoding would pass through unchanged (all 256 values, then a seeded run). */
export function binaryBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = 0x2f6b;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = i < 256 ? i : x & 0xff;
  }
  return bytes;
}
