import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../../src/fonts/index.js';
import { tagContent } from '../../../src/layout/complete.js';
import { Annotations, installFonts, pageOfNode, print, WRAP_NAMES, type PageNumbering, type Printed, type TDocumentDefinitions, type WrapName } from '../../../src/layout/engine/index.js';
import { mergeSegments } from '../../../src/layout/engine/hooks/rules.js';
import { loadFontSet } from '../../../src/load/font-set.js';
import { loadOutputProfile } from '../../../src/load/output-profile.js';
import { textItems } from '../../support/geometry.js';
import { pdfPages } from '../../support/pdf-text.js';
import { PdfDict, readObjects } from '../../support/conformance.js';

/*
 * One test per wrap of versions.ts, each printing a small definition with the wrap on and off: a
 * hook adds its feature on and leaves stock pdfmake's output off (and says what is lost); a speed
 * patch leaves the same text at the same places as stock. The last test enumerates versions.ts:
 * a wrap added there without its own test here (or in patches.test.ts, hooks-switch.test.ts)
 * fails it.
 */

let fonts: Fonts;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
});

const UNIT = '部门预算公开是财政透明的重要内容，本单位按照《中华人民共和国预算法》要求编制并公开2026年预算信息（单位：万元）。';

/** Uncompressed and without object streams, so that the content streams can be read as text. */
const definition = (content: unknown[]): TDocumentDefinitions => ({
  content: content as TDocumentDefinitions['content'],
  defaultStyle: { font: fonts.familyOf.body, fontSize: 12 },
  compress: false,
  info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
});
const raw = (b: Buffer) => b.toString('latin1');
const count = (b: Buffer, op: RegExp) => raw(b).match(op)?.length ?? 0;
const lostOf = (p: { lost: Array<{ wrap: WrapName }> }) => p.lost.map((l) => l.wrap);

/** Prints a fresh definition with the wrap on and with it off. */
async function onAndOff(wrap: WrapName, make: () => { doc: TDocumentDefinitions; annotations?: Annotations; numbering?: PageNumbering }, alsoOff: WrapName[] = []) {
  const once = (disable: WrapName[]) => {
    const { doc, annotations, numbering } = make();
    return print(doc, { ...(annotations ? { annotations } : {}), ...(numbering ? { numbering } : {}), disable: [...disable, ...alsoOff, 'objectStreams'] });
  };
  return { on: await once([]), off: await once([wrap]) };
}

/** Every text run drawn, with the character spacing in force (Tc persists until a restore). */
async function spacedRuns(pdf: Buffer): Promise<Array<{ text: string; spacing: number }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const out: Array<{ text: string; spacing: number }> = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    let spacing = 0;
    const saved: number[] = [];
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) saved.push(spacing);
      else if (fn === OPS.restore) spacing = saved.pop() ?? 0;
      else if (fn === OPS.setCharSpacing) spacing = args[0] as number;
      else if (fn === OPS.showText) out.push({ text: (args[0] as Array<{ unicode?: string }>).map((g) => g.unicode ?? '').join(''), spacing });
    });
  }
  await doc.destroy();
  return out;
}

/** Every text run with its place, rounded to 1/100 pt. */
const placed = async (pdf: Buffer) => (await textItems(pdf)).map((page) => page.map((i) => `${i.str}@${i.x.toFixed(2)},${i.y.toFixed(2)}`));

/** Every rule segment drawn (moveto, lineto), in no particular order. */
const segments = (pdf: Buffer) => [...raw(pdf).matchAll(/([-\d.]+ [-\d.]+) m\n([-\d.]+ [-\d.]+) l\n/g)].map((m) => `${m[1]}→${m[2]}`).sort();

/** A 目录 of one entry, its target on the third page; the printed numbers start on the second. */
function contents() {
  const annotations = new Annotations();
  const { annotate } = annotations;
  const doc = definition([
    {
      table: {
        widths: [300, 40],
        body: [[annotate({ text: ['第一部分', { text: '...' }] }, { leaderTo: 'p1' }), annotate({ text: '000', alignment: 'right' }, { pageOf: 'p1' })]],
      },
      layout: 'noBorders',
    },
    { text: '前言', pageBreak: 'before' },
    { text: '第一部分', id: 'p1', pageBreak: 'before' },
  ]);
  const numbering: PageNumbering = {
    printed: (physical) => (physical >= 2 ? physical - 1 : null),
    labels: () => [{ start: 0, prefix: '目录', decimal: false }, { start: 1, decimal: true }],
  };
  return { doc, annotations, numbering };
}

/** A table with empty cells between filled ones, ruled. */
function table() {
  const body = Array.from({ length: 8 }, (_, r) => [`名称${r}`, '', r % 2 ? '' : '12.00', '']);
  return { doc: definition([{ text: UNIT }, { table: { headerRows: 1, widths: [100, 60, 60, 60], body } }, { text: UNIT }]) };
}

describe('each wrap, on and off', () => {
  it('pageNumbers: the 目录 prints its target’s printed page number, leaders run on to it, and the PDF labels its pages; off, the placeholder stays', async () => {
    const { on, off } = await onAndOff('pageNumbers', contents);
    const [onToc, offToc] = [(await pdfPages(on.pdf))[0]!, (await pdfPages(off.pdf))[0]!];
    // page 3 is printed page 2
    expect(onToc).toMatch(/^第一部分\.+\s*2$/);
    expect(offToc).toMatch(/^第一部分\.{3}\s*000$/);
    expect(onToc.match(/\./g)!.length).toBeGreaterThan(10);
    expect(raw(on.pdf)).toMatch(/\/PageLabels/);
    expect(raw(off.pdf)).not.toMatch(/\/PageLabels/);
    expect(lostOf(on)).toEqual([]);
    expect(lostOf(off)).toEqual(['pageNumbers']);
  });

  it('justify: a justified line is spread per character (character spacing), not between pdfmake’s words; the same text either way', async () => {
    const doc = () => ({ doc: definition([{ text: `${UNIT.repeat(3)}共计12项（心）`, alignment: 'justify' }]) });
    const { on, off } = await onAndOff('justify', doc);
    const spacing = (pdf: Buffer) => [...raw(pdf).matchAll(/([-\d.]+) Tc\n/g)].map((m) => Number(m[1])).filter((n) => n !== 0);
    expect(spacing(on.pdf).length).toBeGreaterThan(0);
    expect(spacing(off.pdf)).toEqual([]);
    expect(await pdfPages(on.pdf)).toEqual(await pdfPages(off.pdf));
    // the lines still end flush at the right: the last character of the first line where stock puts it
    const lastOfFirst = async (pdf: Buffer) => {
      const items = (await textItems(pdf))[0]!;
      const y = items[0]!.y;
      const line = items.filter((i) => Math.abs(i.y - y) < 0.5);
      return Math.max(...line.map((i) => i.x + i.width));
    };
    expect(await lastOfFirst(on.pdf)).toBeCloseTo(await lastOfFirst(off.pdf), 1);
    expect(lostOf(off)).toEqual(['justify']);
  });

  it('justify: no spacing inside a figure ("8 3 8 1 . 2 1"): its share goes to the line’s other gaps, which still end flush', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `本年收入合计${(8381.21 + i * 1013.07).toFixed(2)}万元，比上年增长${(12.5 + i).toFixed(2)}%，`).join('');
    const doc = () => ({ doc: definition([{ text, alignment: 'justify' }]) });
    const { on, off } = await onAndOff('justify', doc);
    const on_ = await spacedRuns(on.pdf);
    // spread lines there are, but no run of two figure characters drawn with spacing
    expect(on_.some((r) => r.spacing > 0.01)).toBe(true);
    expect(on_.filter((r) => r.spacing > 0.001 && /[\d.,%]{2}/.test(r.text)).map((r) => r.text)).toEqual([]);
    // and every figure copies out whole (a loose line may read as spaced words around it)
    const [copied] = await pdfPages(on.pdf);
    expect(copied!.replace(/\s+/g, '')).toBe(text);
    for (const figure of text.match(/[\d.]+%?/g)!) expect(copied).toContain(figure);
    // every line still ends where stock pdfmake ends it
    const ends = async (pdf: Buffer) => {
      const items = (await textItems(pdf))[0]!;
      const rows = new Map<string, number>();
      for (const i of items) rows.set(i.y.toFixed(1), Math.max(rows.get(i.y.toFixed(1)) ?? 0, i.x + i.width));
      return [...rows.values()].slice(0, -1).map((x) => Math.round(x));
    };
    expect(await ends(on.pdf)).toEqual(await ends(off.pdf));
  });

  it('keepLines: no paragraph leaves one line alone at a page’s foot or head; off, stock pdfmake does (他收入。 alone)', async () => {
    // a paragraph of known lines after a spacer that leaves room for `room` lines on the first page
    const para = '预算收入是指部门按照规定取得的各项收入，包括财政拨款收入、事业收入和其他收入。'.repeat(4);
    const lineHeight = 12 * 1.3;
    /** Lines of the paragraph on each page, with it on and off, for a page with room for `room` lines. */
    const split = async (room: number) => {
      const make = () => {
        const annotations = new Annotations();
        const p = annotations.annotate({ text: para, lineHeight: 1.3, margin: [0, 0, 0, 0] }, { tag: 'P' });
        const spacer = { text: '', margin: [0, 841.89 - 80 - 40 - room * lineHeight - 2, 0, 0] };
        return { doc: { ...definition([spacer, p]), pageMargins: [60, 40, 60, 40] } as TDocumentDefinitions, annotations };
      };
      const { on, off } = await onAndOff('keepLines', make);
      const lines = async (pdf: Buffer) => (await textItems(pdf)).map((page) => new Set(page.map((i) => i.y.toFixed(0))).size);
      return { on: await lines(on.pdf), off: await lines(off.pdf), lost: lostOf(off) };
    };
    const lines = (await split(1)).off.reduce((a, b) => a + b, 0);
    expect(lines).toBeGreaterThanOrEqual(4);
    // room for one line: stock leaves an orphan; kept, the paragraph starts the next page
    const orphan = await split(1);
    expect(orphan.off[0]).toBe(1);
    expect(orphan.on).toEqual([0, lines]);
    // room for all but the last: stock leaves a widow; kept, two lines go over
    const widow = await split(lines - 1);
    expect(widow.off).toEqual([lines - 1, 1]);
    expect(widow.on).toEqual([lines - 2, 2]);
    expect(widow.lost).toEqual(['keepLines']);
  });

  it('outline: a bookmark points at its heading’s line; off, at the top of the heading’s page; a closed one with children has its /Count', async () => {
    const doc = () => ({ doc: definition([{ text: UNIT.repeat(6) }, { text: '标题', outline: true, id: 'h' }, { text: '小节', outline: true, id: 's', outlineParentId: 'h' }]) });
    const { on, off } = await onAndOff('outline', doc);
    const destination = async (pdf: Buffer) => {
      const d = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
      const [item] = (await d.getOutline()) as unknown as Array<{ title: string; dest: [unknown, unknown, number, number] }>;
      await d.destroy();
      return { title: item!.title, top: item!.dest[3] };
    };
    const heading = (await textItems(on.pdf))[0]!.find((i) => i.str === '标题')!;
    const [a, b] = [await destination(on.pdf), await destination(off.pdf)];
    expect(a.title).toBe('标题');
    // just above the heading's baseline (its line's top, less a little), well below the page's top
    expect(a.top).toBeGreaterThan(heading.y);
    expect(a.top).toBeLessThan(heading.y + 2 * heading.height);
    expect(b).toEqual({ title: '标题', top: 841.89 });
    // pdfkit counts only open bookmarks; strict readers (pdfcpu) refuse a parent without /Count
    const counts = (pdf: Buffer) => [...readObjects(pdf).values()].filter((v): v is PdfDict => v instanceof PdfDict && v.get('Title') !== undefined && v.get('First') !== undefined).map((v) => v.get('Count'));
    expect(counts(on.pdf)).toEqual([-1]);
    expect(counts(off.pdf)).toEqual([undefined]);
    expect(lostOf(off)).toEqual(['outline']);
  });

  it('emptyLines: an empty cell draws nothing (no graphics state set for it); the same text at the same places as stock', async () => {
    // against pdfmake's own drawing (lineText, too, sets nothing for an empty inline)
    const { on, off } = await onAndOff('emptyLines', table, ['lineText']);
    expect(count(on.pdf, / gs\n/g)).toBeLessThan(count(off.pdf, / gs\n/g));
    expect(raw(on.pdf).length).toBeLessThan(raw(off.pdf).length);
    expect(await placed(on.pdf)).toEqual(await placed(off.pdf));
    expect(segments(on.pdf)).toEqual(segments(off.pdf));
    expect(off.lost).toEqual([]);
  });

  it('mergeRules: rules of one style are stroked together, far fewer strokes for the same lines; the same text at the same places as stock', async () => {
    const { on, off } = await onAndOff('mergeRules', table);
    const strokes = (pdf: Buffer) => count(pdf, /\nS\n/g);
    const numbers = (pdf: Buffer) => segments(pdf).flatMap((s) => s.split(/→| /).map(Number));
    const key = (s: number[]) => Array.from({ length: s.length / 4 }, (_, i) => s.slice(4 * i, 4 * i + 4).join(' ')).sort();
    expect(segments(off.pdf).length).toBeGreaterThan(40);
    // the same lines: stock's segments, those that touch on one line joined, are what is stroked
    expect(key(numbers(on.pdf))).toEqual(key(mergeSegments(numbers(off.pdf))));
    expect(segments(on.pdf).length * 2).toBeLessThan(segments(off.pdf).length);
    expect(strokes(off.pdf)).toBe(segments(off.pdf).length);
    expect(strokes(on.pdf) * 4).toBeLessThan(strokes(off.pdf));
    expect(await placed(on.pdf)).toEqual(await placed(off.pdf));
    expect(off.lost).toEqual([]);
  });
});

describe('annotations', () => {
  it('belong to their document: two documents printed at once, sharing a node they annotate differently, keep theirs apart', async () => {
    // the shared node: a heading in one document, a paragraph in the other; each 目录 number its own target
    const shared = { text: '共同的一段文字' };
    const make = (tag: string, target: string) => {
      const annotations = new Annotations();
      const { annotate } = annotations;
      annotate(shared, { tag, unit: { label: tag } });
      const doc: TDocumentDefinitions = {
        ...definition([
          annotate({ text: '000' }, { pageOf: target }),
          shared,
          { text: '甲', id: 'a', pageBreak: 'before' },
          { text: '乙', id: 'b', pageBreak: 'before' },
        ]),
        version: '1.7',
        tagged: true,
      };
      return { doc, annotations };
    };
    // both laid out before either is printed, then printed at once
    const laid = [make('H1', 'a'), make('P', 'b')];
    const numbering: PageNumbering = { printed: (p) => p, labels: () => [{ start: 0, decimal: true }] };
    const [h1, p] = (await Promise.all(laid.map(({ doc, annotations }) => print(doc, { annotations, numbering, tagged: tagContent(doc.content, annotations), disable: ['objectStreams'] })))) as [Printed, Printed];
    expect(raw(h1.pdf)).toMatch(/\/S \/H1/);
    expect(raw(p.pdf)).not.toMatch(/\/S \/H1/);
    expect((await pdfPages(h1.pdf))[0]).toBe('2共同的一段文字');
    expect((await pdfPages(p.pdf))[0]).toBe('3共同的一段文字');
  });
});

describe('archive', () => {
  it('archive: PDF/A-3 with the files inside and the properties in XMP with it, a plain PDF without', async () => {
    const profile = await loadOutputProfile();
    expect(profile?.length).toBeGreaterThan(1000);
    const data = Buffer.from('{"department":{"name":"甲"}}\n');
    const archive = { profile: profile!, files: [{ name: 'x.json', bytes: data, type: 'application/json', description: '数据' }], properties: { dataFile: 'x.json', dataSha256: 'ab12', unit: 'A & B' } };
    const once = (disable: WrapName[], tagged = true) => {
      const annotations = new Annotations();
      const doc: TDocumentDefinitions = { ...definition([annotations.annotate({ text: UNIT }, { tag: 'P', unit: { label: '段落' } })]), version: '1.7', tagged };
      return print(doc, { archive, claims: { pdfua: true }, annotations, tagged: tagContent(doc.content, annotations), disable: [...disable, 'objectStreams'] });
    };
    const on = await once([]);
    const off = await once(['archive']);
    // tagged by the tags hook: 3a, and the PDF/UA claim; untagged: 3b, and no claim
    expect(raw(on.pdf)).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>A</);
    const untagged = raw((await once([], false)).pdf);
    expect(untagged).toMatch(/<pdfaid:conformance>B</);
    expect(untagged).not.toContain('pdfuaid');
    expect(raw(on.pdf)).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw(on.pdf)).toMatch(/\/AFRelationship \/Source/);
    expect(raw(on.pdf)).toContain('<gongkai:unit>A &amp; B</gongkai:unit>');
    expect(raw(on.pdf)).toContain('<pdfaSchema:prefix>gongkai</pdfaSchema:prefix>');
    expect(raw(on.pdf)).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(raw(on.pdf)).toContain('<xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate>');
    const doc = await getDocument({ data: new Uint8Array(on.pdf), verbosity: 0 }).promise;
    const attached = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    expect(Buffer.from(attached['x.json']!.content).equals(data)).toBe(true);
    for (const marker of ['pdfaid:part', 'GTS_PDFA1', 'AFRelationship', 'gongkai:', 'pdfuaid']) expect(raw(off.pdf)).not.toContain(marker);
    expect(off.lost.map((l) => l.wrap)).toContain('archive');
  });
});

describe('what the engine tells', () => {
  it('the page pdfmake placed a node on, once it has', async () => {
    const node = { text: '第二页的段落' };
    const doc = definition([{ text: '第一页' }, { text: '', pageBreak: 'after' }, node]);
    expect(pageOfNode(node)).toBeUndefined();
    await print(doc);
    expect(pageOfNode(node)).toBe(2);
  });

  it('when pdfmake’s layout and drawing began and ended, by the caller’s clock', async () => {
    let now = 0;
    const told: Array<[string, number, number]> = [];
    await print(definition([{ text: UNIT }]), { observe: { clock: () => ++now, phase: (name, start, end) => told.push([name, start, end]) } });
    expect(told).toEqual([
      ['layout', 1, 2],
      ['draw', 3, 4],
    ]);
  });
});

/** Where each wrap's own on/off test is: file (under test/layout/engine/) and the test's name. */
const TESTED: Record<WrapName, [file: string, test: string]> = {
  shareFonts: ['patches.test.ts', 'shared fonts, fast styles, linear line building and string content change no byte'],
  fastStyles: ['patches.test.ts', 'shared fonts, fast styles, linear line building and string content change no byte'],
  linearLines: ['patches.test.ts', 'line building matches pdfmake for glued runs, hard wraps and mixed scripts'],
  groupWords: ['patches.test.ts', 'grouping words changes no byte, drawn merged or word by word'],
  measureOnce: ['patches.test.ts', 'measuring a text once for the process changes no byte, whatever was rendered before'],
  mergeInlines: ['patches.test.ts', 'merging inlines keeps text, links, destinations, page numbers and outline identical'],
  lineText: ['patches.test.ts', 'lines written as text objects: the same pages, text, links and outline, without no-op paints'],
  fastObjects: ['patches.test.ts', 'objects written by our own serialiser are pdfkit’s bytes: dictionaries, text strings, dates, trees'],
  stringContent: ['patches.test.ts', 'shared fonts, fast styles, linear line building and string content change no byte'],
  mergeRules: ['wraps.test.ts', 'mergeRules: rules of one style are stroked together'],
  emptyLines: ['wraps.test.ts', 'emptyLines: an empty cell draws nothing'],
  objectStreams: ['hooks-switch.test.ts', 'objectStreams: compressed object streams with it, a classic xref table without'],
  lineNotes: ['hooks-switch.test.ts', 'lineNotes: lines carry their text node with it'],
  pages: ['hooks-switch.test.ts', 'pages: the laid-out pages are read with it, not without'],
  pageNumbers: ['wraps.test.ts', 'pageNumbers: the 目录 prints its target’s printed page number'],
  justify: ['wraps.test.ts', 'justify: a justified line is spread per character'],
  keepLines: ['wraps.test.ts', 'keepLines: no paragraph leaves one line alone'],
  tags: ['hooks-switch.test.ts', 'tags: a structure tree with the hook, none without'],
  outline: ['wraps.test.ts', 'outline: a bookmark points at its heading’s line'],
  archive: ['wraps.test.ts', 'archive: PDF/A-3 with the files inside and the properties in XMP with it, a plain PDF without'],
  xmp: ['hooks-switch.test.ts', 'xmp: the XMP packet escapes & and < with it, not without'],
};

describe('versions.ts', () => {
  it('every wrap has a test of its own that prints with it on and off', () => {
    expect(Object.keys(TESTED).sort()).toEqual([...WRAP_NAMES].sort());
    for (const [wrap, [file, test]] of Object.entries(TESTED)) {
      const source = readFileSync(path.join(import.meta.dirname, file), 'utf8');
      // the named test exists, and it switches this wrap off (by name, or through the patch switches)
      expect(source, `${wrap}: ${file}`).toContain(`it('${test}`);
      expect(source, `${wrap} switched off in ${file}`).toMatch(new RegExp(`['{ ]${wrap}\\b`));
    }
  });
});
