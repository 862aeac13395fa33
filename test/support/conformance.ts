import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/*
 * Our own PDF/UA-1 and PDF/A-3 checks (issue 23, item 5): no validator is packaged for this
 * machine, so each rule the disclosure must keep is a NAMED check over the PDF's objects. The
 * objects are read here byte by byte (gongkai writes most of them inside Flate object streams,
 * src/layout/engine/objstm.ts, where no text search finds them); the text of marked content —
 * which needs the fonts' ToUnicode maps — comes from pdf.js. A check reads the parsed model only,
 * so its unit test breaks a model (drops a key, adds a bad element) and sees it fail.
 */

// ── objects ────────────────────────────────────────────────────────────────────────────────────

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
  get text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    return b.toString('latin1');
  }
}
export class PdfRef {
  constructor(readonly num: number) {}
}
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue> = new Map()) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Buffer,
  ) {}
  get data(): Buffer {
    const f = this.dict.get('Filter');
    const flate = f instanceof PdfName ? f.name === 'FlateDecode' : Array.isArray(f) && f.some((x) => x instanceof PdfName && x.name === 'FlateDecode');
    return flate ? inflateSync(this.raw) : this.raw;
  }
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** A tokenizer-parser over one buffer (a file, an object stream's body, a content stream). */
class Parser {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}
  skip(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }
  word(): string {
    const b = this.buf;
    const start = this.pos;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    return b.toString('latin1', start, this.pos);
  }
  /** A value, or an operator word (content streams) as a bare string. */
  value(): PdfValue | string {
    this.skip();
    const b = this.buf;
    const c = b[this.pos];
    if (c === undefined) throw new Error('end of data');
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    if (c === 0x28) return this.literal();
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const d = new PdfDict();
      for (;;) {
        this.skip();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          break;
        }
        const k = this.value();
        if (!(k instanceof PdfName)) throw new Error(`dictionary key at ${this.pos}`);
        d.entries.set(k.name, this.value() as PdfValue);
      }
      return d;
    }
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.pos);
      const hex = b.toString('latin1', this.pos + 1, end).replace(/\s+/g, '');
      this.pos = end + 1;
      return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === 0x5b) {
      this.pos++;
      const a: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return a;
        }
        a.push(this.value() as PdfValue);
      }
    }
    if (c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return String.fromCharCode(c);
    }
    const w = this.word();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // `n g R`: a reference
      const save = this.pos;
      if (/^\d+$/.test(w)) {
        this.skip();
        const g = this.word();
        this.skip();
        if (/^\d+$/.test(g) && this.buf[this.pos] === 0x52 && (this.pos + 1 >= b.length || WS.has(b[this.pos + 1]!) || DELIM.has(b[this.pos + 1]!))) {
          this.pos++;
          return new PdfRef(Number(w));
        }
        this.pos = save;
      }
      return Number(w);
    }
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (w === '') throw new Error(`unexpected byte ${c} at ${this.pos}`);
    return w;
  }
  literal(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const n = b[this.pos++]!;
        const esc: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (esc[n] !== undefined) out.push(esc[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let o = n - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) o = o * 8 + (b[this.pos++]! - 0x30);
          out.push(o & 0xff);
        } else if (n === 0x0d || n === 0x0a) {
          if (n === 0x0d && b[this.pos] === 0x0a) this.pos++;
        } else out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return new PdfString(Buffer.from(out));
  }
}

/** A PDF's objects by number (object streams opened), and the text of its marked content. */
export interface PdfModel {
  objects: Map<number, PdfValue>;
  catalog: PdfDict;
  /** Pages in order: their object numbers and dictionaries. */
  pages: Array<{ num: number; dict: PdfDict }>;
  /** Text of each marked-content sequence, by `${pageObjectNumber}:${mcid}` (pdf.js). */
  mcText: Map<string, string>;
  /** The XMP packet, if any. */
  xmp: string;
}

export function readObjects(pdf: Buffer): Map<number, PdfValue> {
  const objects = new Map<number, PdfValue>();
  const re = /(\d+) (\d+) obj\b/g;
  const text = pdf.toString('latin1');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const p = new Parser(pdf, m.index + m[0].length);
    const v = p.value() as PdfValue;
    p.skip();
    if (pdf.toString('latin1', p.pos, p.pos + 6) === 'stream' && v instanceof PdfDict) {
      let s = p.pos + 6;
      if (pdf[s] === 0x0d) s++;
      if (pdf[s] === 0x0a) s++;
      const len = v.get('Length');
      const n = typeof len === 'number' ? len : pdf.indexOf('endstream', s, 'latin1') - s;
      objects.set(Number(m[1]), new PdfStream(v, pdf.subarray(s, s + n)));
      re.lastIndex = s + n;
    } else {
      objects.set(Number(m[1]), v);
      re.lastIndex = p.pos;
    }
  }
  for (const v of [...objects.values()]) {
    if (!(v instanceof PdfStream) || (v.dict.get('Type') as PdfName | undefined)?.name !== 'ObjStm') continue;
    const data = v.data;
    const n = v.dict.get('N') as number;
    const first = v.dict.get('First') as number;
    const head = new Parser(data);
    const index: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) index.push([head.value() as number, head.value() as number]);
    for (const [num, off] of index) objects.set(num, new Parser(data, first + off).value() as PdfValue);
  }
  return objects;
}

/** Reads a PDF for the checks. */
export async function readPdf(pdf: Uint8Array): Promise<PdfModel> {
  const buf = Buffer.from(pdf);
  const objects = readObjects(buf);
  const catalog = [...objects.values()].find((v): v is PdfDict => v instanceof PdfDict && name(v.get('Type')) === 'Catalog');
  if (!catalog) throw new Error('no catalog');
  const pages: PdfModel['pages'] = [];
  const walk = (ref: PdfValue | undefined) => {
    if (!(ref instanceof PdfRef)) return;
    const d = objects.get(ref.num);
    if (!(d instanceof PdfDict)) return;
    if (name(d.get('Type')) === 'Pages') for (const k of (d.get('Kids') as PdfValue[]) ?? []) walk(k);
    else pages.push({ num: ref.num, dict: d });
  };
  walk(catalog.get('Pages'));
  const mcText = new Map<string, string>();
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const open: string[] = [];
    for (const it of content.items as Array<{ type?: string; id?: string; str?: string }>) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') open.push(it.id ?? '');
      else if (it.type === 'endMarkedContent') open.pop();
      else if (typeof it.str === 'string') {
        const id = open[open.length - 1];
        const mm = id ? /^p(\d+)R_mc(\d+)$/.exec(id) : null;
        if (mm) mcText.set(`${mm[1]}:${mm[2]}`, (mcText.get(`${mm[1]}:${mm[2]}`) ?? '') + it.str);
      }
    }
  }
  await doc.destroy();
  const meta = catalog.get('Metadata');
  const xs = meta instanceof PdfRef ? objects.get(meta.num) : undefined;
  const xmp = xs instanceof PdfStream ? xs.data.toString('utf8') : '';
  return { objects, catalog, pages, mcText, xmp };
}

// ── helpers over the model ─────────────────────────────────────────────────────────────────────

export function name(v: PdfValue | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined;
}

export function deref(m: PdfModel, v: PdfValue | undefined): PdfValue | undefined {
  return v instanceof PdfRef ? m.objects.get(v.num) : v;
}

const dict = (m: PdfModel, v: PdfValue | undefined): PdfDict | undefined => {
  const d = deref(m, v);
  return d instanceof PdfDict ? d : d instanceof PdfStream ? d.dict : undefined;
};

const arr = (m: PdfModel, v: PdfValue | undefined): PdfValue[] => {
  const a = deref(m, v);
  return Array.isArray(a) ? a : a === undefined || a === null ? [] : [a];
};

/** A structure element as the checks see it. */
export interface Elem {
  num: number | undefined;
  dict: PdfDict;
  type: string;
  parent: Elem | undefined;
  children: Elem[];
  /** Marked content: page object number and MCID, in order. */
  mcs: Array<{ page: number; mcid: number }>;
  /** Annotation object numbers (OBJR). */
  objrs: number[];
}

export function structTree(m: PdfModel): Elem | undefined {
  const root = dict(m, m.catalog.get('StructTreeRoot'));
  if (!root) return undefined;
  const make = (v: PdfValue | undefined, parent: Elem | undefined, pg: number | undefined): Elem | undefined => {
    const d = dict(m, v);
    if (!d) return undefined;
    const e: Elem = { num: v instanceof PdfRef ? v.num : undefined, dict: d, type: name(d.get('S')) ?? 'StructTreeRoot', parent, children: [], mcs: [], objrs: [] };
    const page = d.get('Pg') instanceof PdfRef ? (d.get('Pg') as PdfRef).num : pg;
    for (const k of arr(m, d.get('K'))) {
      if (typeof k === 'number') {
        if (page !== undefined) e.mcs.push({ page, mcid: k });
        continue;
      }
      const kd = dict(m, k);
      if (!kd) continue;
      const t = name(kd.get('Type'));
      if (t === 'MCR') {
        const p = kd.get('Pg') instanceof PdfRef ? (kd.get('Pg') as PdfRef).num : page;
        if (p !== undefined) e.mcs.push({ page: p, mcid: kd.get('MCID') as number });
      } else if (t === 'OBJR') {
        const o = kd.get('Obj');
        if (o instanceof PdfRef) e.objrs.push(o.num);
      } else {
        const c = make(k, e, page);
        if (c) e.children.push(c);
      }
    }
    return e;
  };
  return make(m.catalog.get('StructTreeRoot'), undefined, undefined);
}

export function* elements(e: Elem | undefined): Generator<Elem> {
  if (!e) return;
  yield e;
  for (const c of e.children) yield* elements(c);
}

/** The text of an element and everything inside it, in order. */
export function textOf(m: PdfModel, e: Elem): string {
  let s = e.mcs.map((r) => m.mcText.get(`${r.page}:${r.mcid}`) ?? '').join('');
  for (const c of e.children) s += textOf(m, c);
  return s;
}

const short = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

// ── the checks ─────────────────────────────────────────────────────────────────────────────────

export interface Check {
  /** The rule, in a word: `ua.tables.spans`. */
  name: string;
  /** What it asks of the PDF. */
  rule: string;
  /** The problems found: none when the PDF keeps the rule. */
  run(m: PdfModel): string[];
}

const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

/** 一、 / （一） / 1. / 第一部分: the kind of a heading, by how it is numbered. */
export function headingKind(text: string): string {
  const t = text.trim();
  if (/^第[一二三四五六七八九十百]+部分/.test(t)) return '第N部分';
  if (/^[一二三四五六七八九十百]+、/.test(t)) return '一、';
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(t)) return '（一）';
  if (/^\d+[.．、]/.test(t)) return '1.';
  if (/^[（(]\d+[）)]/.test(t)) return '（1）';
  return 'other';
}

const headingLevel = (type: string): number | undefined => (/^H[1-6]$/.test(type) ? Number(type.slice(1)) : undefined);

/** Rows of a table element (TR directly or inside THead/TBody/TFoot). */
function rowsOf(t: Elem): Elem[] {
  return t.children.flatMap((c) => (c.type === 'TR' ? [c] : ['THead', 'TBody', 'TFoot'].includes(c.type) ? c.children.filter((r) => r.type === 'TR') : []));
}

function tableAttr(m: PdfModel, e: Elem, key: string): PdfValue | undefined {
  for (const a of arr(m, e.dict.get('A'))) {
    const d = dict(m, a);
    if (d && name(d.get('O')) === 'Table' && d.get(key) !== undefined) return d.get(key);
  }
  return undefined;
}

/** The grid a table's spans make: each row's width, counting cells spanning down from rows above. */
export function tableGrid(m: PdfModel, t: Elem): number[] {
  const rows = rowsOf(t);
  const carry: number[] = []; // columns still covered by a rowSpan, per later row offset
  const widths: number[] = [];
  rows.forEach((r, i) => {
    let w = carry[i] ?? 0;
    for (const c of r.children) {
      if (c.type !== 'TH' && c.type !== 'TD') continue;
      const cs = Number(tableAttr(m, c, 'ColSpan') ?? 1);
      const rs = Number(tableAttr(m, c, 'RowSpan') ?? 1);
      w += cs;
      for (let k = 1; k < rs; k++) carry[i + k] = (carry[i + k] ?? 0) + cs;
    }
    widths.push(w);
  });
  return widths;
}

const str = (v: PdfValue | undefined): string | undefined => (v instanceof PdfString ? v.text : undefined);

export const CHECKS: Check[] = [
  {
    name: 'ua.catalog.lang',
    rule: '文档声明语言（/Lang）',
    run: (m) => ((str(m.catalog.get('Lang')) ?? '').trim() ? [] : ['目录字典没有 /Lang']),
  },
  {
    name: 'ua.catalog.marked',
    rule: '标记为带标签 PDF（/MarkInfo /Marked true）',
    run: (m) => (dict(m, m.catalog.get('MarkInfo'))?.get('Marked') === true ? [] : ['没有 /MarkInfo << /Marked true >>']),
  },
  {
    name: 'ua.catalog.displayTitle',
    rule: '窗口显示文档标题（/ViewerPreferences /DisplayDocTitle true），且有标题（dc:title）',
    run: (m) => {
      const out: string[] = [];
      if (dict(m, m.catalog.get('ViewerPreferences'))?.get('DisplayDocTitle') !== true) out.push('没有 /DisplayDocTitle true');
      if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<\s][\s\S]*?<\/rdf:li>/.test(m.xmp)) out.push('XMP 没有 dc:title');
      return out;
    },
  },
  {
    name: 'ua.structure.roleMap',
    rule: '每个结构类型是标准类型，或经 /RoleMap 映射到标准类型',
    run: (m) => {
      const root = structTree(m);
      if (!root) return ['没有结构树'];
      const roles = dict(m, root.dict.get('RoleMap'));
      const out = new Set<string>();
      for (const e of elements(root)) {
        if (e === root) continue;
        let t = e.type;
        for (let i = 0; i < 5 && !STANDARD.has(t); i++) t = name(roles?.get(t)) ?? t;
        if (!STANDARD.has(t)) out.add(`结构类型 ${e.type} 不是标准类型，也没有映射`);
      }
      return [...out];
    },
  },
  {
    name: 'ua.structure.parentTree',
    rule: '/ParentTree 完整：每页每个 MCID、每个带 /StructParent 的注释都找得到它的结构元素',
    run: (m) => {
      const root = structTree(m);
      if (!root) return ['没有结构树'];
      const nums = new Map<number, PdfValue>();
      const walk = (v: PdfValue | undefined) => {
        const d = dict(m, v);
        if (!d) return;
        const a = arr(m, d.get('Nums'));
        for (let i = 0; i + 1 < a.length; i += 2) nums.set(a[i] as number, a[i + 1]!);
        for (const k of arr(m, d.get('Kids'))) walk(k);
      };
      walk(root.dict.get('ParentTree'));
      const byMc = new Map<string, number | undefined>();
      const byAnnot = new Map<number, number | undefined>();
      for (const e of elements(root)) {
        for (const r of e.mcs) byMc.set(`${r.page}:${r.mcid}`, e.num);
        for (const o of e.objrs) byAnnot.set(o, e.num);
      }
      const out: string[] = [];
      m.pages.forEach(({ num, dict: page }, i) => {
        const mcids = [...byMc.keys()].filter((k) => k.startsWith(`${num}:`)).map((k) => Number(k.split(':')[1]));
        if (!mcids.length) return;
        const sp = page.get('StructParents');
        const list = typeof sp === 'number' ? arr(m, nums.get(sp)) : [];
        if (typeof sp !== 'number') return void out.push(`第${i + 1}页没有 /StructParents`);
        for (const id of mcids) {
          const got = list[id];
          if (!(got instanceof PdfRef) || got.num !== byMc.get(`${num}:${id}`)) out.push(`第${i + 1}页 MCID ${id} 在 /ParentTree 里没有对应的结构元素`);
        }
      });
      m.pages.forEach(({ dict: page }, i) => {
        for (const a of arr(m, page.get('Annots'))) {
          const ad = dict(m, a);
          if (!ad || !(a instanceof PdfRef)) continue;
          const sp = ad.get('StructParent');
          const got = typeof sp === 'number' ? nums.get(sp) : undefined;
          if (!(got instanceof PdfRef) || got.num !== byAnnot.get(a.num)) out.push(`第${i + 1}页注释 ${a.num} 的 /StructParent 不指向含它的结构元素`);
        }
      });
      return out;
    },
  },
  {
    name: 'ua.content.tagged',
    rule: '页面上的每段内容都是结构内容或 Artifact（没有未标记的文字和图形），每个 MCID 都在结构树里',
    run: (m) => {
      const out: string[] = [];
      const inTree = new Set<string>();
      for (const e of elements(structTree(m))) for (const r of e.mcs) inTree.add(`${r.page}:${r.mcid}`);
      const PAINT = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'BI']);
      m.pages.forEach(({ num, dict: page }, i) => {
        let depth = 0;
        let bad = 0;
        let orphans = 0;
        let last: PdfValue | undefined;
        for (const c of arr(m, page.get('Contents'))) {
          const s = deref(m, c);
          if (!(s instanceof PdfStream)) continue;
          const p = new Parser(s.data);
          for (;;) {
            p.skip();
            if (p.pos >= p.buf.length) break;
            let v: PdfValue | string;
            try {
              v = p.value();
            } catch {
              p.pos++;
              continue;
            }
            if (typeof v !== 'string') {
              last = v;
              continue;
            }
            if (v === 'BDC') {
              const mcid = last instanceof PdfDict ? last.get('MCID') : undefined;
              if (typeof mcid === 'number' && !inTree.has(`${num}:${mcid}`)) orphans++;
            }
            if (v === 'BDC' || v === 'BMC') depth++;
            else if (v === 'EMC') depth--;
            else if (v === 'ID') {
              const ei = p.buf.indexOf('EI', p.pos, 'latin1');
              p.pos = ei < 0 ? p.buf.length : ei + 2;
            } else if (PAINT.has(v) && depth <= 0) bad++;
          }
        }
        if (bad) out.push(`第${i + 1}页有 ${bad} 处内容不在标记内容里`);
        if (orphans) out.push(`第${i + 1}页有 ${orphans} 段标记内容（MCID）不属于任何结构元素`);
      });
      return out;
    },
  },
  {
    name: 'ua.fonts.embedded',
    rule: '所有字体都嵌入',
    run: (m) => {
      const out: string[] = [];
      for (const [num, v] of m.objects) {
        const d = v instanceof PdfDict ? v : undefined;
        if (!d || name(d.get('Type')) !== 'FontDescriptor') continue;
        if (!['FontFile', 'FontFile2', 'FontFile3'].some((k) => d.get(k) !== undefined)) out.push(`字体 ${name(d.get('FontName')) ?? num} 没有嵌入`);
      }
      for (const v of m.objects.values()) if (v instanceof PdfDict && name(v.get('Type')) === 'Font' && ['Type1', 'TrueType', 'CIDFontType0', 'CIDFontType2'].includes(name(v.get('Subtype')) ?? '') && !v.get('FontDescriptor')) out.push(`字体 ${name(v.get('BaseFont'))} 没有字体描述（标准 14 字体未嵌入）`);
      return out;
    },
  },
  {
    name: 'ua.fonts.toUnicode',
    rule: '每个字体有 /ToUnicode：每个字形都读得出它的字',
    run: (m) => {
      const out: string[] = [];
      for (const v of m.objects.values()) if (v instanceof PdfDict && name(v.get('Type')) === 'Font' && name(v.get('Subtype')) !== 'CIDFontType0' && name(v.get('Subtype')) !== 'CIDFontType2' && !v.get('ToUnicode')) out.push(`字体 ${name(v.get('BaseFont'))} 没有 /ToUnicode`);
      return out;
    },
  },
  {
    name: 'ua.tables.spans',
    rule: '表格的跨行跨列单元格有 /RowSpan /ColSpan：每行占的列数相同',
    run: (m) => {
      const out: string[] = [];
      for (const t of elements(structTree(m))) {
        if (t.type !== 'Table') continue;
        const w = tableGrid(m, t);
        const max = Math.max(...w);
        const bad = w.findIndex((x) => x !== max);
        if (bad >= 0) out.push(`表格“${short(textOf(m, t))}”第${bad + 1}行占 ${w[bad]} 列，别的行占 ${max} 列`);
      }
      return out;
    },
  },
  {
    name: 'ua.tables.headers',
    rule: '每个 TH 有 /Scope；表头多于一行时每个 TH 有 /ID，每个 TD 的 /Headers 列出它的表头',
    run: (m) => {
      const out: string[] = [];
      for (const t of elements(structTree(m))) {
        if (t.type !== 'Table') continue;
        const rows = rowsOf(t);
        const cells = rows.flatMap((r) => r.children);
        for (const c of cells) if (c.type === 'TH' && !name(tableAttr(m, c, 'Scope'))) out.push(`表格“${short(textOf(m, t))}”的表头“${short(textOf(m, c))}”没有 /Scope`);
        // the column header: the leading rows of column headers (a sheet's label cells are row headers)
        let headerRows = 0;
        while (headerRows < rows.length && rows[headerRows]!.children.length > 0 && rows[headerRows]!.children.every((c) => c.type === 'TH' && name(tableAttr(m, c, 'Scope')) === 'Column')) headerRows++;
        if (headerRows < 2) continue;
        const ids = new Set<string>();
        for (const c of cells) {
          if (c.type !== 'TH') continue;
          const id = str(c.dict.get('ID'));
          if (!id) out.push(`表格“${short(textOf(m, t))}”的表头“${short(textOf(m, c))}”没有 /ID`);
          else ids.add(id);
        }
        for (const c of cells) {
          if (c.type !== 'TD') continue;
          const hs = arr(m, tableAttr(m, c, 'Headers')).map((h) => str(h));
          if (!hs.length || hs.some((h) => h === undefined || !ids.has(h))) {
            out.push(`表格“${short(textOf(m, t))}”的单元格“${short(textOf(m, c))}”没有指向表头的 /Headers`);
            break;
          }
        }
      }
      return out;
    },
  },
  {
    name: 'ua.tables.repeatedHeaders',
    rule: '续页重复的表头是 Artifact（Pagination），不是第二次的 TH：一个 TH 只在一页上',
    run: (m) => {
      const out: string[] = [];
      for (const e of elements(structTree(m))) {
        if (e.type !== 'TH') continue;
        const pages = new Set(e.mcs.map((r) => r.page));
        if (pages.size > 1) out.push(`表头“${short(textOf(m, e))}”出现在 ${pages.size} 页`);
      }
      return out;
    },
  },
  {
    name: 'ua.links.structure',
    rule: '每个链接注释是 Link 结构元素的 OBJR，有 /StructParent 和 /Contents；有注释的页 /Tabs /S',
    run: (m) => {
      const out: string[] = [];
      const linkOf = new Map<number, Elem>();
      for (const e of elements(structTree(m))) for (const o of e.objrs) linkOf.set(o, e);
      m.pages.forEach(({ dict: page }, i) => {
        const annots = arr(m, page.get('Annots'));
        if (annots.length && name(page.get('Tabs')) !== 'S') out.push(`第${i + 1}页有注释但没有 /Tabs /S`);
        let bad = 0;
        for (const a of annots) {
          const ad = dict(m, a);
          if (!ad || name(ad.get('Subtype')) !== 'Link') continue;
          const e = a instanceof PdfRef ? linkOf.get(a.num) : undefined;
          if (!e || e.type !== 'Link' || typeof ad.get('StructParent') !== 'number' || !(str(ad.get('Contents')) ?? '').trim()) bad++;
        }
        if (bad) out.push(`第${i + 1}页有 ${bad} 个链接不在 Link 结构元素里，或没有 /StructParent、/Contents`);
      });
      return out;
    },
  },
  {
    name: 'ua.headings.noSkip',
    rule: '标题级别不跳级（H2 之后最多 H3），文档从 H1 开始',
    run: (m) => {
      const out: string[] = [];
      let prev = 0;
      for (const e of elements(structTree(m))) {
        const l = headingLevel(e.type);
        if (l === undefined) continue;
        if (l > prev + 1) out.push(`${e.type}“${short(textOf(m, e))}”跟在 ${prev ? `H${prev}` : '文档开头'} 之后`);
        prev = l;
      }
      return out;
    },
  },
  {
    name: 'ua.headings.sameKind',
    rule: '同一种编号的标题（一、/（一）/1.）到处是同一级',
    run: (m) => {
      const levels = new Map<string, Map<number, string>>();
      for (const e of elements(structTree(m))) {
        const l = headingLevel(e.type);
        if (l === undefined) continue;
        const text = textOf(m, e);
        const kind = headingKind(text);
        if (kind === 'other') continue;
        const seen = levels.get(kind) ?? new Map<number, string>();
        if (!seen.has(l)) seen.set(l, text);
        levels.set(kind, seen);
      }
      return [...levels].filter(([, s]) => s.size > 1).map(([k, s]) => `“${k}”式标题有 ${[...s].map(([l, t]) => `H${l}（“${short(t, 12)}”）`).join('、')}`);
    },
  },
  {
    name: 'ua.figures.alt',
    rule: '每个 Figure 有 /Alt 文字，图形是它的内容',
    run: (m) => {
      const out: string[] = [];
      for (const e of elements(structTree(m))) {
        if (e.type !== 'Figure') continue;
        if (!(str(e.dict.get('Alt')) ?? '').trim()) out.push('一个 Figure 没有 /Alt');
        if (!e.mcs.length && !e.children.length) out.push('一个 Figure 没有内容（图形不在它的标记内容里）');
      }
      return out;
    },
  },
  {
    name: 'ua.toc.noLeaders',
    rule: '目录条目（TOCI）的文字里没有引导点（引导点是 Artifact）',
    run: (m) => {
      const out: string[] = [];
      for (const e of elements(structTree(m))) if (e.type === 'TOCI' && /[.·…]{3,}/.test(textOf(m, e))) out.push(`目录条目“${short(textOf(m, e).replace(/[.·…]{3,}/, '…'))}”含引导点`);
      return out;
    },
  },
  {
    name: 'ua.outline.count',
    rule: '有下级的书签有 /Count',
    run: (m) => {
      const out: string[] = [];
      const walk = (v: PdfValue | undefined, depth: number) => {
        for (let item = dict(m, v), guard = 0; item && guard < 10000; item = dict(m, item.get('Next')), guard++) {
          if (depth > 0 && item.get('First') !== undefined && typeof item.get('Count') !== 'number') out.push(`书签“${short(str(item.get('Title')) ?? '')}”有下级但没有 /Count`);
          walk(item.get('First'), depth + 1);
        }
      };
      const root = dict(m, m.catalog.get('Outlines'));
      if (root) walk(root.get('First'), 1);
      return out;
    },
  },
  {
    name: 'ua.xmp.claim',
    rule: 'XMP 声明 pdfuaid:part=1（只在其余 ua.* 检查都通过时声明）',
    run: (m) => {
      const claims = /pdfuaid:part(?:>|=")\s*1\b/.test(m.xmp);
      const failing = CHECKS.filter((c) => c.name.startsWith('ua.') && c.name !== 'ua.xmp.claim' && c.run(m).length > 0).map((c) => c.name);
      if (!claims) return ['XMP 没有 pdfuaid:part=1'];
      return failing.length ? [`XMP 声明 PDF/UA-1，但 ${failing.join('、')} 未通过`] : [];
    },
  },
  {
    name: 'pdfa.xmp.part',
    rule: 'XMP 声明 pdfaid:part=3（PDF/A-3）',
    run: (m) => (/pdfaid:part(?:>|=")\s*3\b/.test(m.xmp) && /pdfaid:conformance(?:>|=")\s*[ABU]\b/.test(m.xmp) ? [] : ['XMP 没有 pdfaid:part=3 和 pdfaid:conformance']),
  },
  {
    name: 'pdfa.xmp.modifyDate',
    rule: 'XMP 有 xmp:ModifyDate',
    run: (m) => (/xmp:ModifyDate(?:>|=")\s*\d{4}-/.test(m.xmp) ? [] : ['XMP 没有 xmp:ModifyDate']),
  },
  {
    name: 'pdfa.outputIntent',
    rule: '有 sRGB 的 OutputIntent（/S /GTS_PDFA1，嵌入 ICC）',
    run: (m) => {
      const ok = arr(m, m.catalog.get('OutputIntents')).some((o) => {
        const d = dict(m, o);
        const icc = deref(m, d?.get('DestOutputProfile'));
        return !!d && name(d.get('S')) === 'GTS_PDFA1' && icc instanceof PdfStream && /sRGB/i.test(`${str(d.get('OutputConditionIdentifier')) ?? ''}${str(d.get('Info')) ?? ''}${icc.data.toString('latin1')}`);
      });
      return ok ? [] : ['没有 sRGB 的 OutputIntent'];
    },
  },
  {
    name: 'pdfa.embeddedSource',
    rule: '部门数据作为关联文件嵌入（/AF，/AFRelationship /Source）',
    run: (m) => {
      const af = arr(m, m.catalog.get('AF')).map((f) => dict(m, f));
      const src = af.filter((f) => f && name(f.get('Type')) === 'Filespec' && name(f.get('AFRelationship')) === 'Source' && dict(m, f.get('EF'))?.get('F') !== undefined);
      return src.length ? [] : ['没有 /AFRelationship /Source 的嵌入文件'];
    },
  },
];

/** Every check over one PDF: the failing ones with their problems. */
export function conformance(m: PdfModel): Array<{ name: string; problems: string[] }> {
  return CHECKS
    .map((c) => ({ name: c.name, problems: c.run(m) }))
    .filter((r) => r.problems.length > 0);
}
