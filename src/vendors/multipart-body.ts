import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BadUserInputError } from '../core/errors';
import type { QueryValue } from './http';

/** One file part: its bytes arrive as a stream and are passed on chunk by chunk, never held whole. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  content: AsyncIterable<Uint8Array | string>;
  /**
   * Asked once the content has ended: an error here (a file cut at the upload limit) fails the
   * body before its closing boundary, so the vendor never sees a complete request.
   */
  check?: () => void;
}

export interface MultipartBody {
  contentType: string;
  stream: Readable;
}

/**
 * A `multipart/form-data` body (RFC 7578) built as a stream: text fields first, then the files,
 * each piped through as it is read. undici sends a stream body with chunked encoding, so a file
 * goes from the client's upload to the vendor without being buffered whole.
 */
export function multipartBody(fields: Record<string, QueryValue>, files: readonly MultipartFile[]): MultipartBody {
  const boundary = `----tributary${randomBytes(12).toString('hex')}`;
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${quoted(name)}"\r\n\r\n${String(item)}\r\n`);
      }
    }
    for (const file of files) {
      yield Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\ncontent-type: ${file.contentType}\r\n\r\n`,
      );
      try {
        for await (const chunk of file.content) yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      } catch {
        // The caller's upload broke off (a closed connection): their failure, not the vendor's.
        throw new BadUserInputError(`The upload of "${file.filename}" ended before the file was complete`);
      }
      file.check?.();
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, stream: Readable.from(parts(), { objectMode: false }) };
}

/** A header parameter value: quotes, backslashes and line breaks escaped as browsers do. */
function quoted(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
