import { deflateSync, inflateSync } from 'node:zlib';

/*
 * Editing a PDF as someone tampering with a published one would: an object replaced by an
 * incremental update (the new object appended, a cross-reference section for it, the trailer
 * pointing back to the old one), which every reader honours. Objects are read through the
 * cross-reference stream gongkai writes (objstm.ts), object streams included.
 */

const latin = (b: Buffer) => b.toString('latin1');

interface Located {
  /** The object's text before its stream data (dictionary), and its raw stream bytes if any. */
  dict: string;
  stream?: Buffer;
}

/** The xref stream's entries: num → [type, field2, field3]. */
function xrefEntries(pdf: Buffer): { entries: Map<number, [number, number, number]>; dict: string; at: number } {
  const tail = latin(pdf.subarray(pdf.length - 64));
  const at = Number(/startxref\s+(\d+)/.exec(tail)![1]);
  const { dict, stream } = objectAt(pdf, at);
  const w = /\/W \[(\d+) (\d+) (\d+)\]/.exec(dict)!.slice(1).map(Number) as [number, number, number];
  const cols = w[0] + w[1] + w[2];
  const raw = inflateSync(stream!);
  const entries = new Map<number, [number, number, number]>();
  let prev = Buffer.alloc(cols);
  for (let n = 0, r = 0; r < raw.length; n++, r += cols + 1) {
    const row = Buffer.alloc(cols);
    for (let c = 0; c < cols; c++) row[c] = (raw[r + 1 + c]! + prev[c]!) & 0xff;
    prev = row;
    entries.set(n, [row.readUIntBE(0, w[0]), row.readUIntBE(w[0], w[1]), row.readUIntBE(w[0] + w[1], w[2])]);
  }
  return { entries, dict, at };
}

function objectAt(pdf: Buffer, offset: number): Located {
  const s = pdf.indexOf('stream\n', offset, 'latin1');
  const e = pdf.indexOf('endobj', offset, 'latin1');
  if (s < 0 || s > e) return { dict: latin(pdf.subarray(offset, e)) };
  const dict = latin(pdf.subarray(offset, s));
  const length = Number(/\/Length (\d+)/.exec(dict)![1]);
  return { dict, stream: pdf.subarray(s + 'stream\n'.length, s + 'stream\n'.length + length) };
}

/** Every object: its dictionary text (with the body of small objects) and stream bytes. */
export function readObjects(pdf: Buffer): Map<number, Located> {
  const { entries } = xrefEntries(pdf);
  const out = new Map<number, Located>();
  const streams = new Map<number, { first: number; data: Buffer; index: number[] }>();
  for (const [num, [type, f2]] of entries) if (type === 1) out.set(num, objectAt(pdf, f2));
  for (const [num, [type, f2, f3]] of entries) {
    if (type !== 2) continue;
    let s = streams.get(f2);
    if (!s) {
      const o = out.get(f2)!;
      const data = inflateSync(o.stream!);
      const n = Number(/\/N (\d+)/.exec(o.dict)![1]);
      const first = Number(/\/First (\d+)/.exec(o.dict)![1]);
      const index = latin(data.subarray(0, first)).trim().split(/\s+/).map(Number);
      s = { first, data, index: Array.from({ length: n }, (_, k) => index[2 * k + 1]!) };
      streams.set(f2, s);
    }
    const start = s.first + s.index[f3]!;
    const end = f3 + 1 < s.index.length ? s.first + s.index[f3 + 1]! : s.data.length;
    out.set(num, { dict: latin(s.data.subarray(start, end)) });
  }
  return out;
}

/** The PDF with object `num` replaced: `dict` (without Length/Filter) and, for a stream, its new bytes (deflated here). */
export function replaceObject(pdf: Buffer, num: number, dict: string, data?: Buffer): Buffer {
  const { entries, dict: trailer, at } = xrefEntries(pdf);
  const keep = (key: string) => new RegExp(`/${key} ([^\\n]*)`).exec(trailer)?.[1];
  const body = data ? Buffer.concat([Buffer.from(`${num} 0 obj\n<<${dict} /Filter /FlateDecode /Length ${deflateSync(data).length}>>\nstream\n`, 'latin1'), deflateSync(data), Buffer.from('\nendstream\nendobj\n', 'latin1')]) : Buffer.from(`${num} 0 obj\n${dict}\nendobj\n`, 'latin1');
  const start = pdf.length + 1;
  const size = Math.max(...entries.keys()) + 1;
  const xrefAt = start + body.length;
  const xref = `xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(start).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${keep('Root')} /Info ${keep('Info')} /ID ${keep('ID')} /Prev ${at} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from('\n', 'latin1'), body, Buffer.from(xref, 'latin1')]);
}

/** code (hex) → text, from a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const m of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const p of m[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(p[1]!.toLowerCase(), hex(p[2]!));
  for (const m of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const p of m[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(p[1]!, 16);
      const hi = parseInt(p[2]!, 16);
      const width = p[1]!.length;
      const targets = p[3]!.startsWith('[') ? [...p[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => hex(t[1]!)) : undefined;
      for (let c = lo; c <= hi; c++) {
        const code = c.toString(16).padStart(width, '0');
        if (targets) map.set(code, targets[c - lo]!);
        else {
          const base = parseInt(p[3]!.slice(1, -1), 16);
          map.set(code, String.fromCodePoint(base + c - lo));
        }
      }
    }
  }
  return map;
}

/**
 * One digit of one figure changed in a page's content stream (the first page from `fromPage`
 * on with a digit whose font also has another digit): returns the edited PDF, the page, and the
 * two digits.
 */
export function editOneDigit(pdf: Buffer, fromPage: number): { pdf: Buffer; page: number; from: string; to: string } {
  const objects = readObjects(pdf);
  const fontMaps = new Map<number, Map<string, string>>();
  for (const [num, o] of objects) {
    const m = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (m) fontMaps.set(num, toUnicode(latin(inflateSync(objects.get(Number(m[1]))!.stream!))));
  }
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pagesNum = Number(/\/Pages (\d+) 0 R/.exec(catalog.dict)![1]);
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(objects.get(pagesNum)!.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  for (let p = fromPage; p <= kids.length; p++) {
    const page = objects.get(kids[p - 1]!)!.dict;
    const contentsNum = Number(/\/Contents (\d+) 0 R/.exec(page)![1]);
    // the page's font resources: inline, or a referenced dictionary
    let res = /\/Resources (\d+) 0 R/.exec(page) ? objects.get(Number(/\/Resources (\d+) 0 R/.exec(page)![1]))!.dict : page;
    const fontRef = /\/Font (\d+) 0 R/.exec(res);
    if (fontRef) res = objects.get(Number(fontRef[1]))!.dict;
    const fonts = new Map([...res.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1]!, fontMaps.get(Number(m[2]))]));
    const contents = objects.get(contentsNum)!;
    const text = latin(inflateSync(contents.stream!));
    let font: Map<string, string> | undefined;
    const token = /\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]{4,})>/g;
    for (let m = token.exec(text); m; m = token.exec(text)) {
      if (m[1]) {
        font = fonts.get(m[1]);
        continue;
      }
      if (!font) continue;
      const codes = m[2]!.toLowerCase().match(/.{4}/g)!;
      for (let k = 0; k < codes.length; k++) {
        const from = font.get(codes[k]!);
        if (!from || !/^[0-9]$/.test(from)) continue;
        const other = [...font.entries()].find(([, ch]) => /^[0-9]$/.test(ch) && ch !== from);
        if (!other) continue;
        codes[k] = other[0];
        const edited = text.slice(0, m.index) + `<${codes.join('')}>` + text.slice(m.index + m[0].length);
        const dict = contents.dict.replace(/^\d+ 0 obj\s*<</, '').replace(/\/Length \d+|\/Filter \/FlateDecode/g, '').replace(/>>\s*$/, '');
        return { pdf: replaceObject(pdf, contentsNum, dict, Buffer.from(edited, 'latin1')), page: p, from, to: other[1] };
      }
    }
  }
  throw new Error('no digit found to edit');
}

/** The embedded file `name` with its bytes changed by `change` (its checksum and size left as they were: as a careless editor would). */
export function editEmbedded(pdf: Buffer, change: (bytes: Buffer) => Buffer): Buffer {
  const objects = readObjects(pdf);
  for (const [num, o] of objects) {
    if (!/\/Type \/EmbeddedFile/.test(o.dict) || !o.stream) continue;
    const data = change(inflateSync(o.stream));
    const dict = o.dict.replace(/^\d+ 0 obj\s*<</, '').replace(/\/Length \d+|\/Filter \/FlateDecode/g, '').replace(/>>\s*$/, '');
    return replaceObject(pdf, num, dict, data);
  }
  throw new Error('no embedded file');
}
