import { readCapped } from '../../src/vendors/http-support';

/**
 * tributary_vendor_response_bytes_total counts the bytes a vendor sent, as they came: not the
 * length of the decoded text, and also when the size cap stops the read.
 */
async function* chunks(...parts: number[][]): AsyncIterable<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe('readCapped byte count', () => {
  it('counts the bytes received, not the decoded text, for a body that is not valid UTF-8', async () => {
    const counted: number[] = [];
    const text = await readCapped(chunks([0xff, 0xfe], [0x41]), 1024, 'IGTIMI', (bytes) => counted.push(bytes));
    expect(text).toBe('\ufffd\ufffdA');
    expect(Buffer.byteLength(text)).toBe(7);
    expect(counted).toEqual([3]);
  });

  it('counts what arrived before the cap stopped the read, once', async () => {
    const counted: number[] = [];
    await expect(readCapped(chunks([1, 2, 3], [4, 5, 6], [7]), 5, 'IGTIMI', (bytes) => counted.push(bytes))).rejects.toThrow(/larger than 5 bytes/);
    expect(counted).toEqual([6]);
  });
});
