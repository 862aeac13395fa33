import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { DerivedSheet, SheetFundsDerived } from '../derive/types.js';
import { yuan } from '../derive/format.js';
import type { SheetWording } from '../render/template-set.js';
import { estimateRows, gridWidths, KEEP_WHOLE_LIMIT } from './table.js';
import type { LayoutTheme } from './theme.js';

/*
 * 项目支出绩效目标表: the reference's eight-column grid. Two tables per sheet: the project part
 * (names, funds, texts, goals), then the indicator grid whose heading row (一级/二级/三级/指标值)
 * repeats when a sheet runs past a page. Widths are fixed and every cell wraps, so long text is
 * never clipped as it was in the published PDF. Spanned cells are top-aligned (pdfmake draws
 * middle-aligned row spans at the wrong height across page breaks).
 */

const WEIGHTS = [7, 9, 10, 20, 10, 10, 20, 10];
const EMPTY: TableCell = { text: '' };

type Row = TableCell[];

export function layoutSheet(sheet: DerivedSheet, wording: SheetWording, lt: LayoutTheme, id: string, parentId: string): Content {
  const L = (key: string) => wording.labels[key] ?? key;
  const label = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, style: 'sheetLabel', ...extra }) as TableCell;
  const value = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, style: 'sheetCell', ...extra }) as TableCell;
  const money = (x: SheetFundsDerived[keyof SheetFundsDerived] | SheetFundsDerived['total']): string => {
    if (x === null) return '';
    if ('printed' in (x as object)) return yuan((x as SheetFundsDerived['total']).printed, { sep: true });
    return yuan(x as never, { sep: true });
  };
  const s = sheet.source;
  const span = (n: number): Row => Array.from({ length: n - 1 }, () => EMPTY);

  const top: Row[] = [];
  top.push([label(L('project'), { colSpan: 2 }), EMPTY, value(s.project, { colSpan: 6 }), ...span(6)]);
  top.push([label(L('authority'), { colSpan: 2 }), EMPTY, value(sheet.authority, { colSpan: 2 }), EMPTY, label(L('unit'), { colSpan: 2 }), EMPTY, value(s.unit, { colSpan: 2 }), EMPTY]);
  top.push([label(L('attribute'), { colSpan: 2 }), EMPTY, value(s.attribute, { colSpan: 2 }), EMPTY, label(L('period'), { colSpan: 2 }), EMPTY, value(s.period, { colSpan: 2 }), EMPTY]);
  const impl = sheet.fundsYuan.implementation;
  const annual = sheet.fundsYuan.annual;
  const fundRows: Array<[string, string, string, string]> = [
    [L('implTotal'), money(impl.total), L('annualTotal'), money(annual.total)],
    [L('central'), money(impl.central), L('central'), money(annual.central)],
    [L('provincial'), money(impl.provincial), L('provincial'), money(annual.provincial)],
    [L('local'), money(impl.local), L('local'), money(annual.local)],
    [L('selfRaised'), money(impl.selfRaised), L('selfRaised'), money(annual.selfRaised)],
    [L('other'), money(impl.other), L('other'), money(annual.other)],
  ];
  fundRows.forEach(([a, av, b, bv], i) => {
    top.push([
      i === 0 ? label(L('funds'), { rowSpan: fundRows.length }) : EMPTY,
      label(a, { colSpan: 2 }),
      EMPTY,
      value(av, { alignment: 'right' }),
      label(b, { colSpan: 2 }),
      EMPTY,
      value(bv, { colSpan: 2, alignment: 'right' }),
      EMPTY,
    ]);
  });
  for (const key of ['overview', 'basis', 'necessity', 'measures', 'plan'] as const) {
    top.push([label(L(key), { colSpan: 2 }), EMPTY, value(s[key], { colSpan: 6 }), ...span(6)]);
  }
  top.push([label('', { colSpan: 2 }), EMPTY, label(L('implGoal'), { colSpan: 3, alignment: 'center' }), EMPTY, EMPTY, label(L('annualGoal'), { colSpan: 3, alignment: 'center' }), EMPTY, EMPTY]);
  top.push([label(L('goal'), { colSpan: 2 }), EMPTY, value(s.goals.implementation, { colSpan: 3 }), EMPTY, EMPTY, value(s.goals.annual, { colSpan: 3 }), EMPTY, EMPTY]);

  // Indicator grid. Merged cells (一级 per group, 二级 per run, the 绩效指标 column) are drawn as
  // runs of cells whose inner rules are switched off, not as rowSpans: pdfmake mis-sizes rows
  // under a rowSpan and loses a spanned cell's text on a continuation page.
  const rows = sheet.indicatorRows;
  const head: Row = [
    label(L('indicators'), { border: [true, true, true, false] }),
    label(L('level1'), { alignment: 'center' }),
    label(L('level2'), { alignment: 'center' }),
    label(L('level3'), { alignment: 'center' }),
    label(L('value'), { alignment: 'center' }),
    label(L('level2'), { alignment: 'center' }),
    label(L('level3'), { alignment: 'center' }),
    label(L('value'), { alignment: 'center' }),
  ];
  const grid: Row[] = [head];
  type IndicatorRow = (typeof rows)[number];
  /** For each row: is it the first / last of its run of equal keys (within one 一级 group)? */
  const runs = (key: (r: IndicatorRow) => string | undefined) =>
    rows.map((r, i) => {
      const k = key(r);
      const same = (j: number) => j >= 0 && j < rows.length && k !== undefined && key(rows[j]!) === k && rows[j]!.level1 === r.level1;
      return { first: !same(i - 1), last: !same(i + 1) };
    });
  const merged = (text: string, run: { first: boolean; last: boolean }): TableCell =>
    value(run.first ? text : '', { border: [true, run.first, true, run.last] });
  const l1 = runs((r) => r.level1);
  const implL2 = runs((r) => (r.implementation ? r.implementation.level2 : undefined));
  const annL2 = runs((r) => (r.annual ? r.annual.level2 : undefined));
  rows.forEach((r, i) => {
    const side = (x: IndicatorRow['implementation'], run: { first: boolean; last: boolean }): Row => [
      merged(x?.level2 ?? '', run),
      value(x?.level3 ?? ''),
      value(x?.value ?? ''),
    ];
    grid.push([
      value('', { border: [true, false, true, i === rows.length - 1] }),
      merged(r.level1, l1[i]!),
      ...side(r.implementation, implL2[i]!),
      ...side(r.annual, annL2[i]!),
    ]);
  });
  const contact = (key: string, v: string | undefined): TableCell =>
    ({ text: [{ text: L(key), style: 'sheetLabel' }, { text: v ?? '', style: 'sheetCell' }], colSpan: 2 }) as TableCell;
  grid.push([contact('responsible', s.responsible), EMPTY, contact('handler', s.handler), EMPTY, contact('phone', s.phone), EMPTY, contact('filledAt', s.filledAt), EMPTY]);

  const widths = gridWidths(WEIGHTS, lt.contentWidth, { left: 2, right: 2 }, lt.theme.table.lineWidth);
  // a row that might not fit on a page may break (pdfmake drops an unbreakable row taller than a page)
  const plain = (c: TableCell) => {
    const n = c as { text?: unknown; style?: string; colSpan?: number };
    const text = Array.isArray(n.text) ? n.text.map((t: { text?: string }) => t.text ?? '').join('') : String(n.text ?? '');
    return { text, style: n.style ?? 'sheetCell', ...(n.colSpan ? { colSpan: n.colSpan } : {}) };
  };
  const fits = (rows: Row[]) => Math.max(...estimateRows(rows.map((r) => r.map(plain)), widths, [2, 2, 2, 2], lt)) <= lt.bodyHeight * KEEP_WHOLE_LIMIT;
  // the heading row is kept with the first indicator row (one unbreakable block) only when that fits
  const keepFirst = grid.length < 2 || fits([grid[0]!, grid[1]!]) ? 1 : 0;
  const lw = lt.theme.table.lineWidth;
  const layout = {
    hLineWidth: () => lw,
    vLineWidth: () => lw,
    hLineColor: () => lt.color('rule'),
    vLineColor: () => lt.color('rule'),
    paddingLeft: () => 2,
    paddingRight: () => 2,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  };
  return {
    stack: [
      { text: wording.title, style: 'sheetTitle', id, outline: true, outlineText: s.project, outlineParentId: parentId },
      { text: wording.subtitle, style: 'sheetSubtitle', margin: [0, 2, 0, 6] },
      { table: { widths, body: top, dontBreakRows: fits(top) }, layout },
      // the second grid continues the first without a double rule between them
      { table: { widths, body: grid, headerRows: 1, keepWithHeaderRows: keepFirst, dontBreakRows: fits(grid) }, layout: { ...layout, hLineWidth: (i: number) => (i === 0 ? 0 : lw) } },
    ],
    pageBreak: 'before',
    _unit: { label: `绩效目标表“${s.project.length > 20 ? `${s.project.slice(0, 20)}…` : s.project}”` },
  } as Content;
}
