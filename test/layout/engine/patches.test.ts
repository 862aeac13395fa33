import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from '../../../src/layout/engine/index.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../../src/fonts/index.js';
import { engineStatus, installFonts, print, VERIFIED, type WrapName } from '../../../src/layout/engine/index.js';
import { DEFAULT_DATA_FILE } from '../../../src/load/discover.js';
import { loadFontSet } from '../../../src/load/font-set.js';
import { checkDataFile, environment, renderToPdf } from '../../../src/pipeline/index.js';
import { pageImages } from '../../support/visual.js';

/*
 * The pdfmake speed patches must not change what a reader gets: the same text (copy/search of
 * Chinese stays exact), the same links, destinations and page numbers, and — for the patches
 * that do not merge inlines — the very same bytes as pdfmake's own code. Nothing here is timed.
 */

const ALL: PatchSwitches = { shareFonts: true, fastStyles: true, mergeInlines: true, linearLines: true, stringContent: true, groupWords: true };
const NONE: PatchSwitches = { shareFonts: false, fastStyles: false, mergeInlines: false, linearLines: false, stringContent: false, groupWords: false };

let fonts: Fonts;
beforeAll(async () => {
  const set = await loadFontSet();
  fonts = setupFonts(set.roles);
  installFonts(fonts.families);
});

/** The speed patches, on or off (the hooks stay on). */
type PatchSwitches = Record<'shareFonts' | 'fastStyles' | 'mergeInlines' | 'linearLines' | 'stringContent' | 'groupWords', boolean>;
const off = (s: PatchSwitches) => (Object.keys(s) as Array<keyof PatchSwitches>).filter((k) => !s[k]) as WrapName[];

async function render(doc: () => TDocumentDefinitions, switches: PatchSwitches, alsoOff: WrapName[] = []): Promise<Buffer> {
  return (await print(doc(), { disable: [...off(switches), ...alsoOff] })).pdf;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The reference document rendered with these patch switches. */
async function renderReference(switches: PatchSwitches, alsoOff: WrapName[] = []): Promise<Buffer> {
  const checked = await checkDataFile(DEFAULT_DATA_FILE);
  const { env } = await environment(checked.data!.templateSet);
  // the pipeline prints: the switches go through its layout step to the engine
  return (await renderToPdf(checked.data!, checked.derived!, env!, DEFAULT_DATA_FILE, { engine: { disable: [...off(switches), ...alsoOff] } })).pdf;
}

/** The operators of the page content streams (inflated), counted; `noop f`: fills with no path to fill. */
function contentOperators(pdf: Buffer): Record<string, number> {
  const text = pdf.toString('latin1');
  const counts: Record<string, number> = {};
  let pathOpen = false;
  for (const m of text.matchAll(/\d+ 0 obj\s*<<([^]*?)>>\s*stream\r?\n/g)) {
    if (/\/(?!Length |Filter |FlateDecode\b)\w/.test(m[1]!)) continue; // pdfkit's page content has a length and a filter, nothing else
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + length);
    let content: string;
    try {
      content = /FlateDecode/.test(m[1]!) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    } catch {
      continue;
    }
    if (!/\bBT\b/.test(content) || /[^\t\n\r\x20-\x7e]/.test(content)) continue; // page content is ASCII (glyphs in hex); a font file is not
    // operands (strings, arrays, dictionaries, names, numbers) dropped, operators kept
    const ops = content.replace(/\[[^\]]*\]|<<[^]*?>>|<[0-9a-fA-F]*>|\([^)]*\)|\/[^\s/[\]<>()]+/g, ' ').match(/[A-Za-z'"*]+/g) ?? [];
    for (const op of ops) {
      if (/^(m|l|c|v|y|h|re)$/.test(op)) pathOpen = true;
      const noop = /^(f|f\*|F)$/.test(op) && !pathOpen;
      if (/^(f|f\*|F|S|s|B|B\*|b|b\*|n)$/.test(op)) pathOpen = false;
      const key = noop ? 'noop f' : op;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

interface Read {
  /** Per page, the text as pdf.js extracts it (with its line ends). */
  pages: string[];
  /** Per page and text line: its baseline, left and right end, and text (where glyphs are drawn). */
  lines: Array<Array<{ y: string; x0: number; x1: number; text: string }>>;
  /** Per page, link annotations: destination or URL and rectangle. */
  links: Array<Array<{ to: string; rect: number[] }>>;
  destinations: Record<string, unknown>;
  outline: string[];
}

async function read(pdf: Buffer): Promise<Read> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const out: Read = { pages: [], lines: [], links: [], destinations: {}, outline: [] };
  // a destination names a page object (whose number depends on how many objects precede it): use the page index
  for (const [name, dest] of Object.entries((await doc.getDestinations()) as Record<string, [{ num: number; gen: number }, ...unknown[]]>)) {
    out.destinations[name] = [await doc.getPageIndex(dest[0]), ...dest.slice(1)];
  }
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out.pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    const lines = new Map<string, { x0: number; x1: number; text: string }>();
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      const [x, y] = [it.transform[4] as number, it.transform[5] as number];
      const key = y.toFixed(1);
      const l = lines.get(key) ?? { x0: x, x1: x, text: '' };
      l.x0 = Math.min(l.x0, x);
      l.x1 = Math.max(l.x1, x + it.width);
      l.text += it.str;
      lines.set(key, l);
    }
    out.lines.push([...lines].map(([y, l]) => ({ y, ...l })));
    const annotations = (await page.getAnnotations()) as Array<{ subtype: string; dest?: unknown; url?: string; rect: number[] }>;
    out.links.push(annotations.filter((a) => a.subtype === 'Link').map((a) => ({ to: a.url ?? JSON.stringify(a.dest), rect: a.rect })));
  }
  const walk = (items: Array<{ title: string; items: unknown[] }> | null) => items?.forEach((o) => (out.outline.push(o.title), walk(o.items as never)));
  walk((await doc.getOutline()) as never);
  await doc.destroy();
  return out;
}

/** The same lines with the same text, drawn from and to the same x (within 0.02 pt). */
function expectSameLines(got: Read['lines'], want: Read['lines']): void {
  const close = (a: number, b: number) => Math.abs(a - b) <= 0.02;
  const strip = (p: Read['lines']) => p.map((l) => l.map(({ y, text }) => `${y} ${text}`));
  expect(strip(got)).toEqual(strip(want));
  const off = got.flatMap((page, i) => page.filter((l, k) => !close(l.x0, want[i]![k]!.x0) || !close(l.x1, want[i]![k]!.x1)).map((l) => `page ${i + 1}: ${l.text}`));
  expect(off).toEqual([]);
}

/** Link rectangles joined per target and line (merged runs carry one link where pdfmake made one per character). */
function linkAreas(links: Read['links']): string[][] {
  return links.map((page) => {
    const areas = new Map<string, number[]>();
    for (const { to, rect } of page) {
      const key = `${to}@${rect[1]!.toFixed(2)}`;
      const a = areas.get(key);
      if (!a) areas.set(key, [...rect]);
      else {
        a[0] = Math.min(a[0]!, rect[0]!);
        a[2] = Math.max(a[2]!, rect[2]!);
      }
    }
    return [...areas].map(([k, r]) => `${k}:${r.map((n) => n.toFixed(2)).join(',')}`).sort();
  });
}

const UNIT = '部门预算公开是财政透明的重要内容，本单位按照《中华人民共和国预算法》要求编制并公开2026年预算信息（单位：万元）。';

/** A small document with everything merging must respect. */
function mixedDocument(): TDocumentDefinitions {
  const body = fonts.familyOf.body;
  const bold = fonts.familyOf.bodyBold;
  const heading = fonts.familyOf.heading;
  const content: Content[] = [
    { text: '目  录', font: heading, fontSize: 20, alignment: 'center', characterSpacing: 12, margin: [0, 0, 0, 12] },
    {
      table: {
        widths: [400, 46],
        body: [
          [{ text: [{ text: '第一部分 部门概况' }, { text: '…………', color: '#444444' }], linkToDestination: 'part1' }, { pageReference: 'part1', alignment: 'right' }],
          [{ text: [{ text: '第二部分 收支预算' }, { text: '…………', color: '#444444' }], linkToDestination: 'part2' }, { pageReference: 'part2', alignment: 'right' }],
        ],
      },
      layout: 'noBorders',
    },
    { text: '第一部分 部门概况', id: 'part1', font: heading, fontSize: 18, pageBreak: 'before', outline: true, outlineText: '第一部分' },
    {
      text: [
        '本部门',
        { text: '2026年', font: bold },
        '一般公共预算拨款收入',
        { text: '1,234.56', color: '#C00000' },
        '万元，比上年增长',
        { text: '3.2%', decoration: 'underline' },
        '。主要用于',
        { text: '政务服务大厅运行', background: '#FFFF00' },
        '，详见',
        { text: '政府网站', link: 'https://www.example.gov.cn/yusuan' },
        '和第',
        { pageReference: 'part2' },
        '页；H',
        { text: '2', sup: true },
        'O。',
      ],
      leadingIndent: 28,
      lineHeight: 1.45,
      margin: [0, 0, 0, 6],
    },
    { text: UNIT.repeat(8), font: body, fontSize: 14, lineHeight: 1.45, leadingIndent: 28 },
    { text: '居中的标题行', alignment: 'center', fontSize: 15, font: heading },
    { text: '右对齐的落款：政务服务中心', alignment: 'right' },
    { text: [{ text: '半透明文字', opacity: 0.5 }, '与普通文字', { text: '删除线', decoration: 'lineThrough', decorationColor: '#0000FF' }] },
    {
      table: {
        widths: [120, 80, 80],
        headerRows: 1,
        body: [
          [{ text: '科目名称', bold: true }, { text: '2026年预算数', alignment: 'center' }, { text: '比上年增减', alignment: 'center' }],
          ['一般公共服务支出', { text: '2,849.51', alignment: 'right' }, { text: '-12.30', alignment: 'right' }],
          ['政府办公厅（室）及相关机构事务', { text: '2,867.01', alignment: 'right' }, { text: '0.00', alignment: 'right' }],
        ],
      },
    },
    {
      // named styles, style arrays, `extends`, styles inherited through stacks, columns and cells
      style: 'box',
      stack: [
        { text: '样式继承：正文', style: ['note', 'strong'] },
        { columns: [{ text: '左栏说明文字', style: 'note' }, { text: [{ text: '右栏', style: 'strong' }, '普通', { text: '强调', style: 'emph' }], width: 120 }] },
        {
          table: {
            widths: [90, 90, 90],
            body: [
              [{ text: '单元格一', style: 'emph' }, { text: '单元格二', color: '#2F5597' }, { text: '单元格三', fontSize: 8 }],
              [{ text: '单元格四', alignment: 'center' }, { text: '单元格五', alignment: 'center' }, { text: '单元格六', style: ['note', 'emph'], decoration: 'underline' }],
              ['纯文字', '纯文字', { text: '纯文字', lineHeight: 1.3 }],
            ],
          },
        },
      ],
    },
    { text: '第二部分 收支预算', id: 'part2', font: heading, fontSize: 18, pageBreak: 'before', outline: true, outlineText: '第二部分' },
    { text: '见上文第', fontSize: 12 },
    { pageReference: 'part1' },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [68, 64, 62, 60],
    content,
    defaultStyle: { font: body, fontSize: 12, color: '#000000' },
    styles: {
      box: { fontSize: 11, lineHeight: 1.2 },
      note: { fontSize: 10, color: '#444444' },
      strong: { font: bold },
      emph: { extends: 'strong', color: '#C00000' },
    } as TDocumentDefinitions['styles'],
    info: { title: 'test', creationDate: new Date(Date.UTC(2026, 0, 1)), modDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
  };
}

describe('pdfmake patches', () => {
  it('are active for the verified pdfmake and pdfkit versions', async () => {
    await render(mixedDocument, ALL);
    const v = engineStatus();
    // an upgrade of pdfmake or pdfkit switches the patches off: re-verify them, then update VERIFIED
    expect({ pdfmake: v.pdfmake, pdfkit: v.pdfkit }).toEqual(VERIFIED);
    expect(v.active).toBe(true);
  });

  it('merging inlines keeps text, links, destinations, page numbers and outline identical', async () => {
    const plain = await render(mixedDocument, NONE);
    const merged = await render(mixedDocument, ALL);
    expect(sha(merged)).not.toBe(sha(plain));
    const [a, b] = [await read(plain), await read(merged)];
    expect(b.pages).toEqual(a.pages);
    expectSameLines(b.lines, a.lines);
    expect(b.pages[0]).toMatch(/第一部分 部门概况…………\s*2\n/);
    expect(b.pages[0]).toMatch(/第二部分 收支预算…………\s*4/);
    expect(b.pages[1]).toContain('本部门2026年一般公共预算拨款收入1,234.56万元，比上年增长3.2%');
    expect(b.pages[3]).toMatch(/见上文第\s*2/);
    expect(b.destinations).toEqual(a.destinations);
    expect(b.outline).toEqual(a.outline);
    expect(linkAreas(b.links)).toEqual(linkAreas(a.links));
    expect(b.links.flat().length).toBeLessThan(a.links.flat().length);
  });

  it('merging draws far fewer text objects', async () => {
    const uncompressed = () => ({ ...mixedDocument(), compress: false });
    const count = (pdf: Buffer) => pdf.toString('latin1').match(/\nBT\n/g)?.length ?? 0;
    // text objects as pdfmake draws them, one per inline (lineText makes one per line of either)
    const plain = count(await render(uncompressed, NONE, ['lineText']));
    const merged = count(await render(uncompressed, ALL, ['lineText']));
    expect(merged).toBeGreaterThan(0);
    expect(merged * 4).toBeLessThan(plain);
  });

  it('lines written as text objects: the same pages, text, links and outline, without no-op paints', async () => {
    for (const switches of [ALL, NONE]) {
      const stock = await render(mixedDocument, switches, ['lineText']);
      const written = await render(mixedDocument, switches);
      expect(sha(written)).not.toBe(sha(stock));
      const [a, b] = [await read(stock), await read(written)];
      expect(b.pages).toEqual(a.pages);
      expectSameLines(b.lines, a.lines);
      expect(b.destinations).toEqual(a.destinations);
      expect(b.outline).toEqual(a.outline);
      expect(b.links).toEqual(a.links);
      const [pa, pb] = [pageImages(stock, 96), pageImages(written, 96)];
      expect(pb.length).toBe(pa.length);
      pb.forEach((png, i) => expect(png.equals(pa[i]!), `page ${i + 1}`).toBe(true));
      const [oa, ob] = [contentOperators(stock), contentOperators(written)];
      expect(oa['noop f']).toBeGreaterThan(0);
      expect(ob['noop f']).toBeUndefined();
      expect(ob.BT!).toBeLessThan(oa.BT!);
      expect(ob.gs!).toBeLessThan(oa.gs!);
      // every glyph run is still there: as many TJ (the colours and fonts pdfmake gave each run are set where they change)
      expect(ob.TJ).toBe(oa.TJ);
    }
  });

  it('the reference written line by line: pixel for pixel the same pages and text, far fewer operators', async () => {
    const stock = await renderReference(ALL, ['lineText']);
    const written = await renderReference(ALL);
    const [a, b] = [await read(stock), await read(written)];
    expect(b.pages).toEqual(a.pages);
    expectSameLines(b.lines, a.lines);
    expect(b.links).toEqual(a.links);
    expect(b.destinations).toEqual(a.destinations);
    const [pa, pb] = [pageImages(stock, 40), pageImages(written, 40)];
    expect(pb.length).toBe(pa.length);
    expect(pb.map((png, i) => png.equals(pa[i]!)).filter((same) => !same)).toEqual([]);
    const [oa, ob] = [contentOperators(stock), contentOperators(written)];
    expect(ob['noop f']).toBeUndefined();
    expect(ob.TJ).toBe(oa.TJ);
    expect(ob.BDC).toBe(oa.BDC); // the tags' marked content, line by line as before
    expect(ob.BT! * 1.5).toBeLessThan(oa.BT!);
    expect(ob.gs! * 3).toBeLessThan(oa.gs!);
    expect(ob.scn! * 3).toBeLessThan(oa.scn!);
  });

  it('shared fonts, fast styles, linear line building and string content change no byte', async () => {
    const plain = await render(mixedDocument, NONE);
    const patched = await render(mixedDocument, { ...ALL, mergeInlines: false });
    expect(sha(patched)).toBe(sha(plain));
  });

  it('two renders of the same document are byte-identical', async () => {
    const a = await render(mixedDocument, ALL);
    const b = await render(mixedDocument, ALL);
    expect(sha(b)).toBe(sha(a));
  });

  it('line building matches pdfmake for glued runs, hard wraps and mixed scripts', async () => {
    // "Budget" + bold "2026" cannot break between them (noNewLine); the URL is wider than a line
    const doc = (): TDocumentDefinitions => ({
      content: [
        {
          text: [
            ...Array.from({ length: 30 }, (_, i) => [UNIT, 'Budget', { text: `${2000 + i}`, font: fonts.familyOf.bodyBold }, ' figures ', { text: 'x'.repeat(i % 7), color: '#C00000' }]).flat(),
            'https://www.example.gov.cn/' + 'a'.repeat(120),
          ],
        },
      ],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
      info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
    });
    const plain = await render(doc, NONE);
    const patched = await render(doc, { ...ALL, mergeInlines: false });
    expect(sha(patched)).toBe(sha(plain));
  });

  it('a word many lines long wraps as pdfmake wraps it (narrowed search, rest measured late)', async () => {
    // the long rests: 3,000 letters, digits and Latin-CJK mixed, in body text and in a narrow cell
    const doc = (): TDocumentDefinitions => ({
      content: [
        { text: 'a'.repeat(3000), leadingIndent: 24 },
        { text: ['前文', { text: '1234567890'.repeat(300), bold: true }, '后文'] },
        { table: { widths: [50, '*'], body: [['W'.repeat(400), `${UNIT}${'x'.repeat(700)}`]] } },
      ],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 11 },
      info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
    });
    expect(sha(await render(doc, { ...ALL, mergeInlines: false }))).toBe(sha(await render(doc, NONE)));
  });

  it('grouping words changes no byte, drawn merged or word by word', async () => {
    const justified = (): TDocumentDefinitions => ({
      content: [
        { text: UNIT.repeat(5), alignment: 'justify', leadingIndent: 24 },
        { text: [UNIT, { text: 'Budget 2026 figures', bold: true }, UNIT.repeat(2)], alignment: 'justify' },
        { text: UNIT.repeat(3), characterSpacing: 1.5 },
        { text: `${'１２３４５６７８９０'.repeat(12)}\n${UNIT}`, fontSize: 9 },
        { table: { widths: [36, 60], body: [['20260000000001', UNIT], ['合计20260000000001234567', 'x'.repeat(40)]] } },
      ],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
      info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
    });
    for (const doc of [mixedDocument, justified]) {
      expect(sha(await render(doc, ALL))).toBe(sha(await render(doc, { ...ALL, groupWords: false })));
      expect(sha(await render(doc, { ...ALL, mergeInlines: false }))).toBe(sha(await render(doc, NONE)));
    }
  });

  it('objects written by our own serialiser are pdfkit’s bytes: dictionaries, text strings, dates, trees', async () => {
    // text strings with what must be escaped, in ASCII and not; links (annotations, actions); a
    // destination name tree; the Info dictionary's dates; every page object and font dictionary
    const tricky = (): TDocumentDefinitions => ({
      content: [
        { text: '预算 (2026) \\ 说明', id: 'first', linkToDestination: 'second' },
        { text: 'see (a) \\ b', link: 'https://example.org/a(b)?q=1', pageBreak: 'after' },
        { text: '第二页', id: 'second' },
      ],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
      info: { title: '部门预算(2026)\\\n（草）', author: 'A (b) \\ c\r\t', subject: 'plain ascii', keywords: '公开', creationDate: new Date(Date.UTC(2026, 0, 31, 23, 59, 58)) } as TDocumentDefinitions['info'],
    });
    for (const doc of [tricky, mixedDocument]) expect(sha(await render(doc, ALL))).toBe(sha(await render(doc, ALL, ['fastObjects'])));
    expect(sha(await renderReference(ALL))).toBe(sha(await renderReference(ALL, ['fastObjects'])));
  });

  it('measuring a text once for the process changes no byte, whatever was rendered before', async () => {
    // one text under many styles and the same style in many places: each must measure as its own
    const styled = (): TDocumentDefinitions => ({
      content: [
        { text: '一般公共服务支出', fontSize: 9 },
        { text: '一般公共服务支出', fontSize: 12, bold: true },
        { text: '一般公共服务支出', characterSpacing: 1 },
        { text: '一般公共服务支出', leadingIndent: 24 },
        { text: '一般公共服务支出', color: '#cc0000', alignment: 'right' },
        { text: ' 12,345.67 ', preserveLeadingSpaces: true },
        { text: '2026年部门预算 Budget figures', noWrap: true },
        { table: { widths: [40, 60, 80], body: [['一般公共服务支出', '一般公共服务支出', '0.00'], ['0.00', { text: '一般公共服务支出', fontSize: 8 }, '0.00']] } },
      ],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
      info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
    });
    const alone = sha(await render(styled, ALL, ['measureOnce']));
    expect(sha(await render(styled, ALL))).toBe(alone);
    // the second time, every text is already known to the process
    expect(sha(await render(styled, ALL))).toBe(alone);
    const reference = sha(await renderReference(ALL, ['measureOnce']));
    expect(sha(await renderReference(ALL))).toBe(reference);
    expect(sha(await renderReference(ALL))).toBe(reference);
    // and a document rendered after the reference (its texts known under the reference's styles)
    expect(sha(await render(styled, ALL))).toBe(alone);
  });

  it('the reference document is the same bytes with and without word groups', async () => {
    expect(sha(await renderReference(ALL))).toBe(sha(await renderReference({ ...ALL, groupWords: false })));
  });

  it('renders a 40,000-character paragraph completely', async () => {
    const text = UNIT.repeat(Math.ceil(40_000 / UNIT.length)).slice(0, 40_000);
    const pdf = await render(() => ({ content: [{ text }], defaultStyle: { font: fonts.familyOf.body, fontSize: 12 } }), ALL);
    const { pages } = await read(pdf);
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('output does not depend on what the process rendered before', async () => {
    // ⼈ (U+2F08, a Kangxi radical) and 人 (U+4EBA) share one glyph in Noto: the glyph must not
    // carry the first document's character into the second document's ToUnicode map.
    const doc = (text: string) => (): TDocumentDefinitions => ({
      content: [{ text }],
      defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
      info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
    });
    await render(doc('部门⼈员经费'), ALL);
    const after = await render(doc('部门人员经费'), ALL);
    const alone = await render(doc('部门人员经费'), { ...ALL, shareFonts: false });
    expect((await read(after)).pages[0]).toContain('部门人员经费');
    expect(sha(after)).toBe(sha(alone));
  });

  it('the reference document reads the same merged and unmerged', async () => {
    const [a, b] = [await read(await renderReference(NONE)), await read(await renderReference(ALL))];
    expect(b.pages.length).toBeGreaterThan(30);
    expect(b.pages).toEqual(a.pages);
    expectSameLines(b.lines, a.lines);
    expect(b.destinations).toEqual(a.destinations);
    expect(b.outline).toEqual(a.outline);
    expect(linkAreas(b.links)).toEqual(linkAreas(a.links));
  });

  it('font subsets (composite glyphs included) are the bytes fontkit makes', async () => {
    // Noto has no composite glyphs; pdfmake's Roboto has many (accented letters)
    const require = createRequire(import.meta.url);
    const file = require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf');
    installFonts({ ...fonts.families, Roboto: { normal: { path: file, bytes: readFileSync(file) } } });
    try {
      const doc = (): TDocumentDefinitions => ({ content: [{ text: 'Budget éñÅçŏ ǻ ﬁ 2026', font: 'Roboto' }], defaultStyle: { font: fonts.familyOf.body }, info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'] });
      expect(sha(await render(doc, { ...ALL, mergeInlines: false }))).toBe(sha(await render(doc, NONE)));
    } finally {
      installFonts(fonts.families);
    }
  });
});
