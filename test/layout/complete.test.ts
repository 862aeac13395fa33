import type { Content, TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import { missingUnits, tagContent } from '../../src/layout/complete.js';
import { Annotations, installFonts, type StructElement } from '../../src/layout/engine/index.js';
import { renderPdf } from '../support/print.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { normalise, pdfPages } from '../support/pdf-text.js';

/*
 * The completeness check on documents built by hand: the blocks pdfmake drops (an unbreakable
 * block or an unbreakable table row taller than a page) are reported, by unit; what it places,
 * across page breaks and with repeated table headers, is not.
 */

let fonts: Fonts;
// the nodes each test builds are its own: one table of notes serves the file
const annotations = new Annotations();
const { annotate } = annotations;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
});

const long = (n: number, seed = '预算公开完整性检查文字') => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

async function check(content: Content[]) {
  const doc: TDocumentDefinitions = { pageSize: 'A4', content, defaultStyle: { font: fonts.familyOf.body, fontSize: 12 } };
  const tagged = tagContent(content, annotations);
  const { pdf, placed } = await renderPdf(doc, { tagged, annotations });
  return { missing: missingUnits(tagged, placed!), text: normalise((await pdfPages(pdf)).join('')) };
}

describe('the completeness check', () => {
  it('passes long text that pdfmake breaks across pages, and repeated table headers', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [{ text: `第${i + 1}项` }, { text: long(30) }]);
    const r = await check([
      annotate({ text: long(6000) }, { unit: { label: '长段落' } }),
      annotate({ table: { headerRows: 1, widths: [80, '*'], body: [[{ text: '名称' }, { text: '说明' }], ...rows] } }, { unit: { label: '长表' } }),
    ]);
    expect(r.missing).toEqual([]);
    expect(r.text).toContain(long(6000));
  });

  it('sabotage: an unbreakable block and an unbreakable row taller than a page are reported, nothing else', async () => {
    const r = await check([
      annotate({ text: '前面的段落' }, { unit: { label: '前段' } }),
      annotate({ stack: [{ text: '标题' }, { text: long(5000) }], unbreakable: true }, { unit: { label: '被丢的块' } }),
      annotate({ text: '中间的段落' }, { unit: { label: '中段' } }),
      annotate(
        { table: { headerRows: 1, dontBreakRows: true, widths: [60, '*'], body: [[{ text: '名称' }, { text: '金额' }], [{ text: '短行' }, { text: '1.00' }], [{ text: long(4000) }, { text: '2.00' }]] } },
        { unit: { label: '表' } },
      ),
      annotate({ text: '后面的段落' }, { unit: { label: '后段' } }),
    ]);
    // pdfmake really did drop them: the check is not reporting what is there
    expect(r.text).not.toContain(long(5000));
    expect(r.missing.map((m) => m.label)).toEqual(['被丢的块', `表 第2行（“${long(16)}…”）`]);
    expect(r.text).toContain('后面的段落');
  });
});

describe('the structure it tags', () => {
  it('gives spanning cells their spans and, under a two-row header, each data cell its header cells', () => {
    const head = (text: string, more: Record<string, unknown> = {}) => ({ text, ...more });
    const table = annotate({
      table: {
        headerRows: 2,
        body: [
          [head('科目', { rowSpan: 2 }), head('预算', { colSpan: 2 }), {}],
          [{}, head('基本'), head('项目')],
          ['201', '1.00', '2.00'],
        ],
      },
    }, { tag: 'Table' });
    const { structure } = tagContent([table], annotations);
    const t = structure.children[0] as StructElement;
    const [r0, r1, r2] = t.children as StructElement[];
    const [subject, budget] = r0!.children as StructElement[];
    expect(subject).toMatchObject({ type: 'TH', scope: 'Column', rowSpan: 2 });
    expect(budget).toMatchObject({ type: 'TH', colSpan: 2 });
    expect(r0!.children.length).toBe(2); // the covered cell is no cell of its own
    const [basic, project] = r1!.children as StructElement[];
    const [code, a, b] = r2!.children as StructElement[];
    expect(code!.headers).toEqual([subject!.id]);
    expect(a!.headers).toEqual([budget!.id, basic!.id]);
    expect(b!.headers).toEqual([budget!.id, project!.id]);
    expect(new Set([subject, budget, basic, project].map((c) => c!.id)).size).toBe(4);
  });

  it('a one-row header: scope alone, no ids', () => {
    const { structure } = tagContent([annotate({ table: { headerRows: 1, body: [['科目', '金额'], ['201', '1.00']] } }, { tag: 'Table' })], annotations);
    const cells = (structure.children[0] as StructElement).children.flatMap((r) => (r as StructElement).children as StructElement[]);
    expect(cells.some((c) => c.id !== undefined || c.headers !== undefined)).toBe(false);
  });

  it('a drawing with words for it is a Figure of its own, whose content the drawing is', () => {
    const ring = { svg: '<svg/>' };
    annotate(ring, { tag: 'Figure', alt: '结构图：一般公共服务支出1.00万元，占100.00%' });
    const { structure, numberOf, nodes } = tagContent([{ stack: [ring] } as Content], annotations);
    const figure = structure.children[0] as StructElement;
    expect(figure).toMatchObject({ type: 'Figure', alt: '结构图：一般公共服务支出1.00万元，占100.00%' });
    expect(figure.children).toEqual([numberOf.get(ring)]);
    // nothing to find on the pages: never reported missing
    expect(nodes[numberOf.get(ring)!]).toMatchObject({ text: '', repeats: true });
  });
});
