import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fontFiles } from '../../src/load/font-set.js';
import { provideFontBytes, readFontBytes, readFontBytesShared } from '../../src/load/fonts.js';

/*
 * A batch reads each font file once into shared memory and hands it to its workers, which then
 * parse those bytes instead of reading the file again.
 */

describe('font bytes shared with worker threads', () => {
  it('are the files’ bytes, in shared memory, once per file', async () => {
    const files = await fontFiles();
    expect(files.length).toBeGreaterThan(0);
    const shared = await readFontBytesShared([...files, ...files]);
    expect(shared.map(([f]) => f)).toEqual([...new Set(files)]);
    for (const [file, bytes] of shared) {
      expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(bytes).equals(await readFile(file))).toBe(true);
    }
  });

  it('once provided, are what readFontBytes answers for that path (no file read)', async () => {
    const bytes = new Uint8Array(new SharedArrayBuffer(4));
    bytes.set([0, 1, 0, 0]);
    provideFontBytes([['/nonexistent/provided.ttf', bytes]]);
    const got = await readFontBytes('/nonexistent/provided.ttf');
    expect([...got]).toEqual([0, 1, 0, 0]);
    expect(got.buffer).toBe(bytes.buffer); // a view, not a copy
    await expect(readFontBytes('/nonexistent/other.ttf')).rejects.toThrow();
  });
});
