/*
 * Where a PDF's bytes go (issue 24: the reference ≤ 400 KB): every object of a file as gongkai
 * writes it (top-level objects, object streams, a cross-reference stream), put in a kind — font
 * programs, content streams, the structure tree, the XMP, the files inside, … An object inside
 * an object stream is charged its share of the stream's compressed bytes, by its uncompressed
 * length; a top-level object its bytes from `N 0 obj` to `endobj`.
 *
 *   npx tsx bench/pdf-bytes.ts file.pdf [more.pdf …]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import type { Figure } from './run.js';

export interface Share {
  kind: string;
  objects: number;
  /** Bytes in the file (an object stream's share by uncompressed length). */
  bytes: number;
  /** Uncompressed bytes (a stream's data inflated, a small object's body). */
  raw: number;
}

interface Top {
  num: number;
  dict: string;
  /** The stream's data as stored, undefined for a plain object. */
  data?: Buffer;
  size: number;
}

function topObjects(pdf: Buffer): Top[] {
  const out: Top[] = [];
  const text = pdf.toString('latin1');
  const re = /(?:^|\n)(\d+) 0 obj\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const ei = text.indexOf('endobj', start);
    const si = text.slice(start, ei).indexOf('stream\n');
    if (si < 0) {
      out.push({ num: Number(m[1]), dict: text.slice(start, ei), size: ei + 6 - m.index });
      re.lastIndex = ei;
      continue;
    }
    const dict = text.slice(start, start + si);
    const len = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const from = start + si + 'stream\n'.length;
    const end = text.indexOf('endobj', from + len);
    out.push({ num: Number(m[1]), dict, data: pdf.subarray(from, from + len), size: end + 6 - m.index });
    re.lastIndex = end;
  }
  return out;
}

const refs = (s: string, key: string) => [...s.matchAll(new RegExp(`/${key}\\s+(\\d+) 0 R`, 'g'))].map((m) => Number(m[1]));

/** The kind of every object, by what it says of itself and what points at it. */
export function pdfBytes(pdf: Buffer): Share[] {
  const tops = topObjects(pdf);
  const small: Array<{ num: number; body: string; bytes: number }> = [];
  for (const t of tops) {
    if (!/\/Type \/ObjStm/.test(t.dict)) continue;
    const raw = inflateSync(t.data!);
    const first = Number(/\/First (\d+)/.exec(t.dict)![1]);
    const n = Number(/\/N (\d+)/.exec(t.dict)![1]);
    const head = raw.subarray(0, first).toString('latin1').trim().split(/\s+/).map(Number);
    const bodyBytes = raw.length - first;
    for (let i = 0; i < n; i++) {
      const at = first + head[2 * i + 1]!;
      const to = i + 1 < n ? first + head[2 * i + 3]! : raw.length;
      const body = raw.subarray(at, to).toString('latin1');
      small.push({ num: head[2 * i]!, body, bytes: (t.size * (to - at)) / bodyBytes });
    }
  }
  const all = [...tops.filter((t) => !/\/Type \/ObjStm/.test(t.dict)).map((t) => ({ num: t.num, body: t.dict, bytes: t.size, data: t.data })), ...small.map((s) => ({ ...s, data: undefined as Buffer | undefined }))];
  const text = all.map((o) => o.body).join('\n');
  const fontFiles = new Set(['FontFile', 'FontFile2', 'FontFile3'].flatMap((k) => refs(text, k)));
  const toUnicode = new Set(refs(text, 'ToUnicode'));
  const contents = new Set(refs(text, 'Contents'));
  const metadata = new Set(refs(text, 'Metadata'));
  const kindOf = (o: { num: number; body: string; data?: Buffer }): string => {
    const b = o.body;
    if (/\/Type \/XRef/.test(b)) return 'cross-reference stream';
    if (/\/Type \/EmbeddedFile/.test(b)) return 'files inside (EmbeddedFile)';
    if (fontFiles.has(o.num)) return 'font programs (FontFile2)';
    if (toUnicode.has(o.num)) return 'ToUnicode CMaps';
    if (metadata.has(o.num) || /\/Type \/Metadata/.test(b)) return 'XMP metadata';
    if (contents.has(o.num)) return 'page content streams';
    if (o.data && /\/N 3\b/.test(b)) return 'ICC profile (OutputIntent)';
    if (o.data && /\/CIDSet|\/W \[/.test(b)) return 'other streams';
    if (o.data) return 'other streams';
    if (/\/Type \/StructElem/.test(b) || (/^\s*<<\s*\/S \/\w+/.test(b) && /\/P \d+ 0 R/.test(b))) return 'structure elements';
    if (/\/Type \/MCR|\/Type \/OBJR/.test(b)) return 'structure elements';
    if (/\/Type \/StructTreeRoot|\/Type \/ParentTree|\/Nums \[/.test(b)) return 'structure tree (root, ParentTree)';
    if (/\/Type \/Annot|\/S \/GoTo|^\s*<<\s*\/Dest /.test(b)) return 'annotations, actions, outline';
    if (/\/Type \/Page\b/.test(b)) return 'page objects';
    if (/\/Type \/Font|\/Type \/FontDescriptor|\/CIDSystemInfo|\/W \[/.test(b)) return 'font dictionaries (Font, Descriptor, widths)';
    if (/^\s*\[[\s\d.]+\]\s*$/.test(b)) return 'arrays (widths, …)';
    return 'other objects';
  };
  const shares = new Map<string, Share>();
  for (const o of all) {
    const kind = kindOf(o);
    const s = shares.get(kind) ?? { kind, objects: 0, bytes: 0, raw: 0 };
    s.objects++;
    s.bytes += o.bytes;
    if (o.data) {
      try {
        s.raw += /FlateDecode/.test(o.body) ? inflateSync(o.data).length : o.data.length;
      } catch {
        s.raw += o.data.length;
      }
    } else s.raw += o.body.length;
    shares.set(kind, s);
  }
  const counted = [...shares.values()].reduce((a, s) => a + s.bytes, 0);
  shares.set('header, startxref', { kind: 'header, startxref', objects: 0, bytes: pdf.length - counted, raw: 0 });
  return [...shares.values()].sort((a, b) => b.bytes - a.bytes);
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export function bytesTable(name: string, pdf: Buffer): string {
  const rows = pdfBytes(pdf);
  return [
    `${name}: ${pdf.length.toLocaleString('en')} bytes (${kb(pdf.length)})`,
    ...rows.map((r) => `  ${r.kind.padEnd(44)} ${String(r.objects).padStart(5)} obj  ${kb(r.bytes).padStart(9)}  (${((r.bytes / pdf.length) * 100).toFixed(1).padStart(4)}%)  raw ${kb(r.raw)}`),
  ].join('\n');
}

/** For `npm run bench`: the breakdown of the reference as the CLI wrote it. */
export function pdfBytesFigures(pdf: Buffer): Figure[] {
  return [['total', `${pdf.length.toLocaleString('en')} bytes (${kb(pdf.length)})`], ...pdfBytes(pdf).map((r): Figure => [r.kind, `${kb(r.bytes)} in ${r.objects} objects (raw ${kb(r.raw)})`])];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of process.argv.slice(2)) console.log(bytesTable(path.basename(f), await readFile(f)));
}
