import { PassThrough } from 'node:stream';
import { Response } from 'undici';
import { multipartBody } from '../../src/vendors/multipart-body';

/** The vendor-side multipart builder: well-formed for a real parser, and lazy (a stream, not a buffer). */
describe('multipartBody', () => {
  it('builds a body undici parses back into the same fields and bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
    const content = new PassThrough();
    content.end(bytes);
    const body = multipartBody({ req: 'fileUpload', smid: 12, skipped: undefined, ids: [1, 2] }, [{ field: 'qqfile', filename: 'a "b".pdf', contentType: 'application/pdf', content }]);
    const raw = Buffer.concat(await body.stream.toArray());
    const form = await new Response(raw, { headers: { 'content-type': body.contentType } }).formData();
    expect(form.get('req')).toBe('fileUpload');
    expect(form.get('smid')).toBe('12');
    expect(form.getAll('ids')).toEqual(['1', '2']);
    expect(form.has('skipped')).toBe(false);
    const file = form.get('qqfile') as File;
    expect(file.name).toBe('a "b".pdf');
    expect(file.type).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('passes file chunks on as they come: the first chunk is out before the file has ended', async () => {
    const content = new PassThrough();
    const body = multipartBody({}, [{ field: 'file', filename: 'x.bin', contentType: 'application/octet-stream', content }]);
    const reader = body.stream[Symbol.asyncIterator]();
    content.write(Buffer.from('first-chunk'));
    const seen: string[] = [];
    while (!seen.join('').includes('first-chunk')) seen.push(String((await reader.next()).value));
    expect(content.writableEnded).toBe(false);
    content.end(Buffer.from('last'));
    let rest = '';
    for (let next = await reader.next(); !next.done; next = await reader.next()) rest += String(next.value);
    expect(rest).toContain('last');
    expect(rest.trimEnd().endsWith('--')).toBe(true);
  });

  it('fails before the closing boundary when the file check refuses (a file cut at the upload limit)', async () => {
    const content = new PassThrough();
    content.end(Buffer.from('cut'));
    const refused = new Error('too large');
    const body = multipartBody({}, [{ field: 'file', filename: 'x.bin', contentType: 'application/octet-stream', content, check: () => { throw refused; } }]);
    const chunks: string[] = [];
    await expect((async () => { for await (const chunk of body.stream) chunks.push(String(chunk)); })()).rejects.toBe(refused);
    expect(chunks.join('')).not.toMatch(/--\r\n$/);
  });
});
