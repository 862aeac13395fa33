import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkZip, readCentralDirectory } from '../../src/load/zip.js';

/*
 * The zip check on zips made here byte by byte, so that each can lie in exactly one way: a
 * declared total or entry count past the limit (a zip bomb is refused before anything is
 * inflated), an entry that inflates past its declared size, a changed byte, a cut file.
 */

interface Part {
  name: string;
  data: Buffer;
  /** What the directory claims, when it lies. */
  declaredSize?: number;
  stored?: boolean;
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = p.stored ? p.data : deflateRawSync(p.data);
    const size = p.declaredSize ?? p.data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(p.stored ? 0 : 8, 8);
    head.writeUInt32LE(crc32(p.data), 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc32(p.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    centrals.push(central, name);
    offset += head.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const limits = { entries: 10, unzippedBytes: 1024 * 1024 };
const sheet = (n: number) => ({ name: `xl/worksheets/sheet${n}.xml`, data: Buffer.from(`<sheetData>${'<row/>'.repeat(100)}</sheetData>`) });

describe('checkZip', () => {
  it('passes a sound zip, deflated or stored', () => {
    expect(checkZip(zip([sheet(1), { ...sheet(2), stored: true }]), limits)).toBeUndefined();
  });

  it('refuses a declared total past the limit before inflating anything (a zip bomb)', () => {
    // 4 MB of zeros deflates to about 4 KB: a bomb in small, against a 1 MB limit
    const bomb = zip([sheet(1), { name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(4 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(checkZip(bomb, limits)).toEqual({ kind: 'too-large', bytes: sheet(1).data.length + 4 * 1024 * 1024 });
  });

  it('refuses an entry that inflates past the size it declares (a bomb that lies)', () => {
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 1000 }]);
    expect(checkZip(liar, limits)).toMatchObject({ kind: 'damaged' });
  });

  it('refuses too many entries from the directory count alone', () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => sheet(i)));
    expect(readCentralDirectory(many, limits)).toEqual({ kind: 'too-many-entries', count: 11 });
    expect(checkZip(many, limits)).toEqual({ kind: 'too-many-entries', count: 11 });
  });

  it('refuses a file cut anywhere, and a changed byte (checksum)', () => {
    const whole = zip([sheet(1), sheet(2)]);
    for (const cut of [0, 4, 30, 100, whole.length >> 1, whole.length - 23, whole.length - 1]) {
      expect(checkZip(whole.subarray(0, cut), limits), `cut at ${cut}`).toMatchObject({ kind: 'damaged' });
    }
    const stored = zip([{ ...sheet(1), stored: true }]);
    const changed = Buffer.from(stored);
    changed[60] = changed[60]! ^ 0xff;
    expect(checkZip(changed, limits)).toEqual({ kind: 'damaged', detail: 'checksum of xl/worksheets/sheet1.xml' });
  });

  it('refuses local headers that disagree with the directory (SheetJS reads the local sizes)', () => {
    const z = zip([sheet(1)]);
    z.writeUInt32LE(123456, 22); // the local header's uncompressed size
    expect(checkZip(z, limits)).toMatchObject({ kind: 'damaged' });
  });
});
