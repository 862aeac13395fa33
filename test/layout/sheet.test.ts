import type { Content } from '../../src/layout/engine/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import type { TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { tagContent } from '../../src/layout/complete.js';
import { Annotations, installFonts } from '../../src/layout/engine/index.js';
import { renderPdf } from '../support/print.js';
import { layoutSheet } from '../../src/layout/sheet.js';
import { layoutTheme, styleRole, styleSize, type LayoutTheme } from '../../src/layout/theme.js';
import { breakUnits } from '../../src/layout/breaks.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { sheetModel, type SheetModel } from '../../src/render/sheet.js';
import type { TemplateSet } from '../../src/render/template-set.js';
import { D } from '../../src/derive/decimal.js';
import type { DerivedSheet } from '../../src/derive/types.js';
import { varied } from '../support/pdf-text.js';

/*
 * The 绩效目标表 layout: on one page when it fits (as it is, or a little smaller but never under
 * 8 pt), otherwise cut into closed parts between rows, each later part opening with 项目名称（续）
 * and, inside the indicators, their heads; merged runs show their label again at the top of a
 * part. Labels break only between words, in columns wide enough for their longest word.
 */

const annotations = new Annotations();
let fonts: Fonts;
let lt: LayoutTheme;
let set: TemplateSet;
beforeAll(async () => {
  fonts = setupFonts((await loadFontSet()).roles);
  installFonts(fonts.families);
  set = (await loadTemplateSet('shanxi-zonggai')).set!;
  lt = layoutTheme(set.theme, fonts);
});

const funds = (central = '100000', local: string | null = null) => {
  const total = { derived: new D(central).plus(local ?? 0), printed: new D(central).plus(local ?? 0) };
  return { central: new D(central), provincial: new D(0), local: local === null ? null : new D(local), selfRaised: null, other: null, total };
};

/** A sheet drawn in the set's own grid, its indicators and texts as long as asked. */
function sheet(indicators: number, text = 40, { local = null as string | null, title = '项目支出绩效目标表', level3 = (i: number) => `三级指标${i}` } = {}): SheetModel {
  const texts = ['overview', 'basis', 'necessity', 'measures', 'plan'].map((k, i) => [k, varied(text, undefined) + i]);
  const derived = {
    index: 0,
    authority: '640-政务服务中心',
    source: {
      project: '政务服务平台运维项目',
      unit: '政务服务中心',
      attribute: '经常性项目',
      period: '1年',
      ...Object.fromEntries(texts),
      goals: { implementation: varied(60), annual: varied(60) },
      responsible: '张三',
      handler: '李四',
      phone: '0351-1234567',
      filledAt: '20260115',
    },
    fundsYuan: { implementation: funds('100000', local), annual: funds() },
    indicatorRows: Array.from({ length: indicators }, (_, i) => {
      const line = { level2: `二级${Math.floor(i / 4)}`, level3: level3(i), value: '100%' };
      return { level1: ['产出指标', '效益指标', '满意度指标'][Math.floor((i * 3) / indicators)]!, implementation: line, annual: line };
    }),
  } as unknown as DerivedSheet;
  return sheetModel(derived, set.sheet, { title, subtitle: '（2026年度）' }, set.theme.numbers);
}

/** The set's words in its grid: the continuation row's label, the indicator heads. */
const continuedLabel = () => set.sheet.continued[0]!.label;
const indicatorHead = (k: number) => set.sheet.rows.flatMap((r) => ('indicators' in r ? [r.indicators.head[k]] : []))[0];

type Cell = { text: unknown; border?: boolean[]; fontSize?: number; style?: string; colSpan?: number };
type Grid = { table: { body: Cell[][]; widths: number[] }; pageBreak?: string };
const grids = (node: Content): Grid[] => {
  const n = node as { stack?: Content[]; table?: unknown };
  if (n.table) return [n as unknown as Grid];
  return (n.stack ?? []).flatMap(grids);
};
const text = (c: Cell) => (Array.isArray(c.text) ? c.text.map((t: { text: string }) => t.text).join('') : String(c.text ?? ''));

describe('a 绩效目标表', () => {
  it('that fits a page is one unbreakable block at its own size', () => {
    const node = layoutSheet(sheet(8), lt, fonts, 'p', annotations) as { unbreakable?: boolean; pageBreak?: string };
    expect(node.unbreakable).toBe(true);
    expect(node.pageBreak).toBeUndefined();
    expect(grids(node as Content)).toHaveLength(1);
    expect(grids(node as Content)[0]!.table.body.flat().every((c) => c.fontSize === undefined)).toBe(true);
  });

  /** The smallest size any cell of the sheet is set in, at a set's own size `own`. */
  const smallest = (node: Content, own: number) => Math.min(...grids(node).flatMap((g) => g.table.body.flat().map((c) => c.fontSize ?? own)));

  it('that runs past a page is split across pages rather than set under 8 pt, every row kept', () => {
    expect(styleSize(lt, 'sheetCell')).toBe(8);
    let n = 8;
    let node = layoutSheet(sheet(n), lt, fonts, 'p', annotations);
    // grown a row at a time until it no longer fits one page: never set under 8 pt on the way
    while (grids(node).length === 1 && n < 200) {
      expect(smallest(node, 8), `${n} indicators`).toBeGreaterThanOrEqual(8);
      node = layoutSheet(sheet((n += 1)), lt, fonts, 'p', annotations);
    }
    const parts = grids(node);
    expect(parts).toHaveLength(2);
    expect(smallest(node, 8)).toBeGreaterThanOrEqual(8);
    const rows = parts.flatMap((g) => g.table.body.map((r) => text(r[3] ?? { text: '' }))).filter((t) => /^三级指标\d+$/.test(t));
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => `三级指标${i}`));
  });

  it('never gives a page to its last row alone: a sheet past the estimate’s margin but within the page stays whole', () => {
    let n = 8;
    let node = layoutSheet(sheet(n), lt, fonts, 'p', annotations);
    while (grids(node).length === 1 && n < 200) node = layoutSheet(sheet((n += 1)), lt, fonts, 'p', annotations);
    // the first sheet that is cut: its second part holds indicators, not just the 负责人 line
    const second = grids(node)[1]!.table.body.map((r) => text(r[3] ?? { text: '' }));
    expect(second.filter((t) => /^三级指标\d+$/.test(t)).length).toBeGreaterThan(0);
  });

  it('set larger than 8 pt is made smaller to stay on one page, but never under 8 pt', () => {
    const big = { ...set.theme, styles: { ...set.theme.styles, sheetCell: { ...set.theme.styles.sheetCell, fontSize: 9 }, sheetLabel: { ...set.theme.styles.sheetLabel, fontSize: 9 } } };
    const lt9 = layoutTheme(big, fonts);
    let n = 8;
    let node = layoutSheet(sheet(n), lt9, fonts, 'p', annotations);
    let shrunk = false;
    while (grids(node).length === 1 && n < 200) {
      expect(smallest(node, 9), `${n} indicators`).toBeGreaterThanOrEqual(8);
      shrunk ||= smallest(node, 9) < 9;
      node = layoutSheet(sheet((n += 1)), lt9, fonts, 'p', annotations);
    }
    // it was set smaller on the way (9 × 0.95, 0.9), then split at its own size
    expect(shrunk).toBe(true);
    expect(grids(node).length).toBeGreaterThan(1);
    expect(smallest(node, 9)).toBe(9);
  });

  it('that is longer is cut between rows into closed parts, each later one headed 项目名称（续）', () => {
    const node = layoutSheet(sheet(120), lt, fonts, 'p', annotations);
    const parts = grids(node);
    expect(parts.length).toBeGreaterThan(2);
    parts.slice(1).forEach((g, i) => {
      expect(g.pageBreak, `part ${i + 2}`).toBe('before');
      expect(text(g.table.body[0]![0]!)).toBe(continuedLabel());
      expect(text(g.table.body[0]![2]!)).toBe('政务服务平台运维项目');
      // inside the indicators: their heads again, then a first row whose merged 一级 cell is labelled
      expect(text(g.table.body[1]![1]!)).toBe(indicatorHead(1));
      expect(text(g.table.body[2]![1]!)).not.toBe('');
    });
    // every part closes its grid: merged cells of its last row have their bottom rule
    for (const g of parts) {
      const last = g.table.body[g.table.body.length - 1]!;
      for (const c of last) if (c.border) expect(c.border[3]).toBe(true);
    }
    // nothing lost or doubled: every indicator once, in order
    const rows = parts.flatMap((g) => g.table.body.map((r) => text(r[3] ?? { text: '' }))).filter((t) => /^三级指标\d+$/.test(t));
    expect(rows).toEqual(Array.from({ length: 120 }, (_, i) => `三级指标${i}`));
  });
});

describe('a 绩效目标表’s amounts', () => {
  it('are checked like a table’s figures: one too long for its cell is named, a fitting one is not', async () => {
    const s = sheet(4);
    const group = s.rows.find((r) => r.kind === 'group')!;
    if (group.kind === 'group') group.rows[0]![1]!.text = '12,345,678,901,234,567,890.00';
    const node = layoutSheet(s, lt, fonts, 'p', annotations);
    const doc: TDocumentDefinitions = { pageSize: 'A4', pageMargins: lt.theme.page.margins as [number, number, number, number], content: [node], styles: lt.styles };
    const { split } = await renderPdf(doc, { tagged: tagContent(doc.content as Content[], annotations), annotations });
    expect(split!.map((f) => f.label)).toEqual(['项目支出绩效目标表（政务服务平台运维项目）左栏“实施期资金总额”']);
    expect(split![0]!.lines.join('')).toBe('12,345,678,901,234,567,890.00');
  });
});

describe('a 绩效目标表’s labels', () => {
  const gap = () => 4 + lt.theme.table.lineWidth;
  /** Each label cell with the width pdfmake gives its text. */
  const labels = (g: Grid) =>
    g.table.body.flatMap((row) =>
      row.flatMap((c, k) => {
        if (c.style !== 'sheetLabel' || typeof c.text !== 'string' || !c.text) return [];
        const n = c.colSpan ?? 1;
        const width = g.table.widths.slice(k, k + n).reduce((a, b) => a + b, 0) + (n - 1) * gap();
        return [{ text: c.text, width }];
      }),
    );
  const measure = (t: string) => fonts.width(styleRole(lt, 'sheetLabel'), t, styleSize(lt, 'sheetLabel'));

  it('break only between words, each line fitting its cell (no 绩效指/标, 项目资/金, …制/度)', () => {
    const all = grids(layoutSheet(sheet(120), lt, fonts, 'p', annotations)).flatMap(labels);
    expect(all.map((l) => l.text.replace(/\n/g, ''))).toEqual(expect.arrayContaining(['绩效指标', '项目资金（元）', '保证项目实施的制度、措施', '市县（区）财政资金']));
    for (const { text: t, width } of all) {
      // pdfmake breaks a line wider than its cell between any two characters: every line fits
      for (const line of t.split('\n')) expect(measure(line), `“${line}” of “${t}”`).toBeLessThanOrEqual(width);
      // and every chosen break falls between two of the breaker's words
      const ends = new Set<number>();
      breakUnits(t.replace(/\n/g, ''), { keep: set.sheet.words }).reduce((at, u) => (ends.add(at + u.length), at + u.length), 0);
      let at = 0;
      for (const line of t.split('\n').slice(0, -1)) expect(ends.has((at += line.length)), `“${t}”`).toBe(true);
    }
  });

  it('have the same columns in every sheet of a document, whatever its data', () => {
    const a = grids(layoutSheet(sheet(4, 10), lt, fonts, 'p', annotations))[0]!;
    const b = grids(layoutSheet(sheet(30, 200, { level3: (i) => `服务对象满意度${i}` }), lt, fonts, 'p', annotations))[0]!;
    expect(b.table.widths).toEqual(a.table.widths);
  });

  it('keep the set’s words whole in the title: 县（区）级 is never cut', () => {
    const title = '山西转型综改示范区太原开发区县（区）级预算部门（单位）项目支出绩效目标表';
    const node = layoutSheet(sheet(4, 40, { title }), lt, fonts, 'p', annotations) as { stack: Array<{ text?: string }> };
    const printed = String(node.stack[0]!.text);
    expect(printed.replace(/\n/g, '')).toBe(title);
    expect(printed).toContain('\n');
    expect(printed).toMatch(/县（区）级/);
  });

  it('in an indicator value break between words too (服务对象/满意度, not 服务对象满/意度)', () => {
    const g = grids(layoutSheet(sheet(4, 40, { level3: () => '服务对象满意度服务对象满意度' }), lt, fonts, 'p', annotations))[0]!;
    const cells = g.table.body.flat().filter((c) => typeof c.text === 'string' && c.text.replace(/\n/g, '') === '服务对象满意度服务对象满意度');
    expect(cells.length).toBeGreaterThan(0);
    const ends = new Set<number>();
    breakUnits('服务对象满意度服务对象满意度').reduce((at, u) => (ends.add(at + u.length), at + u.length), 0);
    for (const c of cells) {
      const lines = String(c.text).split('\n');
      expect(lines.length).toBeGreaterThan(1);
      let at = 0;
      for (const line of lines.slice(0, -1)) expect(ends.has((at += line.length)), String(c.text)).toBe(true);
      expect(String(c.text)).not.toMatch(/满\n意/);
    }
  });
});

describe('a 绩效目标表’s amounts print in one style', () => {
  const figures = (m: SheetModel) => m.rows.flatMap((r) => (r.kind === 'group' ? r.rows.flat().filter((c) => c.figure && c.text).map((c) => c.text) : []));

  it('with two decimals throughout when any amount has 分 (0.00, not 0 beside 1,234.50)', () => {
    const f = figures(sheet(4, 40, { local: '1234.5' }));
    expect(f).toContain('1,234.50');
    expect(f).toContain('0.00');
    for (const t of f) expect(t).toMatch(/\.\d\d$/);
  });

  it('whole, as published, when every amount of the sheet is whole', () => {
    const f = figures(sheet(4, 40, { local: '1234' }));
    expect(f).toEqual(expect.arrayContaining(['1,234', '0', '100,000']));
    for (const t of f) expect(t).not.toContain('.');
  });
});
