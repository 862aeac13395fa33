import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ModelCell, TableModel } from '../render/table.js';
import type { LayoutTheme } from './theme.js';

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

function cellNode(c: ModelCell, style: string, lt: LayoutTheme): TableCell {
  const indent = c.indent * lt.theme.spacing.indentPerLevel;
  const node: Record<string, unknown> = { text: c.text, style, alignment: c.align };
  if (indent) node.margin = [indent, 0, 0, 0];
  if (c.colSpan) node.colSpan = c.colSpan;
  if (c.rowSpan) node.rowSpan = c.rowSpan;
  return node as TableCell;
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

export interface TableLayoutResult {
  node: Content;
  /** The node carrying the 目录 anchor id. */
  anchor: Record<string, unknown>;
}

export interface TablePlacement {
  id: string;
  outlineParentId?: string;
  /** Already at the top of a page (right after a part heading): never force a page break. */
  atPageTop: boolean;
}

export function layoutTable(model: TableModel, lt: LayoutTheme, meta: { tableMeta: string; tableUnit: string; emptyNote: string }, place: TablePlacement): TableLayoutResult {
  const [padL, , padR] = lt.theme.spacing.cellPadding;
  const widths = gridWidths(model.widths, lt.contentWidth, { left: padL, right: padR }, lt.theme.table.lineWidth);
  const body: TableCell[][] = [
    ...model.header.map((row) => row.map((c) => cellNode(c, 'tableHeader', lt))),
    ...model.rows.map((row) => row.cells.map((c) => cellNode(c, row.kind === 'total' ? 'tableTotal' : 'tableCell', lt))),
  ];
  const lw = lt.theme.table.lineWidth;
  const [pl, pt, pr, pb] = lt.theme.spacing.cellPadding;
  const anchor: Record<string, unknown> = {
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
    ...model.header.map((row) => row.map((c) => ({ ...c, style: 'tableHeader', indent: 0 }))),
    ...model.rows.map((row) => row.cells.map((c) => ({ ...c, style: row.kind === 'total' ? 'tableTotal' : 'tableCell', indent: c.indent * lt.theme.spacing.indentPerLevel }))),
  ];
  const heights = estimateRows(styled, widths, [pl, pt, pr, pb], lt);
  const metaWidth = lt.contentWidth - 64 - 8;
  const height =
    heights.reduce((a, b) => a + b, 0) +
    lt.textHeight('tableLabel', model.label, lt.contentWidth) +
    lt.textHeight('tableTitle', model.title, lt.contentWidth) +
    lt.textHeight('tableMeta', meta.tableMeta, metaWidth) +
    [...(model.empty ? [meta.emptyNote] : []), ...model.notes].reduce((a, n) => a + lt.textHeight('tableNote', n, lt.contentWidth) + lt.theme.spacing.noteBefore, 0) +
    30; // the margins between them
  // rows are kept whole (as the published tables print them) unless one might not fit a page
  const dontBreakRows = lt.theme.table.dontBreakRows && Math.max(...heights) <= lt.bodyHeight * KEEP_WHOLE_LIMIT;
  const small = model.rows.length + model.header.length <= SMALL_TABLE_ROWS && height <= lt.bodyHeight * 0.8;
  const node = {
    stack: [
      anchor,
      { text: model.title, style: 'tableTitle', margin: [0, 4, 0, 6] },
      {
        columns: [
          { text: meta.tableMeta, style: 'tableMeta', width: '*' },
          { text: meta.tableUnit, style: 'tableMeta', width: 64, alignment: 'right' },
        ],
        columnGap: 8,
        margin: [0, 0, 0, 3],
      },
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
          hLineWidth: () => lw,
          vLineWidth: () => lw,
          hLineColor: () => lt.color('rule'),
          vLineColor: () => lt.color('rule'),
          paddingLeft: () => pl,
          paddingTop: () => pt,
          paddingRight: () => pr,
          paddingBottom: () => pb,
          fillColor: (rowIndex: number) => (rowIndex < model.header.length ? lt.color('headerFill') : null),
        },
      },
      ...notes,
    ],
    // A short table moves whole to the next page rather than leave its title at a page foot;
    // a long one starts on a fresh page.
    ...(small ? { unbreakable: true } : place.atPageTop ? {} : { pageBreak: 'before' }),
    margin: [0, 0, 0, 18],
    _unit: { label: `${model.label}（${model.title}）` },
    _height: height,
  };
  return { node: node as unknown as Content, anchor };
}
