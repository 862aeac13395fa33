import type { Content } from '../../src/layout/engine/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFonts, type Fonts } from '../../src/fonts/index.js';
import type { TDocumentDefinitions } from '../../src/layout/engine/index.js';
import { tagContent } from '../../src/layout/complete.js';
import { Annotations, installFonts } from '../../src/layout/engine/index.js';
import { renderPdf } from '../support/print.js';
import { layoutSheet } from '../../src/layout/sheet.js';
import { layoutTheme, type LayoutTheme } from '../../src/layout/theme.js';
import { loadFontSet } from '../../src/load/font-set.js';
import { loadTemplateSet } from '../../src/load/template-set.js';
import { sheetModel, type SheetModel } from '../../src/render/sheet.js';
import type { TemplateSet } from '../../src/render/template-set.js';
import { D } from '../../src/derive/decimal.js';
import type { DerivedSheet } from '../../src/derive/types.js';
import { varied } from '../support/pdf-text.js';

/*
 * The 绩效目标表 layout: on one page when it fits (as it is, or a little smaller), otherwise cut
 * into closed parts between rows, each later part opening with 项目名称（续） and, inside the
 * indicators, their heads; merged runs show their label again at the top of a part.
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

const funds = () => {
  const total = { derived: new D(100000), printed: new D(100000) };
  return { central: new D(100000), provincial: null, local: null, selfRaised: null, other: null, total };
};

/** A sheet drawn in the set's own grid, its indicators and texts as long as asked. */
function sheet(indicators: number, text = 40): SheetModel {
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
    fundsYuan: { implementation: funds(), annual: funds() },
    indicatorRows: Array.from({ length: indicators }, (_, i) => {
      const line = { level2: `二级${Math.floor(i / 4)}`, level3: `三级指标${i}`, value: '100%' };
      return { level1: ['产出指标', '效益指标', '满意度指标'][Math.floor((i * 3) / indicators)]!, implementation: line, annual: line };
    }),
  } as unknown as DerivedSheet;
  return sheetModel(derived, set.sheet, { title: '项目支出绩效目标表', subtitle: '（2026年度）' }, set.theme.numbers);
}

/** The set's words in its grid: the continuation row's label, the indicator heads. */
const continuedLabel = () => set.sheet.continued[0]!.label;
const indicatorHead = (k: number) => set.sheet.rows.flatMap((r) => ('indicators' in r ? [r.indicators.head[k]] : []))[0];

type Cell = { text: unknown; border?: boolean[]; fontSize?: number };
type Grid = { table: { body: Cell[][] }; pageBreak?: string };
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

  it('that runs just past a page is set a little smaller to stay on one', () => {
    let n = 8;
    let node = layoutSheet(sheet(n), lt, fonts, 'p', annotations) as { unbreakable?: boolean };
    // grow it until it no longer fits at its own size
    while (grids(node as Content)[0]!.table.body.flat().every((c) => c.fontSize === undefined)) node = layoutSheet(sheet((n += 2)), lt, fonts, 'p', annotations) as { unbreakable?: boolean };
    expect(node.unbreakable).toBe(true);
    const sizes = grids(node as Content)[0]!.table.body.flat().map((c) => c.fontSize).filter((x) => x !== undefined);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8 * 0.85 - 1e-9);
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
