/**
 * Just enough of the OpenType/TrueType container to name a font without parsing it whole:
 * the table directory, the `name` table (family, subfamily) and `OS/2` (weight class).
 * Discovery reads a few kilobytes per file instead of opening 15 MB fonts with fontkit.
 */

export interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

export interface FontNames {
  family: string;
  subfamily: string;
  /** typographic family (name id 16) when present: "Noto Serif SC" rather than "Noto Serif SC Black". */
  typographicFamily?: string;
  weight: number;
  italic: boolean;
}

const TRUETYPE = 0x00010000;
const OTTO = 0x4f54544f; // 'OTTO': CFF outlines
const TRUE = 0x74727565; // 'true'

export function isSfnt(head: Buffer): boolean {
  if (head.length < 12) return false;
  const v = head.readUInt32BE(0);
  return v === TRUETYPE || v === OTTO || v === TRUE;
}

/** `head` must hold at least 12 + 16 × numTables bytes. */
export function tableDirectory(head: Buffer): TableRecord[] {
  const numTables = head.readUInt16BE(4);
  const records: TableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    if (at + 16 > head.length) break;
    records.push({
      tag: head.toString('latin1', at, at + 4),
      offset: head.readUInt32BE(at + 8),
      length: head.readUInt32BE(at + 12),
    });
  }
  return records;
}

export function directoryLength(head: Buffer): number {
  return 12 + head.readUInt16BE(4) * 16;
}

function decodeUtf16BE(buf: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < buf.length; i += 2) s += String.fromCharCode(buf.readUInt16BE(i));
  return s;
}

/** Names from a `name` table, preferring Windows Unicode English records. */
export function parseNameTable(name: Buffer): Map<number, string> {
  const count = name.readUInt16BE(2);
  const storage = name.readUInt16BE(4);
  const found = new Map<number, { score: number; value: string }>();
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    if (at + 12 > name.length) break;
    const platform = name.readUInt16BE(at);
    const language = name.readUInt16BE(at + 4);
    const nameId = name.readUInt16BE(at + 6);
    const length = name.readUInt16BE(at + 8);
    const offset = name.readUInt16BE(at + 10);
    const start = storage + offset;
    if (start + length > name.length) continue;
    const raw = name.subarray(start, start + length);
    let value: string;
    let score: number;
    if (platform === 3) {
      value = decodeUtf16BE(raw);
      score = language === 0x0409 ? 3 : 2;
    } else if (platform === 0) {
      value = decodeUtf16BE(raw);
      score = 1;
    } else {
      value = raw.toString('latin1');
      score = 0;
    }
    const prev = found.get(nameId);
    if (!prev || prev.score < score) found.set(nameId, { score, value });
  }
  return new Map([...found].map(([k, v]) => [k, v.value]));
}

export function parseOs2(os2: Buffer): { weight: number; italic: boolean } {
  const weight = os2.length >= 6 ? os2.readUInt16BE(4) : 400;
  const fsSelection = os2.length >= 64 ? os2.readUInt16BE(62) : 0;
  return { weight, italic: (fsSelection & 1) === 1 };
}

export function fontNames(names: Map<number, string>, os2: { weight: number; italic: boolean }): FontNames {
  const out: FontNames = {
    family: names.get(1) ?? '',
    subfamily: names.get(2) ?? '',
    weight: os2.weight,
    italic: os2.italic,
  };
  const typographic = names.get(16);
  if (typographic) out.typographicFamily = typographic;
  return out;
}
