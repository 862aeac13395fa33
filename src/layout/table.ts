import type { Annotations, Content, TableCell } from './engine/index.js';
import type { ModelCell, TableModel } from '../render/table.js';
import type { Fonts } from '../fonts/index.js';
import { breakLines, roomFor, twoLineRoom, widestUnit } from './breaks.js';
import { oriented, ruledGrid, styleRole, styleSize, type LayoutTheme } from './theme.js';

/*
 * The table engine, second half: any resolved TableModel becomes one pdfmake block — label,
 * centred title, the 部门名称/单位 line, the grid (header rows repeated on every page, rows never
 * split, amounts right-aligned, names indented by level) and its notes.
 */

/** Tables up to this many rows always fit a page: they are kept whole instead of starting a page. */
const SMALL_TABLE_ROWS = 14;

/**
 * Column content widths for a grid that must span exactly `outer` points: pdfmake adds each
 * column's left and right padding and a rule between and around the columns to the widths it is
 * given, so those come off first (a table scaled to the text width ran 40 pt past the margin).
 */
export function gridWidths(weights: readonly number[], outer: number, padding: { left: number; right: number }, rule: number): number[] {
  const n = weights.length;
  const inner = outer - n * (padding.left + padding.right) - (n + 1) * rule;
  const sum = weights.reduce((a, b) => a + b, 0);
  // floored to 0.01 pt, so rounding never pushes the grid past `outer`
  return weights.map((w) => Math.floor((w / sum) * inner * 100) / 100);
}

/**
 * Widths raised to at least `mins` (a column as wide as its header's widest word), the room
 * taken from the columns that have more than their minimum, in proportion: the sum is kept.
 */
export function fitWidths(widths: readonly number[], mins: readonly number[]): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const need = widths.map((w, i) => Math.max(w, mins[i] ?? 0));
  const over = need.reduce((a, b) => a + b, 0) - total;
  if (over <= 0) return [...widths];
  const spare = need.map((w, i) => (w === widths[i] ? Math.max(0, w - (mins[i] ?? 0)) : 0));
  const room = spare.reduce((a, b) => a + b, 0);
  // not enough room anywhere: keep the weights, pdfmake breaks inside the word
  if (room < over) return [...widths];
  return need.map((w, i) => Math.floor((w - (spare[i]! / room) * over) * 100) / 100);
}

/**
 * A printed figure: an amount, a share, a code. pdfmake breaks a word wider than its cell between
 * any two characters, and a figure broken over two lines ("10332.7" above "9") is copied wrong by
 * its reader; the layout reserves room for every figure and checks none was broken.
 */
export function isFigure(text: string): boolean {
  return /^[-−+]?\d[\d,]*(\.\d+)?%?$/.test(text.trim());
}

/** Room a figure is given beyond its measured width: pdfmake's and our rounding of the widths. */
const FIGURE_ALLOWANCE = 1;

/**
 * Widths raised so every column holds its widest figure (`hard`: a figure must never break) and,
 * when the page allows, the widest word of its header (`soft`). The room comes from the columns
 * with more than they need — the text columns, whose names then wrap between words. Null when
 * even the figures cannot fit the grid.
 */
export function reserveWidths(widths: readonly number[], hard: readonly number[], soft: readonly number[]): number[] | null {
  const fits = (w: readonly number[], mins: readonly number[]) => w.every((x, i) => x >= (mins[i] ?? 0) - 0.01);
  const both = hard.map((h, i) => Math.max(h, soft[i] ?? 0));
  for (const mins of [both, hard]) {
    const w = fitWidths(widths, mins);
    if (fits(w, mins)) return w;
  }
  return null;
}

/**
 * Widths sized to content, summing to the same total as `base` (the set's weights spread over
 * the grid). Every column first gets its minimum (`min`: its figures whole, its header's words
 * whole); the rest goes to the columns that want more (`want`: a name on one line, a header in
 * two), in proportion to how much more each wants — so a mostly empty amount column gives its
 * room to the name column instead of holding it idle. Room left once every want is met is spread
 * by the set's weights. Null when even the minimums do not fit.
 */
export function contentWidths(base: readonly number[], min: readonly number[], want: readonly number[]): number[] | null {
  const total = base.reduce((a, b) => a + b, 0);
  const lo = base.map((_, i) => min[i] ?? 0);
  const hi = base.map((_, i) => Math.max(lo[i]!, want[i] ?? 0));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(lo) > total) return null;
  const floor = (x: number) => Math.floor(x * 100) / 100;
  if (sum(hi) <= total) return hi.map((h, i) => floor(h + ((total - sum(hi)) * base[i]!) / total));
  const more = hi.map((h, i) => h - lo[i]!);
  return lo.map((l, i) => floor(l + ((total - sum(lo)) * more[i]!) / sum(more)));
}

/** Each column's name as its header prints it, the spanning headers above it included: 收入·金额. */
export function columnNames(header: ReadonlyArray<ReadonlyArray<ModelCell>>, n: number): string[] {
  const names: string[][] = Array.from({ length: n }, () => []);
  for (const row of header) {
    row.forEach((c, k) => {
      const text = c.text.replace(/\s+/g, '');
      if (!text) return;
      for (let i = k; i < k + (c.colSpan ?? 1) && i < n; i++) if (names[i]!.at(-1) !== text) names[i]!.push(text);
    });
  }
  return names.map((parts, k) => parts.join('·') || `第${k + 1}列`);
}

function cellNode(annotations: Annotations, c: ModelCell, style: string, lt: LayoutTheme, text: string, tag: 'TH' | 'TD', figure?: string): TableCell {
  const indent = c.indent * lt.theme.spacing.indentPerLevel;
  const node: Record<string, unknown> = { text, style, alignment: c.align };
  if (indent) node.margin = [indent, 0, 0, 0];
  if (c.colSpan) node.colSpan = c.colSpan;
  if (c.rowSpan) node.rowSpan = c.rowSpan;
  // the cell's name, for the check that no figure was broken over lines (complete.ts)
  return annotations.annotate(node, { tag, ...(figure ? { figure } : {}) }) as TableCell;
}

/** A row (or a block) taller than this share of the text block may not fit a page when kept whole. */
export const KEEP_WHOLE_LIMIT = 0.4;

/**
 * Estimated height of each row of a grid (text, style, spans), from the text widths: a row that
 * might not fit on a page must be allowed to break, or pdfmake drops it.
 */
export function estimateRows(rows: ReadonlyArray<ReadonlyArray<{ text: string; style: string; colSpan?: number; indent?: number }>>, widths: readonly number[], padding: readonly number[], lt: LayoutTheme): number[] {
  const [pl, pt, pr, pb] = padding as [number, number, number, number];
  return rows.map((row) => {
    let h = 0;
    row.forEach((c, i) => {
      let w = 0;
      for (let k = i; k < i + (c.colSpan ?? 1) && k < widths.length; k++) w += widths[k]!;
      w += ((c.colSpan ?? 1) - 1) * (pl + pr);
      h = Math.max(h, lt.textHeight(c.style, c.text, w - (c.indent ?? 0)));
    });
    return h + pt + pb;
  });
}

/** A table whose grid may run on over pages: the furniture marks its continuations (（续）). */
export interface Continuation {
  grid: object;
  label: string;
  title: string;
}

export interface TablePlacement {
  id: string;
  /** Where the table says its grid may continue on the next page. */
  continuations?: Continuation[];
  outlineParentId?: string;
  /** Already at the top of a page (right after a part heading): never force a page break. */
  atPageTop: boolean;
  /** Right after another table: set apart from it by a gap above. */
  afterTable?: boolean;
}

export function layoutTable(model: TableModel, portrait: LayoutTheme, fonts: Fonts, meta: { tableMeta: string; tableUnit: string; emptyNote: string }, place: TablePlacement, annotations: Annotations): Content {
  const { annotate } = annotations;
  // a landscape table is measured, and its grid spread, on the landscape page (blocks.ts turns it)
  const lt = oriented(portrait, model.orientation ?? 'portrait');
  const [pl, pt, pr, pb] = lt.theme.spacing.cellPadding;
  const lw = lt.theme.table.lineWidth;
  const measure = (style: string) => (t: string) => fonts.width(styleRole(lt, style), t, styleSize(lt, style));
  const header = measure('tableHeader');
  // A total's figures in the column's own face (the set's tableTotalFigure, a bold of the figures'
  // face), not the bold label face: sans digits in a serif column read as another kind of number.
  const totalFigure = lt.theme.styles.tableTotalFigure ? 'tableTotalFigure' : 'tableTotal';
  const cellStyle = (kind: string, c: ModelCell) => (kind !== 'total' ? 'tableCell' : c.text && isFigure(c.text) ? totalFigure : 'tableTotal');
  // no column narrower than the widest word of a header that sits in it alone; wider, its header in two lines
  const mins = model.widths.map(() => 0);
  const wants = model.widths.map(() => 0);
  for (const row of model.header) row.forEach((c, k) => {
    if ((c.colSpan ?? 1) !== 1 || !c.text) return;
    mins[k] = Math.max(mins[k]!, roomFor(widestUnit(c.text, header)) + 0.1);
    wants[k] = Math.max(wants[k]!, twoLineRoom(c.text, header) + 0.1);
  });
  // every figure whole on one line, bold totals included, measured as they print; a name wants one line
  const figureRoom = model.widths.map(() => 0);
  const spanned: Array<{ k: number; span: number; need: number }> = [];
  for (const row of model.rows) {
    row.cells.forEach((c, k) => {
      const m = measure(cellStyle(row.kind, c));
      if (c.text && !isFigure(c.text) && (c.colSpan ?? 1) === 1) wants[k] = Math.max(wants[k]!, roomFor(m(c.text.trim())) + c.indent * lt.theme.spacing.indentPerLevel + 0.1);
      if (!c.text || !isFigure(c.text)) return;
      const need = m(c.text.trim()) + c.indent * lt.theme.spacing.indentPerLevel + FIGURE_ALLOWANCE;
      const span = c.colSpan ?? 1;
      if (span === 1) figureRoom[k] = Math.max(figureRoom[k]!, need);
      else spanned.push({ k, span, need });
    });
  }
  // a figure across several columns: whatever its columns lack goes to the last of them
  for (const { k, span, need } of spanned) {
    const last = Math.min(k + span, figureRoom.length) - 1;
    let have = (last - k) * (pl + pr + lw);
    for (let i = k; i <= last; i++) have += figureRoom[i]!;
    if (have < need) figureRoom[last] = figureRoom[last]! + need - have;
  }
  const base = gridWidths(model.widths, lt.contentWidth, { left: pl, right: pr }, lw);
  // figures that cannot fit even so are left to break: the layout check then refuses the document
  const widths =
    contentWidths(base, figureRoom.map((f, k) => Math.max(f, mins[k]!)), figureRoom.map((f, k) => Math.max(f, wants[k]!))) ?? reserveWidths(base, figureRoom, mins) ?? fitWidths(base, mins);
  const names = columnNames(model.header, widths.length);
  /** What a reader calls a figure's cell: its table, row and column. */
  const cellName = (r: number, k: number) => {
    const cells = model.rows[r]!.cells;
    // the row's name: the nearest text to the figure's left (a 收支总表 has two sides)
    let rowName = '';
    for (let i = k - 1; i >= 0 && !rowName; i--) if (cells[i]!.text.trim() && !isFigure(cells[i]!.text)) rowName = cells[i]!.text.replace(/\s+/g, '');
    return `${model.label}（${model.title}）第${r + 1}行${rowName ? `“${rowName}”` : ''}“${names[k]}”列`;
  };
  /** A cell's room for text: its columns, the padding and rules between them, less its indent. */
  const room = (k: number, c: ModelCell) => {
    let w = 0;
    for (let i = k; i < k + (c.colSpan ?? 1) && i < widths.length; i++) w += widths[i]!;
    return w + ((c.colSpan ?? 1) - 1) * (pl + pr + lw) - c.indent * lt.theme.spacing.indentPerLevel;
  };
  // headers break evenly between words; names only between words; figures never
  const headText = model.header.map((row) => row.map((c, k) => (c.text ? breakLines(c.text, header, room(k, c)) : c.text)));
  const bodyText = model.rows.map((row) => row.cells.map((c, k) => (c.text && c.align === 'left' ? breakLines(c.text, measure(cellStyle(row.kind, c)), room(k, c), 'greedy') : c.text)));
  const body: TableCell[][] = [
    ...model.header.map((row, r) => row.map((c, k) => cellNode(annotations, c, 'tableHeader', lt, headText[r]![k]!, 'TH'))),
    ...model.rows.map((row, r) => row.cells.map((c, k) => cellNode(annotations, c, cellStyle(row.kind, c), lt, bodyText[r]![k]!, 'TD', c.text && isFigure(c.text) ? cellName(r, k) : undefined))),
  ];
  const anchor = {
    text: model.label,
    style: 'tableLabel',
    id: place.id,
    outline: true,
    outlineText: model.toc,
    ...(place.outlineParentId ? { outlineParentId: place.outlineParentId } : {}),
  };
  const notes: Content[] = [];
  if (model.empty) notes.push({ text: meta.emptyNote, style: 'tableNote', margin: [0, lt.theme.spacing.noteBefore, 0, 0] });
  for (const n of model.notes) notes.push({ text: n, style: 'tableNote', margin: [0, lt.theme.spacing.noteBefore, 0, 0] });
  const styled = [
    ...model.header.map((row, r) => row.map((c, k) => ({ ...c, text: headText[r]![k]!, style: 'tableHeader', indent: 0 }))),
    ...model.rows.map((row, r) => row.cells.map((c, k) => ({ ...c, text: bodyText[r]![k]!, style: cellStyle(row.kind, c), indent: c.indent * lt.theme.spacing.indentPerLevel }))),
  ];
  const heights = estimateRows(styled, widths, [pl, pt, pr, pb], lt);
  const unitLine = model.unitLine ?? meta.tableUnit;
  const unitWidth = Math.ceil(measure('tableMeta')(unitLine)) + 1;
  const metaWidth = lt.contentWidth - unitWidth - 8;
  const title = breakLines(model.title, measure('tableTitle'), lt.contentWidth);
  const metaText = breakLines(meta.tableMeta, measure('tableMeta'), metaWidth, 'greedy');
  const height =
    heights.reduce((a, b) => a + b, 0) +
    lt.textHeight('tableLabel', model.label, lt.contentWidth) +
    lt.textHeight('tableTitle', title, lt.contentWidth) +
    lt.textHeight('tableMeta', metaText, metaWidth) +
    [...(model.empty ? [meta.emptyNote] : []), ...model.notes].reduce((a, n) => a + lt.textHeight('tableNote', n, lt.contentWidth) + lt.theme.spacing.noteBefore, 0) +
    30; // the margins between them
  // rows are kept whole (as the published tables print them) unless one might not fit a page
  const dontBreakRows = lt.theme.table.dontBreakRows && Math.max(...heights) <= lt.bodyHeight * KEEP_WHOLE_LIMIT;
  const small = model.rows.length + model.header.length <= SMALL_TABLE_ROWS && height <= lt.bodyHeight * 0.8;
  const grid = annotate(
    {
      table: {
        headerRows: model.header.length,
        // the header is kept with the first row (one unbreakable block) only when that fits a page
        keepWithHeaderRows: (heights[model.header.length] ?? 0) <= lt.bodyHeight * KEEP_WHOLE_LIMIT ? 1 : 0,
        dontBreakRows,
        widths,
        body,
      },
      layout: {
        ...ruledGrid(lt, [pl, pt, pr, pb]),
        fillColor: (rowIndex: number) => (rowIndex < model.header.length ? lt.color('headerFill') : null),
      },
    },
    { tag: 'Table' },
  );
  place.continuations?.push({ grid: grid as object, label: model.label, title: model.title });
  const node = {
    stack: [
      // label and title are the table's one heading, as the 目录 lists it
      annotate({ stack: [anchor, { text: title, style: 'tableTitle', margin: [0, 4, 0, 6] }] }, { tag: 'H2' }),
      {
        // 部门名称 at the left, 单位 at the right edge of the grid below, as the official tables print them
        columns: [
          { text: metaText, style: 'tableMeta', width: '*' },
          { text: unitLine, style: 'tableMeta', width: unitWidth, alignment: 'right', verticalAlignment: 'bottom' },
        ],
        columnGap: 8,
        margin: [0, 0, 0, 3],
      },
      grid,
      ...notes,
    ],
    // A short table moves whole to the next page rather than leave its title at a page foot;
    // a long one starts on a fresh page.
    ...(small ? { unbreakable: true } : place.atPageTop ? {} : { pageBreak: 'before' }),
    // The gap between two tables goes above the second, not below the first: a gap below a
    // table that ends at a page foot makes pdfmake start a page, and a table or part that then
    // starts a page of its own left that one blank. Above a small table it is lost with the
    // rest of a page when the table moves on; a long table starts a page anyway.
    margin: [0, small && place.afterTable ? 18 : 0, 0, 0],
  };
  return annotate(node, { unit: { label: `${model.label}（${model.title}）` }, height });
}
