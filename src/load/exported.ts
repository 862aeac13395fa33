import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { readCentralDirectory } from './zip.js';

/*
 * A workbook `gongkai export` wrote (the set's tables) is an output, never a department: a data
 * folder that holds one (an output folder inside it, a copy kept beside the data) must not read
 * it as a 填报表. It is known by what it says of itself — the category in its document
 * properties, which spreadsheet applications keep when they save — not by a file name a
 * template set words.
 */

/** docProps/core.xml's cp:category of an exported tables workbook. */
export const TABLES_CATEGORY = 'gongkai-tables';

/** Larger than any tables workbook gongkai writes: not opened to look. */
const MAX_BYTES = 16 * 1024 * 1024;

export async function isExportedTables(file: string): Promise<boolean> {
  if (!/\.xlsx$/i.test(file)) return false;
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_BYTES) return false;
      bytes = Buffer.alloc(size);
      await handle.read(bytes, 0, size, 0);
    } finally {
      await handle.close();
    }
  } catch {
    return false; // loading it says what is wrong
  }
  return tablesCategory(bytes);
}

/** Does the zip's docProps/core.xml say it is gongkai's exported tables? Damaged or unusual files are not. */
export function tablesCategory(bytes: Uint8Array): boolean {
  const dir = readCentralDirectory(bytes, { entries: 10_000, unzippedBytes: 1 << 30 });
  if ('kind' in dir) return false;
  const core = dir.entries.find((e) => e.name === 'docProps/core.xml');
  if (!core || core.size > 64 * 1024) return false;
  try {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = core.localOffset;
    if (v.getUint32(at, true) !== 0x04034b50) return false;
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const raw = bytes.subarray(start, start + core.compressedSize);
    const xml = (core.method === 0 ? Buffer.from(raw) : core.method === 8 ? inflateRawSync(raw) : Buffer.alloc(0)).toString('utf8');
    return new RegExp(`<cp:category>\\s*${TABLES_CATEGORY}\\s*</cp:category>`).test(xml);
  } catch {
    return false;
  }
}
