import type { Content, TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Fonts } from '../../src/fonts/index.js';
import { tagContent } from '../../src/layout/complete.js';
import { Annotations } from '../../src/layout/engine/index.js';
import { referenceLayout, renderPdf } from '../support/print.js';
import { columnNames, contentWidths, gridWidths, isFigure, layoutTable, reserveWidths } from '../../src/layout/table.js';
import { breakLines, breakUnits } from '../../src/layout/breaks.js';
import { pdfPages } from '../support/pdf-text.js';
import { styleRole, styleSize, type LayoutTheme } from '../../src/layout/theme.js';
import { splitFigureDiagnostics } from '../../src/pipeline/complete.js';
import type { ModelCell, TableModel } from '../../src/render/table.js';
import { splitFiguresOnPage, textItems } from '../support/geometry.js';

/*
 * Numbers are never split (issue 19): a figure's column is as wide as its widest printed figure,
 * bold totals included, measured with the fonts the PDF uses; a figure that cannot fit is broken
 * by pdfmake, and the layout's check then names its cell.
 */

let fonts: Fonts;
let lt: LayoutTheme;
beforeAll(async () => {
  ({ fonts, lt } = await referenceLayout());
});

const META = { tableMeta: '部门名称：测试局', tableUnit: '单位：万元', emptyNote: '注：本表无数据' };
const text = (t: string, extra: Partial<ModelCell> = {}): ModelCell => ({ text: t, align: 'left', indent: 0, ...extra });
const amount = (t: string): ModelCell => ({ text: t, align: 'right', indent: 0 });
const head = (t: string, extra: Partial<ModelCell> = {}): ModelCell => ({ text: t, align: 'center', indent: 0, ...extra });

/** 表4's shape: 收入 on the left (项目, 金额), 支出 on the right (项目, 小计 and three sources). */
function t04(total: string): TableModel {
  return {
    id: 't04',
    label: '预算公开表4',
    title: '2026年财政拨款收支总表',
    toc: '表四',
    widths: [96, 42, 147, 45, 45, 45, 45],
    header: [
      [head('收入', { colSpan: 2 }), head(''), head('支出', { colSpan: 5 }), head(''), head(''), head(''), head('')],
      [head('项目', { rowSpan: 2 }), head('金额', { rowSpan: 2 }), head('项目', { rowSpan: 2 }), head('金额', { colSpan: 4 }), head(''), head(''), head('')],
      [head(''), head(''), head(''), head('小计'), head('一般公共预算'), head('政府性基金预算'), head('国有资本经营预算')],
    ],
    rows: [
      { kind: 'item', cells: [text('一、一般公共预算'), amount('93585.77'), text('一般公共服务支出'), amount('1520.35'), amount('1520.35'), amount(''), amount('')] },
      { kind: 'total', cells: [text('收入总计'), amount(total), text('支出总计'), amount(total), amount('93585.77'), amount('13055.54'), amount('')] },
    ],
    empty: false,
    notes: [],
  };
}

const place = { id: 't04', atPageTop: true };
const annotations = new Annotations();
type Grid = { stack: Array<{ table?: { widths: number[]; body: Array<Array<Record<string, unknown>>> } }> };
const grid = (c: Content) => (c as unknown as Grid).stack.find((n) => n.table)!.table!;
const bold = (t: string) => fonts.width(styleRole(lt, 'tableTotal'), t, styleSize(lt, 'tableTotal'));

async function render(content: Content) {
  const doc: TDocumentDefinitions = { pageSize: 'A4', pageMargins: lt.theme.page.margins as [number, number, number, number], content: [content], styles: lt.styles };
  const tagged = tagContent(doc.content as Content[], annotations);
  return renderPdf(doc, { tagged, annotations });
}

describe('figures', () => {
  it('are amounts, shares and codes; not names or years in words', () => {
    for (const t of ['10332.79', '1,234.56', '-3.50', '12.5%', '2070101', '0']) expect(isFigure(t), t).toBe(true);
    for (const t of ['', '一、一般公共预算', '2026年', '1.2.3', '合计', '—']) expect(isFigure(t), t).toBe(false);
  });

  it('columns are named by their headers, spanning ones included', () => {
    expect(columnNames(t04('1').header, 7)).toEqual(['收入·项目', '收入·金额', '支出·项目', '支出·金额·小计', '支出·金额·一般公共预算', '支出·金额·政府性基金预算', '支出·金额·国有资本经营预算']);
  });
});

describe('reserving room for figures', () => {
  it('raises a figure column to its figure, the room taken from columns that have more; the sum is kept', () => {
    const w = reserveWidths([200, 40, 60], [0, 70, 30], [0, 0, 0])!;
    expect(w[1]).toBeGreaterThanOrEqual(69.99);
    expect(w[2]).toBeGreaterThanOrEqual(30);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300);
    expect(w.reduce((a, b) => a + b, 0)).toBeGreaterThan(299.9);
  });

  it('gives up a header word before a figure, and says so when even the figures cannot fit', () => {
    // the header's widest word (soft) and the figure (hard) do not both fit: the figure wins
    const w = reserveWidths([50, 50], [60, 0], [0, 45])!;
    expect(w[0]).toBeGreaterThanOrEqual(59.99);
    expect(w[1]).toBeLessThan(45);
    expect(reserveWidths([50, 50], [60, 60], [0, 0])).toBeNull();
  });

  it('表4: a 6-digit bold total gets a column it fits in, which the template’s weights alone do not give', async () => {
    const total = '106641.31';
    const [pl, , pr] = lt.theme.spacing.cellPadding;
    const weighted = gridWidths(t04(total).widths, lt.contentWidth, { left: pl!, right: pr! }, lt.theme.table.lineWidth);
    // the case in point: without the reservation the 金额 column is narrower than the total
    expect(weighted[1]).toBeLessThan(bold(total));
    const node = layoutTable(t04(total), lt, fonts, META, place, annotations);
    const table = grid(node);
    expect(table.widths[1]).toBeGreaterThanOrEqual(bold(total));
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(weighted.reduce((a, b) => a + b, 0) + 0.01);
    // the figure cells carry their names for the check; text cells do not
    const cells = table.body.slice(3);
    expect(annotations.of(cells[1]![1])?.figure).toBe('预算公开表4（2026年财政拨款收支总表）第2行“收入总计”“收入·金额”列');
    expect(annotations.of(cells[1]![3])?.figure).toBe('预算公开表4（2026年财政拨款收支总表）第2行“支出总计”“支出·金额·小计”列');
    expect(annotations.of(cells[1]![0])?.figure).toBeUndefined();

    const r = await render(node);
    expect(r.split).toEqual([]);
    // read back: the total is one piece of text, twice, on one baseline each
    const items = (await textItems(r.pdf))[0]!.filter((i) => i.str === total);
    expect(items).toHaveLength(2);
  });

  it('sabotage: figures that cannot fit are broken by pdfmake, and the check names each cell', async () => {
    const n = 16;
    const model: TableModel = {
      ...t04('1'),
      label: '预算公开表9',
      title: '宽表',
      widths: Array.from({ length: n }, () => 1),
      header: [Array.from({ length: n }, (_, k) => head(`第${k + 1}栏`))],
      rows: [{ kind: 'total', cells: [text('合计'), ...Array.from({ length: n - 1 }, () => amount('106641.31'))] }],
    };
    const r = await render(layoutTable(model, lt, fonts, META, place, annotations));
    expect(r.split!.length).toBe(n - 1);
    expect(r.split![0]).toMatchObject({ label: '预算公开表9（宽表）第1行“合计”“第2栏”列', text: '106641.31' });
    expect(r.split![0]!.lines.length).toBeGreaterThan(1);
    expect(r.split![0]!.lines.join('')).toBe('106641.31');
    // the reader's view agrees: the PDF's text shows the pieces one under the other
    expect(splitFiguresOnPage((await textItems(r.pdf))[0]!).length).toBeGreaterThanOrEqual(n - 1);
    const [d] = splitFigureDiagnostics(r.split!, 'x.json');
    expect(d).toMatchObject({ rule: 'figure-split', severity: 'error', path: '' });
    expect(d!.message).toContain('预算公开表9（宽表）第1行“合计”“第2栏”列的数字 106641.31 被拆成了');
    // a clerk's words: no field names, no English
    expect(d!.message).not.toMatch(/[A-Za-z]/);
  });
});

/** 表2's shape: code, name, then seven amount columns, most of them empty. */
function t02(rows: number): TableModel {
  const names = ['一般公共服务支出', '政府办公厅（室）及相关机构事务', '行政运行', '一般行政管理事务', '机关事业单位基本养老保险缴费支出', '用于社会福利的彩票公益金支出'];
  return {
    id: 't02',
    label: '预算公开表2',
    title: '2026年预算收入总表',
    toc: '表二',
    widths: [9, 22, 9, 9, 8, 8, 8, 8, 8],
    header: [
      [head('项目', { colSpan: 2 }), head(''), head('本年收入', { colSpan: 6 }), head(''), head(''), head(''), head(''), head(''), head('上年结转', { rowSpan: 2 })],
      [head('科目编码'), head('科目名称'), head('合计'), head('一般公共预算'), head('政府性基金'), head('国有资本经营预算'), head('财政专户管理资金'), head('单位资金'), head('')],
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      kind: 'item' as const,
      cells: [text(String(20101 + i)), text(names[i % names.length]!, { indent: i % 3 }), amount('6927.94'), amount('6927.94'), amount(''), amount(''), amount(''), amount(''), amount('')],
    })),
    empty: false,
    notes: [],
  };
}

describe('column widths sized to content', () => {
  it('mostly empty amount columns give their room to the name column; the total is kept', () => {
    const base = [43, 107, 43, 43, 43, 43, 43];
    const min = [30, 40, 40, 30, 30, 30, 30];
    const want = [35, 200, 40, 30, 30, 30, 30];
    const w = contentWidths(base, min, want)!;
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(365 + 0.01);
    expect(w.reduce((a, b) => a + b, 0)).toBeGreaterThan(365 - 0.1);
    w.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(min[i]! - 0.01));
    expect(w[1]).toBeGreaterThan(160);
    expect(w[3]).toBeLessThan(43);
    // every want met: the room left goes by the weights
    const roomy = contentWidths([100, 100], [10, 10], [20, 50])!;
    expect(roomy).toEqual([85, 115]);
    expect(contentWidths([50, 50], [60, 60], [60, 60])).toBeNull();
  });

  it('表2: names on one line where the weights wrapped them, figures whole, header words whole (no 财政专/户)', async () => {
    const model = t02(12);
    const node = layoutTable(model, lt, fonts, META, place, annotations);
    const table = grid(node);
    const [pl, , pr] = lt.theme.spacing.cellPadding;
    const weighted = gridWidths(model.widths, lt.contentWidth, { left: pl!, right: pr! }, lt.theme.table.lineWidth);
    expect(table.widths[1]).toBeGreaterThan(weighted[1]! + 20);
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(weighted.reduce((a, b) => a + b, 0) + 0.01);
    // fewer name lines than the weights give (a long name had three lines there)
    const lines = (widths: readonly number[]) => model.rows.reduce((n, row) => {
      const c = row.cells[1]!;
      const m = (t: string) => fonts.width(styleRole(lt, 'tableCell'), t, styleSize(lt, 'tableCell'));
      return n + breakLines(c.text, m, widths[1]! - c.indent * lt.theme.spacing.indentPerLevel, 'greedy').split('\n').length;
    }, 0);
    expect(lines(table.widths)).toBeLessThan(lines(weighted));
    expect(table.body.slice(2).map((row) => String(row[1]!.text).split('\n').length).every((n) => n <= 2)).toBe(true);
    // header lines are made of whole words
    for (const cell of table.body[1]!) {
      for (const line of String(cell.text ?? '').split('\n')) if (line) expect(breakUnits(line).join('')).toBe(line);
    }
    expect(String(table.body[1]![6]!.text).split('\n')).toContain('财政专户');
    const r = await render(node);
    expect(r.split).toEqual([]);
  });

  it('a table ending at a page foot leaves no blank page before a block that starts its own', async () => {
    for (let gap = 380; gap <= 480; gap += 6) {
      const small = layoutTable(t02(6), lt, fonts, META, { id: 't02', atPageTop: false, afterTable: true }, annotations);
      const doc: TDocumentDefinitions = {
        pageSize: 'A4',
        pageMargins: lt.theme.page.margins as [number, number, number, number],
        content: [{ text: '上文', margin: [0, gap, 0, 0] }, small, { text: '第三部分', pageBreak: 'before' }] as Content[],
        styles: lt.styles,
        defaultStyle: { font: fonts.familyOf.body },
      };
      const pages = await pdfPages((await renderPdf(doc)).pdf);
      expect(pages.filter((p) => !p.trim()), `gap ${gap}`).toEqual([]);
    }
  });
});

/** Each text run of the first page with the name of the font it is drawn in. */
async function runFonts(pdf: Uint8Array): Promise<Array<{ text: string; font: string }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList();
  const out: Array<{ text: string; font: string }> = [];
  let font = '';
  ops.fnArray.forEach((fn, k) => {
    const args = ops.argsArray[k] as unknown[];
    if (fn === OPS.setFont) font = (page.commonObjs.get(args[0] as string) as { name: string }).name;
    else if (fn === OPS.showText) out.push({ text: (args[0] as Array<{ unicode?: string }>).map((g) => g.unicode ?? '').join(''), font });
  });
  await doc.destroy();
  return out;
}

describe('one numeric style per column', () => {
  it('a total’s figures are set in the face of the column’s other figures (serif), its label in the bold label face', async () => {
    const runs = await runFonts((await render(layoutTable(t04('106641.31'), lt, fonts, META, place, annotations))).pdf);
    const face = (t: string) => runs.find((r) => r.text === t)!.font;
    const family = (f: string) => f.replace(/^[A-Z]{6}\+/, '').replace(/-.*$/, '');
    expect(family(face('106641.31'))).toBe(family(face('1520.35')));
    expect(face('106641.31')).not.toBe(face('1520.35'));
    expect(family(face('收入总计'))).not.toBe(family(face('1520.35')));
  });
});
