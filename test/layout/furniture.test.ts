import { beforeAll, describe, expect, it } from 'vitest';
import type { Fonts } from '../../src/fonts/index.js';
import type { TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { continuedHeader, footer, footerOffset, UNPRINTABLE_STRIP } from '../../src/layout/furniture.js';
import { layoutTable, type Continuation } from '../../src/layout/table.js';
import type { ModelCell, TableModel } from '../../src/render/table.js';
import { Annotations, type Content } from '../../src/layout/engine/index.js';
import { pdfPages } from '../support/pdf-text.js';
import type { LayoutTheme } from '../../src/layout/theme.js';
import { textItems } from '../support/geometry.js';
import { referenceLayout, renderPdf } from '../support/print.js';

/*
 * The page number stays out of the strip along the paper's edge that many printers cannot print
 * (10 mm): at the old offset it sat 6.5 mm from the edge.
 */

let fonts: Fonts;
let lt: LayoutTheme;
beforeAll(async () => {
  ({ fonts, lt } = await referenceLayout());
});

const numbering = { printed: (page: number) => page, first: 1 } as never;

/** The page number's baseline and size, points from the paper's bottom edge, as pdf.js reads it. */
async function pageNumber(theme: LayoutTheme) {
  const [l, t, r, b] = theme.theme.page.margins;
  const doc: TDocumentDefinitions = {
    content: [{ text: '正文' }],
    pageMargins: [l, t, r, b],
    styles: theme.styles,
    defaultStyle: { font: fonts.familyOf.body },
    footer: footer(numbering, { footer: '— {{page}} —' }, theme),
    info: { creationDate: new Date(Date.UTC(2026, 0, 1)) } as TDocumentDefinitions['info'],
  };
  const { pdf } = await renderPdf(doc);
  const item = (await textItems(pdf))[0]!.find((i) => /—/.test(i.str))!;
  return { baseline: item.y, size: item.height };
}

describe('the page number', () => {
  it('sits at least 10 mm from the paper’s edge, its descent included', async () => {
    const { baseline, size } = await pageNumber(lt);
    expect(baseline - 0.2 * size).toBeGreaterThanOrEqual(UNPRINTABLE_STRIP);
  });

  it('is raised out of the strip even when a theme asks for a lower place', async () => {
    const low = { ...lt, theme: { ...lt.theme, page: { ...lt.theme.page, footerOffset: 40 } } };
    expect(footerOffset(low)).toBeLessThan(40);
    const { baseline, size } = await pageNumber(low);
    expect(baseline - 0.2 * size).toBeGreaterThanOrEqual(UNPRINTABLE_STRIP);
    // a theme's higher place is kept
    const high = { ...lt, theme: { ...lt.theme, page: { ...lt.theme.page, footerOffset: 4 } } };
    expect(footerOffset(high)).toBe(4);
  });
});

const cell = (text: string, align: ModelCell['align'] = 'left'): ModelCell => ({ text, align, indent: 0 });

/** A table of `n` rows: one page holds about 30. */
function long(n: number): TableModel {
  return {
    id: 't02',
    label: '预算公开表2',
    title: '2026年预算收入总表',
    toc: '表二',
    widths: [20, 60, 20],
    header: [[cell('科目编码', 'center'), cell('科目名称', 'center'), cell('合计', 'center')]],
    rows: Array.from({ length: n }, (_, i) => ({ kind: 'item' as const, cells: [cell(String(2010101 + i)), cell(`第${i + 1}项支出`), cell('12.50', 'right')] })),
    empty: false,
    notes: [],
  };
}

describe('a table continued on the next page', () => {
  async function print(n: number, continued: string) {
    const annotations = new Annotations();
    const continuations: Continuation[] = [];
    const node = layoutTable(long(n), lt, fonts, { tableMeta: '部门名称：测试局', tableUnit: '单位：万元', emptyNote: '' }, { id: 't02', atPageTop: true, continuations }, annotations);
    const [l, t, r, b] = lt.theme.page.margins;
    const header = continuedHeader(continuations, { continued }, lt);
    const doc: TDocumentDefinitions = { content: [node as Content], pageMargins: [l, t, r, b], styles: lt.styles, ...(header ? { header } : {}) };
    const { pdf } = await renderPdf(doc, { annotations });
    return { pages: await pdfPages(pdf), items: await textItems(pdf) };
  }

  it('carries its label and the set’s word for it (（续）) over the repeated header, above the text block', async () => {
    const { pages, items } = await print(80, '{{label}}（续）');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).not.toContain('（续）');
    for (const page of pages.slice(1)) expect(page).toContain('预算公开表2（续）');
    const mark = items[1]!.find((i) => i.str.includes('（续）'))!;
    const [left, top] = lt.theme.page.margins;
    expect(mark.x).toBeCloseTo(left, 0);
    // in the top margin: above where the repeated header starts
    expect(mark.y).toBeGreaterThan(841.89 - top);
  });

  it('says nothing when the set has no word for it, or the table fits its page', async () => {
    expect((await print(80, '')).pages.join('')).not.toContain('续');
    expect((await print(5, '{{label}}（续）')).pages.join('')).not.toContain('续');
  });
});
