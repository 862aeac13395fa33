import { annotate, type Content, type TableCell } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import type { SheetModel } from '../render/sheet.js';
import { breakLines } from './breaks.js';
import { gridWidths, isFigure, KEEP_WHOLE_LIMIT } from './table.js';
import { styleRole, styleSize, type LayoutTheme } from './theme.js';

/*
 * 项目支出绩效目标表: the reference's eight-column grid — the project part (names, funds, texts,
 * goals), then the indicators (一级/二级/三级/指标值 for 实施期 and 年度) and the contacts.
 *
 * A sheet is printed on one page whenever it fits: as it is, or set a little smaller (down to
 * SMALLEST) when it runs just past a page. A longer sheet is cut into page-sized parts here,
 * between rows, each part a closed grid of its own; every part after the first opens with
 * 项目名称（续） and the project's name, and the indicator heads again when it continues the
 * indicators. Merged cells (the 资金 label, 一级 and 二级 runs) are never cut from their rows:
 * runs are drawn as cells whose inner rules are switched off — pdfmake mis-sizes rows under a
 * rowSpan across pages — and a part's first row shows the run's label again.
 */

const WEIGHTS = [7, 9, 10, 20, 10, 10, 20, 10];
/** The smallest a sheet is set to keep it on one page (font sizes × this). */
const SMALLEST = 0.85;
/** Estimated heights are kept this far inside the page: the estimate may be a little short. */
const FILL = 0.92;
const PAD = 2;

const EMPTY: TableCell = { text: '' };
type Row = TableCell[];

/** Where a row sits in its part: a part's first row repeats the labels of the runs it cuts. */
interface Edge {
  start: boolean;
  end: boolean;
}

interface SheetRow {
  cells(edge: Edge, scale: number): Row;
  /** For the height estimate: each cell's text, style and span. */
  plain: Array<{ text: string; style: string; colSpan?: number }>;
  /** Kept on the same part as the next row (the 资金 rows under their label, heads with a row). */
  withNext?: boolean;
  /** An indicator row: a part starting with it repeats the indicator heads. */
  indicator?: boolean;
}

export function layoutSheet(sheet: SheetModel, lt: LayoutTheme, fonts: Fonts, parentId: string): Content {
  const l = (key: string) => sheet.labels[key] ?? key;
  const size = { sheetLabel: styleSize(lt, 'sheetLabel'), sheetCell: styleSize(lt, 'sheetCell') };
  const cell = (style: 'sheetLabel' | 'sheetCell', text: string, scale: number, { figure, ...extra }: Record<string, unknown> = {}): TableCell =>
    annotate({ text, style, ...(scale !== 1 ? { fontSize: size[style] * scale } : {}), ...extra }, { ...(style === 'sheetLabel' ? { tag: 'TH' } : {}), ...(typeof figure === 'string' ? { figure } : {}) }) as TableCell;
  const label = (text: string, scale: number, extra?: Record<string, unknown>) => cell('sheetLabel', text, scale, extra);
  const value = (text: string, scale: number, extra?: Record<string, unknown>) => cell('sheetCell', text, scale, extra);
  const span = (n: number): Row => Array.from({ length: n - 1 }, () => EMPTY);
  const P = (text: string, style: 'sheetLabel' | 'sheetCell' = 'sheetCell', colSpan?: number) => ({ text, style, ...(colSpan ? { colSpan } : {}) });

  const rows: SheetRow[] = [];
  /** A label over two columns and a value over six. */
  const wide = (key: string, text: string): SheetRow => ({
    cells: (_e, s) => [label(key, s, { colSpan: 2 }), EMPTY, value(text, s, { colSpan: 6 }), ...span(6)],
    plain: [P(key, 'sheetLabel', 2), P(text, 'sheetCell', 6)],
  });
  const pair = (k1: string, v1: string, k2: string, v2: string): SheetRow => ({
    cells: (_e, s) => [label(k1, s, { colSpan: 2 }), EMPTY, value(v1, s, { colSpan: 2 }), EMPTY, label(k2, s, { colSpan: 2 }), EMPTY, value(v2, s, { colSpan: 2 }), EMPTY],
    plain: [P(k1, 'sheetLabel', 2), P(v1, 'sheetCell', 2), P(k2, 'sheetLabel', 2), P(v2, 'sheetCell', 2)],
  });
  rows.push(wide(l('project'), sheet.project));
  rows.push(pair(l('authority'), sheet.authority, l('unit'), sheet.unit));
  rows.push(pair(l('attribute'), sheet.attribute, l('period'), sheet.period));
  sheet.funds.forEach(({ implementation: [a, av], annual: [b, bv] }, i) => {
    // an amount is named for the layout's check that no figure was broken over lines (complete.ts)
    const named = (label: string, v: string, side: string) => (isFigure(v) ? { figure: `${sheet.title}（${sheet.project}）${side}“${label.replace(/[：:]$/, '')}”` } : {});
    rows.push({
      cells: (_e, s) => [
        i === 0 ? label(l('funds'), s, { rowSpan: sheet.funds.length }) : EMPTY,
        label(a, s, { colSpan: 2 }),
        EMPTY,
        value(av, s, { alignment: 'right', ...named(a, av, '左栏') }),
        label(b, s, { colSpan: 2 }),
        EMPTY,
        value(bv, s, { colSpan: 2, alignment: 'right', ...named(b, bv, '右栏') }),
        EMPTY,
      ],
      plain: [P(i === 0 ? l('funds') : '', 'sheetLabel'), P(a, 'sheetLabel', 2), P(av), P(b, 'sheetLabel', 2), P(bv, 'sheetCell', 2)],
      withNext: i < sheet.funds.length - 1,
    });
  });
  for (const [key, text] of sheet.texts) rows.push(wide(key, text));
  rows.push({
    cells: (_e, s) => [label('', s, { colSpan: 2 }), EMPTY, label(l('implGoal'), s, { colSpan: 3, alignment: 'center' }), EMPTY, EMPTY, label(l('annualGoal'), s, { colSpan: 3, alignment: 'center' }), EMPTY, EMPTY],
    plain: [P('', 'sheetLabel', 2), P(l('implGoal'), 'sheetLabel', 3), P(l('annualGoal'), 'sheetLabel', 3)],
    withNext: true,
  });
  rows.push({
    cells: (_e, s) => [label(l('goal'), s, { colSpan: 2 }), EMPTY, value(sheet.goals.implementation, s, { colSpan: 3 }), EMPTY, EMPTY, value(sheet.goals.annual, s, { colSpan: 3 }), EMPTY, EMPTY],
    plain: [P(l('goal'), 'sheetLabel', 2), P(sheet.goals.implementation, 'sheetCell', 3), P(sheet.goals.annual, 'sheetCell', 3)],
  });

  // the indicator heads: at the start of the indicators, and again on a part that continues them
  const headTexts = [l('indicators'), l('level1'), l('level2'), l('level3'), l('value'), l('level2'), l('level3'), l('value')];
  const head = (withNext: boolean): SheetRow => ({
    cells: (e, s) => headTexts.map((t, k) => label(t, s, k === 0 ? { border: [true, true, true, e.end] } : { alignment: 'center' })),
    plain: headTexts.map((t) => P(t, 'sheetLabel')),
    withNext,
  });
  const indicators = sheet.indicators;
  type Indicator = (typeof indicators)[number];
  /** For each row: is it the first / last of its run of equal keys (within one 一级 group)? */
  const runs = (key: (r: Indicator) => string | undefined) =>
    indicators.map((r, i) => {
      const k = key(r);
      const same = (j: number) => j >= 0 && j < indicators.length && k !== undefined && key(indicators[j]!) === k && indicators[j]!.level1 === r.level1;
      return { first: !same(i - 1), last: !same(i + 1) };
    });
  const merged = (text: string, run: { first: boolean; last: boolean }, e: Edge, s: number): TableCell =>
    value(run.first || e.start ? text : '', s, { border: [true, run.first || e.start, true, run.last || e.end] });
  const l1 = runs((r) => r.level1);
  const implL2 = runs((r) => r.implementation?.[0]);
  const annL2 = runs((r) => r.annual?.[0]);
  rows.push(head(indicators.length > 0));
  indicators.forEach((r, i) => {
    const side = (x: Indicator['implementation'], run: { first: boolean; last: boolean }, e: Edge, s: number): Row => [merged(x?.[0] ?? '', run, e, s), value(x?.[1] ?? '', s), value(x?.[2] ?? '', s)];
    const texts = (x: Indicator['implementation']) => [P(x?.[0] ?? ''), P(x?.[1] ?? ''), P(x?.[2] ?? '')];
    rows.push({
      cells: (e, s) => [value('', s, { border: [true, false, true, i === indicators.length - 1 || e.end] }), merged(r.level1, l1[i]!, e, s), ...side(r.implementation, implL2[i]!, e, s), ...side(r.annual, annL2[i]!, e, s)],
      plain: [P(''), P(r.level1), ...texts(r.implementation), ...texts(r.annual)],
      indicator: true,
    });
  });
  const contact = ([key, v]: [string, string], s: number): TableCell =>
    ({ text: [{ text: key, style: 'sheetLabel', ...(s !== 1 ? { fontSize: size.sheetLabel * s } : {}) }, { text: v, style: 'sheetCell', ...(s !== 1 ? { fontSize: size.sheetCell * s } : {}) }], colSpan: 2 }) as TableCell;
  const contacts = sheet.contacts as Array<[string, string]>;
  rows.push({
    cells: (_e, s) => contacts.flatMap((c) => [contact(c, s), EMPTY]),
    plain: contacts.map(([k, v]) => P(k + v, 'sheetCell', 2)),
  });
  const continued = wide(l('continued'), sheet.project);

  const widths = gridWidths(WEIGHTS, lt.contentWidth, { left: PAD, right: PAD }, lt.theme.table.lineWidth);
  // asked again and again (each scale tried, each part cut, each grid): measured once per row and scale
  const heights = new Map<SheetRow, Map<number, number>>();
  const height = (row: SheetRow, scale: number): number => {
    let byScale = heights.get(row);
    if (!byScale) heights.set(row, (byScale = new Map()));
    let h = byScale.get(scale);
    if (h === undefined) byScale.set(scale, (h = measureRow(row, scale)));
    return h;
  };
  const measureRow = (row: SheetRow, scale: number): number => {
    let h = 0;
    let k = 0;
    for (const c of row.plain) {
      const n = c.colSpan ?? 1;
      let w = (n - 1) * (2 * PAD + lt.theme.table.lineWidth);
      for (let i = k; i < k + n; i++) w += widths[i] ?? 0;
      k += n;
      // text set `scale` times smaller fills a column `1 / scale` times wider, in lines `scale` times lower
      if (c.text) h = Math.max(h, scale * lt.textHeight(c.style, c.text, w / scale));
    }
    return h + 2 * PAD + lt.theme.table.lineWidth;
  };
  const title = breakLines(sheet.title, (t) => fonts.width(styleRole(lt, 'sheetTitle'), t, styleSize(lt, 'sheetTitle')), lt.contentWidth);
  const heading = lt.textHeight('sheetTitle', title, lt.contentWidth) + lt.textHeight('sheetSubtitle', sheet.subtitle, lt.contentWidth) + 8;
  const room = lt.bodyHeight * FILL;
  const total = (scale: number) => heading + rows.reduce((a, r) => a + height(r, scale), 0);

  const lw = lt.theme.table.lineWidth;
  const layout = {
    hLineWidth: () => lw,
    vLineWidth: () => lw,
    hLineColor: () => lt.color('rule'),
    vLineColor: () => lt.color('rule'),
    paddingLeft: () => PAD,
    paddingRight: () => PAD,
    paddingTop: () => PAD,
    paddingBottom: () => PAD,
  };
  const grid = (part: SheetRow[], scale: number, prefix: SheetRow[] = []): Content => {
    const all = [...prefix, ...part];
    const body = all.map((r, i) => r.cells({ start: i === prefix.length, end: i === all.length - 1 }, scale));
    // a row that might not fit a page may break (pdfmake drops an unbreakable row taller than a page)
    const dontBreakRows = all.every((r) => height(r, scale) <= lt.bodyHeight * KEEP_WHOLE_LIMIT);
    return annotate({ table: { widths, body, dontBreakRows }, layout }, { tag: 'Table' });
  };
  const headingNodes = [
    annotate({ text: title, style: 'sheetTitle', id: sheet.id, outline: true, outlineText: sheet.project, outlineParentId: parentId }, { tag: 'H3' }),
    { text: sheet.subtitle, style: 'sheetSubtitle', margin: [0, 2, 0, 6] },
  ];
  const unit = { label: `绩效目标表“${sheet.project.length > 20 ? `${sheet.project.slice(0, 20)}…` : sheet.project}”` };

  // on one page, as it is or a little smaller: kept whole, wherever the page has room for it
  const scale = [1, 0.95, 0.9, SMALLEST].find((x) => total(x) <= room);
  if (scale !== undefined) {
    return annotate({ stack: [...headingNodes, grid(rows, scale)], unbreakable: true, margin: [0, 0, 0, 12] }, { unit, height: total(scale) });
  }

  // longer: page-sized parts, cut between groups of rows that stay together
  const groups: SheetRow[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1]!.withNext) last.push(r);
    else groups.push([r]);
  }
  const parts: Array<{ rows: SheetRow[]; prefix: SheetRow[] }> = [];
  let current: { rows: SheetRow[]; prefix: SheetRow[] } = { rows: [], prefix: [] };
  let used = heading;
  for (const g of groups) {
    const h = g.reduce((a, r) => a + height(r, 1), 0);
    if (current.rows.length && used + h > room) {
      parts.push(current);
      const prefix = g[0]!.indicator ? [continued, head(false)] : [continued];
      current = { rows: [], prefix };
      used = prefix.reduce((a, r) => a + height(r, 1), 0);
    }
    current.rows.push(...g);
    used += h;
  }
  parts.push(current);
  return annotate(
    {
      stack: parts.map((p, i) => (i === 0 ? { stack: [...headingNodes, grid(p.rows, 1)] } : annotate({ ...(grid(p.rows, 1, p.prefix) as object), pageBreak: 'before' }, { tag: 'Table' }))),
      pageBreak: 'before',
      margin: [0, 0, 0, 12],
    },
    { unit },
  );
}
