import { crc32, inflateRawSync } from 'node:zlib';

/*
 * A zip container (.xlsx, .xlsm, .ods, WPS's .xlsx) checked before the spreadsheet library sees
 * it. SheetJS trusts whatever the file declares: it inflates entries to their declared size with
 * no bound (a 1 MB file can expand to gigabytes), spins forever when the end record is missing
 * (a file cut short), and never checks a checksum (a damaged sheet reads as missing values).
 * So the central directory is read here first, its totals bounded before anything is inflated,
 * and then each entry inflated with an output bound and its CRC-32 compared: what passes is a
 * zip whose every entry SheetJS will inflate to exactly the bytes counted here.
 *
 * Written against the format (APPNOTE 6.3) rather than taken from a library: jszip, the zip
 * library already installed, neither bounds inflation nor exposes entry sizes without its
 * private fields, and all that is needed is a read of fixed-layout records and node:zlib.
 */

export interface ZipLimits {
  /** Entries in the central directory (sheets, styles, comments…). */
  entries: number;
  /** Declared uncompressed bytes, all entries together. */
  unzippedBytes: number;
}

export type ZipProblem =
  /** Not a whole zip: cut short, bytes changed, records that contradict each other. */
  | { kind: 'damaged'; detail: string }
  | { kind: 'too-many-entries'; count: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'encrypted' };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;
const U16 = 0xffff;

class Damaged extends Error {}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function need(ok: boolean, detail: string): asserts ok {
  if (!ok) throw new Damaged(detail);
}

function u64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  need(n <= BigInt(Number.MAX_SAFE_INTEGER), 'size out of range');
  return Number(n);
}

/** The end-of-central-directory record: the last signature within the final 64 KB + 22 bytes. */
function findEnd(bytes: Uint8Array, v: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - U16);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (v.getUint32(i, true) === EOCD && i + 22 + v.getUint16(i + 20, true) <= bytes.length) return i;
  }
  throw new Damaged('no end of central directory');
}

/** The directory's entries, without inflating anything. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): { entries: ZipEntry[]; directoryStart: number } | ZipProblem {
  try {
    need(bytes.length >= 22, 'too short');
    const v = view(bytes);
    const end = findEnd(bytes, v);
    let count = v.getUint16(end + 10, true);
    let size = v.getUint32(end + 12, true);
    let start = v.getUint32(end + 16, true);
    need(v.getUint16(end + 4, true) === 0 && v.getUint16(end + 6, true) === 0, 'split archive');
    if (count === U16 || size === U32 || start === U32) {
      need(end >= 20 && v.getUint32(end - 20, true) === ZIP64_LOCATOR, 'no zip64 locator');
      const at = u64(v, end - 12);
      need(at + 56 <= end && v.getUint32(at, true) === ZIP64_EOCD, 'no zip64 end record');
      count = u64(v, at + 32);
      size = u64(v, at + 40);
      start = u64(v, at + 48);
    }
    if (count > limits.entries) return { kind: 'too-many-entries', count };
    need(start + size <= end, 'central directory outside the file');
    const entries: ZipEntry[] = [];
    let total = 0;
    let p = start;
    for (let i = 0; i < count; i++) {
      need(p + 46 <= start + size && v.getUint32(p, true) === CENTRAL, 'central directory entry');
      const nameLength = v.getUint16(p + 28, true);
      const extraLength = v.getUint16(p + 30, true);
      const commentLength = v.getUint16(p + 32, true);
      const next = p + 46 + nameLength + extraLength + commentLength;
      need(next <= start + size, 'central directory entry length');
      const entry: ZipEntry = {
        name: Buffer.from(bytes.subarray(p + 46, p + 46 + nameLength)).toString('utf8'),
        flags: v.getUint16(p + 8, true),
        method: v.getUint16(p + 10, true),
        crc: v.getUint32(p + 16, true),
        compressedSize: v.getUint32(p + 20, true),
        size: v.getUint32(p + 24, true),
        localOffset: v.getUint32(p + 42, true),
      };
      if (entry.size === U32 || entry.compressedSize === U32 || entry.localOffset === U32) zip64Extra(v, p + 46 + nameLength, extraLength, entry);
      total += entry.size;
      if (total > limits.unzippedBytes) return { kind: 'too-large', bytes: total };
      entries.push(entry);
      p = next;
    }
    return { entries, directoryStart: start };
  } catch (e) {
    if (e instanceof Damaged || e instanceof RangeError) return { kind: 'damaged', detail: e.message };
    throw e;
  }
}

/** ZIP64 extended information: the 8-byte values of the fields the entry marks 0xFFFFFFFF, in order. */
function zip64Extra(v: DataView, at: number, length: number, entry: ZipEntry): void {
  for (let p = at; p + 4 <= at + length;) {
    const id = v.getUint16(p, true);
    const n = v.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === U32) (entry.size = u64(v, q)), (q += 8);
      if (entry.compressedSize === U32) (entry.compressedSize = u64(v, q)), (q += 8);
      if (entry.localOffset === U32) entry.localOffset = u64(v, q);
      need(q <= p + 4 + n, 'zip64 extra field');
      return;
    }
    p += 4 + n;
  }
  throw new Damaged('zip64 sizes missing');
}

/**
 * The whole container checked: its totals within `limits`, then every entry inflated (never past
 * its declared size) and compared with its checksum. Undefined when the zip is sound.
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipProblem | undefined {
  const dir = readCentralDirectory(bytes, limits);
  if ('kind' in dir) return dir;
  try {
    const v = view(bytes);
    for (const e of dir.entries) {
      if (e.flags & 0x41) return { kind: 'encrypted' };
      const at = e.localOffset;
      need(at + 30 <= dir.directoryStart && v.getUint32(at, true) === LOCAL, `local header of ${e.name}`);
      const flags = v.getUint16(at + 6, true);
      const method = v.getUint16(at + 8, true);
      need(method === e.method, `method of ${e.name}`);
      if (flags & 0x41) return { kind: 'encrypted' };
      // SheetJS reads the sizes in the local header: they must say what the directory says
      if (!(flags & 0x08)) {
        const csz = v.getUint32(at + 18, true);
        const usz = v.getUint32(at + 22, true);
        need((csz === U32 || csz === e.compressedSize) && (usz === U32 || usz === e.size), `sizes of ${e.name}`);
      }
      const dataStart = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
      const dataEnd = dataStart + e.compressedSize;
      need(dataEnd <= dir.directoryStart, `data of ${e.name} beyond the directory`);
      const data = bytes.subarray(dataStart, dataEnd);
      let out: Uint8Array;
      if (e.method === 0) {
        need(e.compressedSize === e.size, `stored size of ${e.name}`);
        out = data;
      } else if (e.method === 8) {
        try {
          // one byte more than declared: an entry that inflates past its size is caught, not followed
          out = inflateRawSync(data, { maxOutputLength: e.size + 1 });
        } catch {
          throw new Damaged(`inflate ${e.name}`);
        }
        need(out.length === e.size, `inflated size of ${e.name}`);
      } else {
        throw new Damaged(`compression method ${e.method} of ${e.name}`);
      }
      need(crc32(out) === e.crc, `checksum of ${e.name}`);
    }
    return undefined;
  } catch (e) {
    if (e instanceof Damaged || e instanceof RangeError) return { kind: 'damaged', detail: e.message };
    throw e;
  }
}
