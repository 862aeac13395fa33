import type { Annotations, Content, TableCell } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import type { SheetCellModel, SheetModel, SheetRowModel } from '../render/sheet.js';
import { breakLines, widestUnit } from './breaks.js';
import { fitWidths, gridWidths, isFigure, KEEP_WHOLE_LIMIT } from './table.js';
import { ruledGrid, styleRole, styleSize, type LayoutTheme } from './theme.js';

/*
 * A performance sheet: the set's grid (render/sheet.ts resolved it) drawn as one table — rows of
 * cells, groups with their label down the first column, and the indicator block.
 *
 * Labels break only between words (breaks.ts, as titles and table heads do), balanced; values
 * break between words too, as table names do. The set's widths are raised where a label's longest
 * word would not fit its column — from the set's words alone, so every sheet of a document has
 * the same columns.
 *
 * A sheet is printed on one page whenever it fits: as it is, or set a little smaller (down to
 * SMALLEST, never under FLOOR) when it runs just past a page. A longer sheet is cut into page-sized parts here,
 * between rows, each part a closed grid of its own; every part after the first opens with the
 * set's continuation row, and the indicator heads again when it continues the indicators. Merged
 * cells (a group's label, runs of equal indicator values) are never cut from their rows: runs are
 * drawn as cells whose inner rules are switched off — pdfmake mis-sizes rows under a rowSpan
 * across pages — and a part's first row shows the run's label again.
 */

/** The smallest a sheet is set to keep it on one page (font sizes × this)… */
const SMALLEST = 0.85;
/** …and never under this size (pt): below it a sheet is split across pages instead. */
const FLOOR = 8;
/** Estimated heights are kept this far inside the page: the estimate may be a little short. */
const FILL = 0.92;
const PAD = 2;

const EMPTY: TableCell = { text: '' };
type Row = TableCell[];
type Style = 'sheetLabel' | 'sheetCell';

/** Where a row sits in its part: a part's first row repeats the labels of the runs it cuts. */
interface Edge {
  start: boolean;
  end: boolean;
}

interface SheetRow {
  cells(edge: Edge, scale: number): Row;
  /** For the height estimate: each cell's text, style and span; `whole` where it is not broken between words. */
  plain: Plain[];
  /** Kept on the same part as the next row (a group's rows under its label, heads with a row). */
  withNext?: boolean;
  /** An indicator row: a part starting with it repeats the indicator heads. */
  indicator?: boolean;
}

interface Plain {
  text: string;
  style: Style;
  colSpan?: number;
  whole?: boolean;
}

export function layoutSheet(sheet: SheetModel, lt: LayoutTheme, fonts: Fonts, parentId: string, annotations: Annotations): Content {
  const { annotate } = annotations;
  const size = { sheetLabel: styleSize(lt, 'sheetLabel'), sheetCell: styleSize(lt, 'sheetCell') };
  const cell = (style: Style, text: string, scale: number, { figure, ...extra }: Record<string, unknown> = {}): TableCell =>
    annotate({ text, style, ...(scale !== 1 ? { fontSize: size[style] * scale } : {}), ...extra }, { ...(style === 'sheetLabel' ? { tag: 'TH' } : {}), ...(typeof figure === 'string' ? { figure } : {}) }) as TableCell;
  const label = (text: string, scale: number, extra?: Record<string, unknown>) => cell('sheetLabel', text, scale, extra);
  const value = (text: string, scale: number, extra?: Record<string, unknown>) => cell('sheetCell', text, scale, extra);
  const span = (n: number): Row => Array.from({ length: n - 1 }, () => EMPTY);
  const P = (text: string, style: Style = 'sheetCell', colSpan?: number, whole = false): Plain => ({ text, style, ...(colSpan ? { colSpan } : {}), ...(whole ? { whole } : {}) });
  const half = sheet.widths.length / 2;
  const lw = lt.theme.table.lineWidth;
  const measure = (style: Style) => (t: string) => fonts.width(styleRole(lt, style), t, size[style]);

  // the set's widths, each column raised to the longest word of the labels it holds (a spanning
  // label asks its columns in proportion), so no label breaks inside a word
  const base = gridWidths(sheet.widths, lt.contentWidth, { left: PAD, right: PAD }, lw);
  const mins = base.map(() => 0);
  const needs = (text: string, col: number, n: number) => {
    const need = widestUnit(text, measure('sheetLabel'), sheet.words) + 1 - (n - 1) * (2 * PAD + lw);
    const sum = base.slice(col, col + n).reduce((a, b) => a + b, 0);
    for (let i = col; i < col + n; i++) mins[i] = Math.max(mins[i]!, (need * base[i]!) / sum);
  };
  const declared = (cells: readonly SheetCellModel[], first: number) =>
    cells.reduce((col, c) => (c.label && c.text && needs(c.text, col, c.span), col + c.span), first);
  for (const r of sheet.rows) {
    if (r.kind === 'cells') declared(r.cells, 0);
    else if (r.kind === 'group') (needs(r.label, 0, 1), r.rows.forEach((cells) => declared(cells, 1)));
    else r.head.forEach((t, k) => t && needs(t, k, 1));
  }
  declared(sheet.continued, 0);
  const widths = fitWidths(base, mins);

  /**
   * A cell's text with its line breaks chosen between words: a label in even lines, a value as
   * full as each line goes. Broken at the sheet's own size in a column `1 / scale` wider, which
   * is where text set `scale` times smaller breaks.
   */
  const fitted = new Map<string, string>();
  const fit = (style: Style, text: string, col: number, n: number, scale: number): string => {
    if (!text || (style === 'sheetCell' && isFigure(text))) return text;
    const key = `${style}\u0000${col}\u0000${n}\u0000${scale}\u0000${text}`;
    let out = fitted.get(key);
    if (out === undefined) {
      let w = (n - 1) * (2 * PAD + lw);
      for (let i = col; i < col + n; i++) w += widths[i] ?? 0;
      fitted.set(key, (out = breakLines(text, measure(style), w / scale, style === 'sheetLabel' ? 'balanced' : 'greedy', sheet.words)));
    }
    return out;
  };

  /** A declared row's cells from column `first` on: each followed by the empties its span covers. */
  const drawn = (cells: readonly SheetCellModel[], first: number) => {
    let col = first;
    let lastLabel = '';
    const parts = cells.map((c) => {
      const at = col;
      col += c.span;
      if (c.label) lastLabel = c.text;
      // an amount is named for the layout's check that no figure was broken over lines (complete.ts)
      const name = c.figure && isFigure(c.text) ? { figure: `${sheet.title}（${sheet.project}）${at < half ? '左栏' : '右栏'}“${lastLabel.replace(/[：:]$/, '')}”` } : {};
      const extra = { ...(c.span > 1 ? { colSpan: c.span } : {}), ...(c.align ? { alignment: c.align } : {}), ...name };
      return { c, at, extra };
    });
    return {
      cells: (s: number): Row =>
        parts.flatMap(({ c, at, extra }) => {
          if (c.value !== undefined) {
            // a label and its value run on in one cell
            const fs = (style: Style) => (s !== 1 ? { fontSize: size[style] * s } : {});
            const { figure, ...rest } = extra as Record<string, unknown>;
            const node = { text: [{ text: c.text, style: 'sheetLabel', ...fs('sheetLabel') }, { text: c.value, style: 'sheetCell', ...fs('sheetCell') }], ...rest };
            return [(typeof figure === 'string' ? annotate(node, { figure }) : node) as TableCell, ...span(c.span)];
          }
          const style: Style = c.label ? 'sheetLabel' : 'sheetCell';
          return [cell(style, fit(style, c.text, at, c.span, s), s, extra), ...span(c.span)];
        }),
      plain: cells.map((c) => (c.value !== undefined ? P(c.text + c.value, 'sheetCell', c.span > 1 ? c.span : undefined, true) : P(c.text, c.label ? 'sheetLabel' : 'sheetCell', c.span > 1 ? c.span : undefined))),
    };
  };
  const plainRow = (cells: readonly SheetCellModel[], withNext = false): SheetRow => {
    const d = drawn(cells, 0);
    return { cells: (_e, s) => d.cells(s), plain: d.plain, ...(withNext ? { withNext } : {}) };
  };

  const rows: SheetRow[] = [];
  let head: ((withNext: boolean) => SheetRow) | undefined;
  for (const r of sheet.rows) {
    if (r.kind === 'cells') rows.push(plainRow(r.cells, r.keepWithNext));
    else if (r.kind === 'group') {
      r.rows.forEach((cells, i) => {
        const d = drawn(cells, 1);
        rows.push({
          cells: (_e, s) => [i === 0 ? label(fit('sheetLabel', r.label, 0, 1, s), s, { rowSpan: r.rows.length }) : EMPTY, ...d.cells(s)],
          plain: [P(i === 0 ? r.label : '', 'sheetLabel'), ...d.plain],
          withNext: i < r.rows.length - 1,
        });
      });
    } else {
      const block = indicatorRows(r, (t, k, s, extra) => label(fit('sheetLabel', t, k, 1, s), s, extra), (t, k, s, extra) => value(fit('sheetCell', t, k, 1, s), s, extra), P);
      head = block.head;
      rows.push(block.head(block.rows.length > 0), ...block.rows);
    }
  }
  const continued = plainRow(sheet.continued);

  // asked again and again (each scale tried, each part cut, each grid): measured once per row and scale
  const heights = new Map<SheetRow, Map<number, number>>();
  const height = (row: SheetRow, scale: number): number => {
    let byScale = heights.get(row);
    if (!byScale) heights.set(row, (byScale = new Map()));
    let h = byScale.get(scale);
    if (h === undefined) byScale.set(scale, (h = measureRow(row, scale)));
    return h;
  };
  /**
   * A cell's height at the sheet's size in a column `w` wide: a line chosen here fits, one line
   * each (the theme's estimate, which allows for pdfmake's own breaking, would count a full one
   * twice); a line left to pdfmake is estimated.
   */
  const linesHeight = (c: Plain, k: number, n: number, scale: number, w: number): number => {
    if (c.whole) return lt.textHeight(c.style, c.text, w);
    const m = measure(c.style);
    return fit(c.style, c.text, k, n, scale)
      .split('\n')
      .reduce((a, line) => a + lt.textHeight(c.style, m(line) <= w ? '' : line, w), 0);
  };
  const measureRow = (row: SheetRow, scale: number): number => {
    let h = 0;
    let k = 0;
    for (const c of row.plain) {
      const n = c.colSpan ?? 1;
      let w = (n - 1) * (2 * PAD + lw);
      for (let i = k; i < k + n; i++) w += widths[i] ?? 0;
      // text set `scale` times smaller fills a column `1 / scale` times wider, in lines `scale` times lower
      if (c.text) h = Math.max(h, scale * linesHeight(c, k, n, scale, w / scale));
      k += n;
    }
    return h + 2 * PAD + lw;
  };
  const title = breakLines(sheet.title, (t) => fonts.width(styleRole(lt, 'sheetTitle'), t, styleSize(lt, 'sheetTitle')), lt.contentWidth, 'balanced', sheet.words);
  const heading = lt.textHeight('sheetTitle', title, lt.contentWidth) + lt.textHeight('sheetSubtitle', sheet.subtitle, lt.contentWidth) + 8;
  const room = lt.bodyHeight * FILL;
  const total = (scale: number) => heading + rows.reduce((a, r) => a + height(r, scale), 0);

  const layout = ruledGrid(lt, [PAD, PAD, PAD, PAD]);
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
  const smallest = Math.min(size.sheetLabel, size.sheetCell);
  const scale = [1, 0.95, 0.9, SMALLEST].filter((x) => x === 1 || smallest * x >= FLOOR - 1e-9).find((x) => total(x) <= room);
  const whole = (scale: number) => annotate({ stack: [...headingNodes, grid(rows, scale)], unbreakable: true, margin: [0, 0, 0, 12] }, { unit, height: total(scale) });
  if (scale !== undefined) return whole(scale);

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
      const prefix = g[0]!.indicator && head ? [continued, head(false)] : [continued];
      current = { rows: [], prefix };
      used = prefix.reduce((a, r) => a + height(r, 1), 0);
    }
    current.rows.push(...g);
    used += h;
  }
  parts.push(current);
  // a sheet over the estimate's margin but within the page (the estimate errs long): cut, its
  // second part would be a page for a row or two — the 负责人 line alone — so it stays whole
  if (parts.length === 2 && total(1) <= lt.bodyHeight) return whole(1);
  return annotate(
    {
      // the spread copies the grid's fields, not its annotation: the continued part is a table again
      stack: parts.map((p, i) => (i === 0 ? { stack: [...headingNodes, grid(p.rows, 1)] } : annotate({ ...(grid(p.rows, 1, p.prefix) as object), pageBreak: 'before' }, { tag: 'Table' }))),
      pageBreak: 'before',
      margin: [0, 0, 0, 12],
    },
    { unit },
  );
}

/** A cell of the indicator block: its text, its column, the scale, its fields. */
type Cellmaker = (text: string, col: number, scale: number, extra?: Record<string, unknown>) => TableCell;

/**
 * The indicator block: its heads (the first stands over the first column, which runs down the
 * block with no inner rules), then one row per indicator line. A merged column prints a run of
 * equal values once, within a run of the first column's value.
 */
function indicatorRows(
  block: Extract<SheetRowModel, { kind: 'indicators' }>,
  label: Cellmaker,
  value: Cellmaker,
  P: (text: string, style?: Style) => Plain,
): { head: (withNext: boolean) => SheetRow; rows: SheetRow[] } {
  const head = (withNext: boolean): SheetRow => ({
    cells: (e, s) => block.head.map((t, k) => label(t, k, s, k === 0 ? { border: [true, true, true, e.end] } : { alignment: 'center' })),
    plain: block.head.map((t) => P(t, 'sheetLabel')),
    withNext,
  });
  const lines = block.rows;
  /** For each line and merged column: is it the first / last of its run of equal values? */
  const runs = block.merge.map((merge, c) =>
    lines.map((r, i) => {
      const k = r[c];
      const same = (j: number) => merge && j >= 0 && j < lines.length && k !== null && k !== undefined && lines[j]![c] === k && lines[j]![0] === r[0];
      return { first: !same(i - 1), last: !same(i + 1) };
    }),
  );
  const rows = lines.map((r, i): SheetRow => ({
    cells: (e, s) => [
      value('', 0, s, { border: [true, false, true, i === lines.length - 1 || e.end] }),
      ...r.map((t, c) => {
        const run = runs[c]![i]!;
        return block.merge[c] ? value(run.first || e.start ? (t ?? '') : '', c + 1, s, { border: [true, run.first || e.start, true, run.last || e.end] }) : value(t ?? '', c + 1, s);
      }),
    ],
    plain: [P(''), ...r.map((t) => P(t ?? ''))],
    indicator: true,
  }));
  return { head, rows };
}
