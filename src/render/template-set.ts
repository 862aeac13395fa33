import type { MoneyUnit, RoundingName } from '../derive/format.js';
import type { FormatSpec } from './formats.js';

/**
 * The shape of a template set as the load stage hands it over: text and parsed JSON, no I/O left.
 * One set per region's format (templates/<name>/); another region's set can sit beside it.
 */

/** A header cell: text (a Handlebars template over the derived model) with optional spans. */
export type HeaderCell = string | { text: string; colSpan?: number; rowSpan?: number };

/**
 * A body cell: a literal (a Handlebars template evaluated with the row item as context and the
 * derived model as @d), or a value bound by path. Paths starting with `$.` are read from the
 * derived model, `@label` / `@` from the row group, anything else from the row item; a path may
 * itself contain `{{…}}` over the item (e.g. `$.byClass.{{code}}.all.total.total`).
 */
export type CellSpec =
  | string
  | {
      /** A literal template, as the plain-string form but with options. */
      t?: string;
      v?: string;
      /**
       * A cell format of the registry (render/formats.ts) by name ("amount", "code", …; "wan" is
       * an amount in 万元), or { name: options }: { "amount": { "unit": "元" } }. Default: text.
       */
      f?: FormatSpec;
      /** Indent by the item's level (names in a tree). */
      indent?: boolean | number;
      /** Literal text by the item's kind, e.g. {"total": "合计"}: wording for synthetic rows. */
      byKind?: Record<string, string>;
      align?: 'left' | 'center' | 'right';
      colSpan?: number;
    };

export interface RowGroup {
  /** One row per item of a list: `$.path` in the derived model, or `@classes` (the set's class list). */
  each?: string;
  /** A single row whose cells read from this path (`@` in cells) — with `label` as `@label`. */
  at?: string;
  label?: string;
  /** Explicit cells; without them the table's (or side's) `columns` are used. */
  row?: CellSpec[];
  kind?: 'total' | 'item';
  level?: number;
  /**
   * With `each`: keep the items whose `level` is one of these — the 功能分类 tree to 类 ([0, 1])
   * or 款 ([0, 1, 2]), or its 类 alone ([1]). Items without a level are kept.
   */
  levels?: number[];
}

export interface TableDecl {
  id: string;
  label: string;
  title: string;
  toc: string;
  /** Relative column widths; the layout scales them to the text width. */
  widths: number[];
  /** The unit the table's amounts print in (default: the set's). */
  unit?: MoneyUnit;
  /** Landscape pages for this table; default portrait. */
  orientation?: 'portrait' | 'landscape';
  header: HeaderCell[][];
  columns?: CellSpec[];
  body?: RowGroup[];
  /** Two independent column groups printed side by side (收入 | 支出), rows zipped. */
  sides?: { left: { columns: CellSpec[]; rows: RowGroup[] }; right: { columns: CellSpec[]; rows: RowGroup[] } };
  /** Full-width rows after the zipped sides. */
  footer?: RowGroup[];
  notes?: string[];
}

/** A cell of the 绩效目标表 grid: a label (the set's words), a value (a path of the derived sheet), or both in one cell. */
export interface SheetCellDecl {
  label?: string;
  value?: string;
  span?: number;
  align?: 'left' | 'center' | 'right';
}

export type SheetRowDecl =
  | { cells: SheetCellDecl[]; keepWithNext?: boolean }
  /** A label down the first column beside its rows (kept together on one page). */
  | { group: string; rows: SheetCellDecl[][] }
  /** The heads (the first stands over the first column, down the block), then one row per indicator line. */
  | { indicators: { head: string[]; columns: Array<{ value: string; merge?: boolean }> } };

/** The set's 绩效目标表: its wording and its grid (sheet.json). */
export interface SheetDecl {
  title: string;
  subtitle: string;
  /** Relative column widths; the layout scales them to the text width. */
  widths: number[];
  /** The path of the sheet's name: its bookmark, and what continuation parts repeat. */
  outline: string;
  rows: SheetRowDecl[];
  /** The row a part after the first opens with. */
  continued: SheetCellDecl[];
  /** Phrases a line never breaks inside (labels, title). */
  words?: string[];
  /** How amounts print (default two decimals, whole 元 when every amount of the sheet is whole). */
  amounts?: { format: string | Record<string, unknown>; wholeWhenAllWhole?: boolean };
}

type Margin = [number, number, number, number];

export interface Theme {
  page: { size: string; margins: [number, number, number, number]; footerOffset: number };
  colors: Record<string, string | string[]> & { chart: string[] };
  styles: Record<string, Record<string, unknown>>;
  /** Style and margin of each block kind (`firstMargin`: the first block of its kind). */
  blocks: Record<string, { style: string; margin: Margin; firstMargin?: Margin }>;
  spacing: Record<string, number | number[]> & {
    noteBefore: number;
    firstLineIndentEm: number;
    indentPerLevel: number;
    cellPadding: [number, number, number, number];
  };
  table: { lineWidth: number; dontBreakRows: boolean };
  chart: { width: number; height: number };
  /** How figures print, one format per unit for tables and narrative alike. */
  numbers: NumberFormats;
}

export interface NumberFormats {
  /** 万元, two decimals: thousands separators or not (2,867.01 / 2867.01). */
  wan: { grouping: boolean };
  /** 元 (the performance sheets): thousands separators or not. */
  yuan: { grouping: boolean };
}

/** The set's money defaults (set.json `money`), every one filled in. */
export interface MoneyDefaults {
  /** The unit tables print in, unless a table or a cell says otherwise. */
  unit: MoneyUnit;
  /** `{{money x}}` in the text: unit and decimals. */
  textUnit: MoneyUnit;
  textDecimals: number;
  rounding: RoundingName;
  /** A change against the prior year from the exact amounts, or from the figures as printed. */
  changes: 'exact' | 'printed';
}

export interface TemplateSet {
  name: string;
  money: MoneyDefaults;
  dir: string;
  /** name → source; `document` is the entry point, the rest are partials. */
  templates: Record<string, { source: string; file: string }>;
  tables: Record<string, TableDecl>;
  tableOrder: string[];
  /** What one data file makes (set.json `documents`): the 部门 document, and with "unit" one per separately budgeted unit. Absent: the 部门 document alone. */
  documents?: Array<'department' | 'unit'>;
  /** Short wording templates: PDF metadata, the table meta line, notes, footer, draft mark. */
  meta: Record<'title' | 'subject' | 'keywords' | 'tableMeta' | 'tableUnit' | 'emptyNote' | 'footer' | 'draft' | 'forced' | 'chartLabel' | 'labelCover' | 'labelToc', string> & Record<string, string>;
  /** The charts its templates place (`::chart <name> <title>`): kind, the share list drawn, the legend line (default meta.chartLabel), the text said in its place (default meta.chartAlt). */
  charts: Record<string, { kind: string; items: string; label?: string; alt?: string }>;
  classes: Array<{ code: string; label: string }>;
  sheet: SheetDecl;
  theme: Theme;
}
