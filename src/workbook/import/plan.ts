import type { ResolvedFormat } from '../../render/formats.js';
import { cellFormat, type Unit } from './cells.js';
import type { ImportLayout } from '../../schema/import-layout.js';
import type { CellSpec, RowGroup, TableDecl, TemplateSet } from '../../render/template-set.js';

/*
 * What the import looks for in a workbook, read off the template set's own table declarations:
 * each table's label and title (which find its sheet), each column's header texts from the top
 * header row to its own (which find the column: a spanning heading tells apart two columns of the
 * same name), the value path (`v`) and format (`f`) of each column, and the row groups with their
 * row sources (`each`, `at`) that decide what the table's rows are facts of. An import layout
 * (data/import-layouts/) may give other texts for a budget system whose export words them
 * differently; the declarations stay what the texts are mapped onto.
 */

export type Side = 'left' | 'right';

export interface ColumnPlan {
  /** `v`, or `left:v` / `right:v` in a table of two sides: what a layout names the column by. */
  key: string;
  /** The declared value path (`code`, `current.basic.generalBudget`, `@label`…); '' for a literal cell. */
  v: string;
  f: string | undefined;
  /** The format resolved with its options (an amount column's own unit…): what its cells are read by. */
  format: ResolvedFormat;
  side: Side | undefined;
  /** Index among the declaration's columns (sides: left, then right): the model's column. */
  index: number;
  /** Header texts (templates) covering the column, outermost first, its own last. */
  headers: string[];
  /** Literal text of the table's total row in this column (byKind.total), when it is one. */
  totalText: string | undefined;
  /** The column prints wording of its own on the total row (byKind.total). */
  hasTotal: boolean;
}

export interface GroupPlan {
  side: Side | undefined;
  /** The row source: `$.subjectRows`, `$.threePublic.abroad`, `@classes`… ('' for literal rows). */
  source: string;
  /** One row per item of the source list (each), or one row (at / literal). */
  each: boolean;
  /** The row's label, by which a single row is found. */
  label: string | undefined;
  kind: 'total' | 'item';
  /** The group's own cells (a footer row), when not the table's columns. */
  ownRow: boolean;
  /** With `each`: the levels of the 功能分类 tree it prints (0 合计, 1 类, 2 款, 3 项); undefined: all. */
  levels: readonly number[] | undefined;
}

export interface TablePlan {
  id: string;
  label: string;
  title: string;
  /** A layout's text that finds the table instead of its label and title. */
  find: string | undefined;
  columns: ColumnPlan[];
  groups: GroupPlan[];
  /** Header rows the declaration has. */
  headerRows: number;
  /** The unit the declaration prints the table in (its own, else the set's). */
  unit: Unit;
}

const isNumbering = (s: string) => /^\s*\d{1,2}\s*$/.test(s);

/** Header texts covering each column, outermost first: spans are taken into account. */
function headerTexts(decl: TableDecl): string[][] {
  const n = decl.widths.length;
  const out: string[][] = Array.from({ length: n }, () => []);
  const covered = new Set<string>();
  decl.header.forEach((row, r) => {
    row.forEach((h, c) => {
      if (covered.has(`${r},${c}`)) return;
      const text = typeof h === 'string' ? h : h.text;
      const cs = typeof h === 'string' ? 1 : (h.colSpan ?? 1);
      const rs = typeof h === 'string' ? 1 : (h.rowSpan ?? 1);
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) if (i || j) covered.add(`${r + i},${c + j}`);
      if (text.trim() === '' || isNumbering(text)) return;
      for (let j = 0; j < cs && c + j < n; j++) out[c + j]!.push(text);
    });
  });
  return out;
}

function columnPlans(specs: readonly CellSpec[], side: Side | undefined, offset: number, headers: string[][]): ColumnPlan[] {
  return specs.map((s, i) => {
    const v = typeof s === 'string' ? '' : (s.v ?? '');
    const format = cellFormat(typeof s === 'string' ? undefined : s.f);
    const f = typeof s === 'string' || s.f === undefined ? undefined : format.name;
    const total = typeof s === 'string' ? undefined : s.byKind?.total;
    return {
      key: side ? `${side}:${v}` : v,
      v,
      f,
      format,
      side,
      index: offset + i,
      headers: headers[offset + i] ?? [],
      totalText: total !== undefined && total !== '' && !total.includes('{{') ? total : undefined,
      hasTotal: total !== undefined,
    };
  });
}

function groupPlans(groups: readonly RowGroup[], side: Side | undefined): GroupPlan[] {
  return groups.map((g) => ({ side, source: g.each ?? g.at ?? '', each: g.each !== undefined, label: g.label, kind: g.kind ?? 'item', ownRow: g.row !== undefined, levels: g.levels }));
}

/** A table's plan from its declaration, with a layout's texts over the declaration's where it gives them. */
export function tablePlan(decl: TableDecl, layout: ImportLayout['tables'][string] | undefined, setUnit: Unit = '万元'): TablePlan {
  const headers = headerTexts(decl);
  const columns = decl.sides
    ? [...columnPlans(decl.sides.left.columns, 'left', 0, headers), ...columnPlans(decl.sides.right.columns, 'right', decl.sides.left.columns.length, headers)]
    : columnPlans(decl.columns ?? [], undefined, 0, headers);
  const groups = decl.sides ? [...groupPlans(decl.sides.left.rows, 'left'), ...groupPlans(decl.sides.right.rows, 'right')] : groupPlans(decl.body ?? [], undefined);
  if (decl.footer) groups.push(...groupPlans(decl.footer, undefined));
  if (layout) {
    for (const c of columns) {
      const text = layout.columns[c.key];
      // a layout's text is the column's whole heading: the declaration's spanning rows are not the system's
      if (text !== undefined) c.headers = [text];
    }
    // the system's wording of the total row, where the declaration prints wording of its own
    if (layout.total !== undefined) for (const c of columns) if (c.hasTotal) c.totalText = layout.total;
    for (const g of groups) {
      const text = layout.rows?.[g.source];
      if (text !== undefined) g.label = text;
    }
  }
  return { id: decl.id, label: decl.label, title: decl.title, find: layout?.find, columns, groups, headerRows: decl.header.length, unit: decl.unit ?? setUnit };
}

export function tablePlans(set: TemplateSet, layout: ImportLayout | undefined): TablePlan[] {
  return set.tableOrder.map((id) => tablePlan(set.tables[id]!, layout?.tables[id], set.money.unit));
}
