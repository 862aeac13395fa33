import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { checkDataFile, environment, renderToPdf } from '../../src/pipeline/index.js';
import {
  CHECKS,
  elements,
  name,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  readObjects,
  readPdf,
  structTree,
  textOf,
  type Elem,
  type PdfModel,
  type PdfValue,
} from '../support/conformance.js';

/*
 * Every conformance check fails on a PDF that breaks its rule (a check that cannot fail checks
 * nothing). The good PDF is the reference department as gongkai prints it — with, for the
 * PDF/A checks whose part is not merged yet, the objects they look for added by hand; each bad
 * one is that model with one thing broken.
 */

let printed: PdfModel;
let good: PdfModel;

const str = (s: string) => new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]));

/** A copy of a model whose objects (and catalog) can be replaced without touching the original. */
function copy(m: PdfModel): PdfModel {
  return { ...m, objects: new Map(m.objects), mcText: new Map(m.mcText), pages: m.pages.map((p) => ({ ...p })) };
}

/** A dictionary with one key set (or removed: undefined). */
function withKey(d: PdfDict, key: string, value: PdfValue | undefined): PdfDict {
  const e = new Map(d.entries);
  if (value === undefined) e.delete(key);
  else e.set(key, value);
  return new PdfDict(e);
}

function setCatalog(m: PdfModel, key: string, value: PdfValue | undefined): PdfModel {
  const c = copy(m);
  c.catalog = withKey(m.catalog, key, value);
  return c;
}

/** Replaces an indirect dictionary (a structure element, an annotation, a page). */
function setObject(m: PdfModel, num: number, f: (d: PdfDict) => PdfDict): PdfModel {
  const c = copy(m);
  const d = c.objects.get(num);
  if (!(d instanceof PdfDict)) throw new Error(`object ${num} is not a dictionary`);
  c.objects.set(num, f(d));
  c.pages = c.pages.map((p) => (p.num === num ? { num, dict: c.objects.get(num) as PdfDict } : p));
  return c;
}

function find(m: PdfModel, pred: (e: Elem) => boolean): Elem {
  for (const e of elements(structTree(m))) if (pred(e)) return e;
  throw new Error('no such element');
}

const attr = (m: PdfModel, e: Elem, key: string) => {
  const a = e.dict.get('A');
  const d = a instanceof PdfRef ? m.objects.get(a.num) : a;
  return d instanceof PdfDict ? d.get(key) : undefined;
};

/** The objects x-pdfa's part adds, by hand: the claims, an OutputIntent, the data file. */
function withPdfa(m: PdfModel): PdfModel {
  const c = copy(m);
  c.xmp = m.xmp.replace('</rdf:RDF>', '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part><xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate></rdf:Description></rdf:RDF>');
  const icc = 900001;
  c.objects.set(icc, new PdfStream(new PdfDict(new Map<string, PdfValue>([['N', 3]])), Buffer.from('....sRGB IEC61966-2.1....', 'latin1')));
  const intent = new PdfDict(new Map<string, PdfValue>([['Type', new PdfName('OutputIntent')], ['S', new PdfName('GTS_PDFA1')], ['OutputConditionIdentifier', str('sRGB IEC61966-2.1')], ['DestOutputProfile', new PdfRef(icc)]]));
  const file = new PdfDict(new Map<string, PdfValue>([['Type', new PdfName('Filespec')], ['F', str('data.json')], ['AFRelationship', new PdfName('Source')], ['EF', new PdfDict(new Map<string, PdfValue>([['F', new PdfRef(icc)]]))]]));
  c.catalog = withKey(withKey(m.catalog, 'OutputIntents', [intent]), 'AF', [file]);
  return c;
}

beforeAll(async () => {
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  const { env } = await environment(checked.data!.templateSet);
  const r = await renderToPdf(checked.data!, checked.derived!, env!, DEFAULT_DATA_FILE);
  printed = await readPdf(r.pdf);
  good = withPdfa(printed);
});

/** One way to break each check's rule. */
const BREAK: Record<string, (m: PdfModel) => PdfModel> = {
  'ua.catalog.lang': (m) => setCatalog(m, 'Lang', undefined),
  'ua.catalog.marked': (m) => setCatalog(m, 'MarkInfo', new PdfDict(new Map([['Marked', false]]))),
  'ua.catalog.displayTitle': (m) => ({ ...setCatalog(m, 'ViewerPreferences', undefined), xmp: m.xmp.replace(/<dc:title>[\s\S]*?<\/dc:title>/, '') }),
  'ua.structure.roleMap': (m) => {
    const p = find(m, (e) => e.type === 'P');
    return setObject(m, p.num!, (d) => withKey(d, 'S', new PdfName('Absatz')));
  },
  'ua.structure.parentTree': (m) => {
    // the first page with content loses its /StructParents
    const page = m.pages.find((p) => typeof p.dict.get('StructParents') === 'number')!;
    return setObject(m, page.num, (d) => withKey(d, 'StructParents', undefined));
  },
  'ua.content.tagged': (m) => {
    const c = copy(m);
    const stream = new PdfStream(new PdfDict(), Buffer.from('/P <</MCID 0>> BDC BT (a) Tj ET EMC BT (untagged) Tj ET', 'latin1'));
    c.objects.set(900002, stream);
    return setObject(c, c.pages[0]!.num, (d) => withKey(d, 'Contents', new PdfRef(900002)));
  },
  'ua.fonts.embedded': (m) => {
    const [num] = [...m.objects].find(([, v]) => v instanceof PdfDict && name(v.get('Type')) === 'FontDescriptor')!;
    return setObject(m, num, (d) => withKey(withKey(withKey(d, 'FontFile2', undefined), 'FontFile', undefined), 'FontFile3', undefined));
  },
  'ua.fonts.toUnicode': (m) => {
    const [num] = [...m.objects].find(([, v]) => v instanceof PdfDict && name(v.get('Type')) === 'Font' && v.get('ToUnicode') !== undefined)!;
    return setObject(m, num, (d) => withKey(d, 'ToUnicode', undefined));
  },
  'ua.tables.spans': (m) => {
    const cell = find(m, (e) => (e.type === 'TH' || e.type === 'TD') && attr(m, e, 'ColSpan') !== undefined);
    return setObject(m, cell.num!, (d) => withKey(d, 'A', new PdfDict(new Map<string, PdfValue>([['O', new PdfName('Table')], ['Scope', new PdfName('Column')]]))));
  },
  'ua.tables.headers': (m) => {
    // a data cell under a two-row header that no longer names its headers
    const td = find(m, (e) => e.type === 'TD' && attr(m, e, 'Headers') !== undefined);
    return setObject(m, td.num!, (d) => withKey(d, 'A', undefined));
  },
  'ua.tables.repeatedHeaders': (m) => {
    // a header row drawn again on the next page as the same TH
    const th = find(m, (e) => e.type === 'TH' && e.mcs.length > 0);
    const other = m.pages.find((p) => p.num !== th.mcs[0]!.page)!;
    const k = th.dict.get('K');
    const mcr = new PdfDict(new Map<string, PdfValue>([['Type', new PdfName('MCR')], ['Pg', new PdfRef(other.num)], ['MCID', 0]]));
    return setObject(m, th.num!, (d) => withKey(d, 'K', [...(Array.isArray(k) ? k : [k as PdfValue]), mcr]));
  },
  'ua.links.structure': (m) => {
    const link = find(m, (e) => e.type === 'Link' && e.objrs.length > 0);
    return setObject(m, link.objrs[0]!, (d) => withKey(d, 'Contents', undefined));
  },
  'ua.headings.noSkip': (m) => {
    const h2 = find(m, (e) => e.type === 'H2');
    return setObject(m, h2.num!, (d) => withKey(d, 'S', new PdfName('H4')));
  },
  'ua.headings.sameKind': (m) => {
    // one 一、 heading a level deeper than the others (H3 right after an H2: no skip)
    const hs = [...elements(structTree(m))].filter((e) => e.type === 'H2' && /^[一二三四五六七八九十]+、/.test(textOf(m, e)));
    return setObject(m, hs[1]!.num!, (d) => withKey(d, 'S', new PdfName('H3')));
  },
  'ua.figures.alt': (m) => {
    const f = find(m, (e) => e.type === 'Figure');
    return setObject(m, f.num!, (d) => withKey(d, 'Alt', undefined));
  },
  'ua.toc.noLeaders': (m) => {
    const c = copy(m);
    const toci = find(m, (e) => e.type === 'TOCI');
    const first = [...elements(toci)].flatMap((e) => e.mcs)[0]!;
    c.mcText.set(`${first.page}:${first.mcid}`, '第一部分 概况..........');
    return c;
  },
  'ua.outline.count': (m) => {
    const outlines = m.catalog.get('Outlines') as PdfRef;
    const first = (m.objects.get(outlines.num) as PdfDict).get('First') as PdfRef;
    let item: PdfRef | undefined = first;
    while (item && !(m.objects.get(item.num) as PdfDict).get('First')) item = (m.objects.get(item.num) as PdfDict).get('Next') as PdfRef | undefined;
    return setObject(m, item!.num, (d) => withKey(d, 'Count', undefined));
  },
  'ua.xmp.claim': (m) => setCatalog(m, 'Lang', undefined), // claims PDF/UA-1 while a UA check fails
  'pdfa.xmp.part': (m) => ({ ...copy(m), xmp: m.xmp.replace(/<pdfaid:part>3<\/pdfaid:part>/, '') }),
  'pdfa.xmp.modifyDate': (m) => ({ ...copy(m), xmp: m.xmp.replace(/<xmp:ModifyDate>[^<]*<\/xmp:ModifyDate>/, '') }),
  'pdfa.outputIntent': (m) => setCatalog(m, 'OutputIntents', undefined),
  'pdfa.embeddedSource': (m) => {
    const af = (m.catalog.get('AF') as PdfDict[]).map((f) => withKey(f, 'AFRelationship', new PdfName('Data')));
    return setCatalog(m, 'AF', af);
  },
};

describe('conformance checks', () => {
  it('each has a way to break it here', () => {
    expect(Object.keys(BREAK).sort()).toEqual(CHECKS.map((c) => c.name).sort());
  });

  it.each(CHECKS.map((c) => [c.name, c] as const))('%s passes on the reference and fails when its rule is broken', (_name, check) => {
    expect(check.run(good)).toEqual([]);
    const problems = check.run(BREAK[check.name]!(good));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fff]/);
  });

  it('ua.content.tagged also fails on marked content no structure element holds', () => {
    const c = copy(good);
    c.objects.set(900003, new PdfStream(new PdfDict(), Buffer.from('/P <</MCID 999>> BDC BT (a) Tj ET EMC', 'latin1')));
    const bad = setObject(c, c.pages[0]!.num, (d) => withKey(d, 'Contents', new PdfRef(900003)));
    expect(CHECKS.find((x) => x.name === 'ua.content.tagged')!.run(bad)).toEqual(['第1页有 1 段标记内容（MCID）不属于任何结构元素']);
  });

  it('ua.figures.alt also fails on a Figure whose drawing is not its content', () => {
    const f = find(good, (e) => e.type === 'Figure');
    const bad = setObject(good, f.num!, (d) => withKey(d, 'K', []));
    expect(CHECKS.find((x) => x.name === 'ua.figures.alt')!.run(bad)).toEqual(['一个 Figure 没有内容（图形不在它的标记内容里）']);
  });

  it('the PDF/A checks fail on the reference as printed today (x-pdfa adds what they look for)', () => {
    for (const n of ['pdfa.xmp.part', 'pdfa.xmp.modifyDate', 'pdfa.outputIntent', 'pdfa.embeddedSource']) expect(CHECKS.find((c) => c.name === n)!.run(printed).length, n).toBeGreaterThan(0);
  });
});

describe('the reader', () => {
  it('opens object streams: the structure elements of the reference are inside them', () => {
    // an object stream written as objstm.ts writes it: index, then bodies
    const body = Buffer.from('5 0 6 12 << /S /P >> [(a\\)b) <FEFF4E00> 7 0 R /N#41me]');
    const z = deflateSync(body);
    const pdf = Buffer.concat([Buffer.from(`1 0 obj\n<< /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length ${z.length} >>\nstream\n`), z, Buffer.from('\nendstream\nendobj\n')]);
    const objects = readObjects(pdf);
    expect(name((objects.get(5) as PdfDict).get('S'))).toBe('P');
    const a = objects.get(6) as PdfValue[];
    expect((a[0] as PdfString).text).toBe('a)b');
    expect((a[1] as PdfString).text).toBe('一');
    expect((a[2] as PdfRef).num).toBe(7);
    expect(name(a[3])).toBe('NAme');
  });

  it('gives marked content its text (the structure tree reads as the page does)', () => {
    const h = find(printed, (e) => e.type === 'H1');
    expect(textOf(printed, h).replace(/\s+/g, '')).toBe('目录');
  });
});
