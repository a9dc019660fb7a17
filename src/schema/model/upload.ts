import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import type { RequestContext } from '../../context/context';
import { BadUserInputError, PayloadTooLargeError } from '../../core/errors';
import type { MultipartFile } from '../../vendors/multipart-body';

/** The GraphQL multipart request spec's `Upload` scalar (graphql-upload-minimal). */
export const Upload = GraphQLUpload;

/** What an `Upload` argument holds once graphql-upload-minimal has read the request's `map`. */
export type UploadArg = Promise<FileUpload>;

/** A busboy file stream: `truncated` once the file passed UPLOAD_MAX_BYTES. */
type FileStream = AsyncIterable<Uint8Array> & { truncated?: boolean };

/**
 * Opens an uploaded file as a multipart part for a vendor, still unread: its bytes flow from
 * the client's request to the vendor's as the vendor call reads them. A file cut at the limit
 * fails the vendor call before its last boundary (PAYLOAD_TOO_LARGE), so nothing half-written
 * is stored upstream.
 */
export async function openUpload(ctx: RequestContext, upload: UploadArg, field: string, argument: string): Promise<MultipartFile> {
  const maxBytes = ctx.services.config.upload.maxFileBytes;
  let file: FileUpload;
  let stream: FileStream;
  try {
    file = await upload;
    stream = file.createReadStream() as unknown as FileStream;
  } catch (error) {
    throw uploadError(error, argument, maxBytes);
  }
  return {
    field,
    filename: file.filename,
    contentType: file.mimetype || 'application/octet-stream',
    content: stream,
    check: () => {
      if (stream.truncated) throw tooLarge(file.filename, maxBytes);
    },
  };
}

function uploadError(error: unknown, argument: string, maxBytes: number): Error {
  const status = (error as { status?: number }).status;
  if (status === 413) return tooLarge('a file', maxBytes);
  return new BadUserInputError(`\`${argument}\`: ${error instanceof Error ? error.message : 'the upload could not be read'}`, { argument });
}

function tooLarge(name: string, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`${name === 'a file' ? 'A file' : `File "${name}"`} is larger than ${maxBytes} bytes (UPLOAD_MAX_BYTES)`);
}
