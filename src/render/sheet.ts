import { z } from 'zod';
import { yuan } from '../derive/format.js';
import type { DerivedSheet } from '../derive/types.js';
import { Indicator, PerformanceSheet } from '../schema/department.js';
import type { NumberFormats, SheetCellDecl, SheetDecl } from './template-set.js';

/*
 * A performance sheet as printed strings: the set's grid (sheet.json) with every value read from
 * the derived sheet and every figure formatted (元, with separators or not); the layout only
 * arranges the cells. Which paths a grid may read is said here, once, for the set's check.
 */

export interface SheetCellModel {
  /** The printed text: a label's words or a value. */
  text: string;
  /** A label (the set's words, set as a head) or a value. */
  label: boolean;
  /** A label and its value in one cell: the value, after the label. */
  value?: string;
  span: number;
  align?: 'left' | 'center' | 'right';
  /** An amount: the layout's check that no figure breaks over lines names it. */
  figure?: boolean;
}

export type SheetRowModel =
  | { kind: 'cells'; cells: SheetCellModel[]; keepWithNext: boolean }
  | { kind: 'group'; label: string; rows: SheetCellModel[][] }
  /** `rows`: one per indicator line, a cell per column; null where the line has nothing (never merged). */
  | { kind: 'indicators'; head: string[]; merge: boolean[]; rows: Array<Array<string | null>> };

export interface SheetModel {
  /** Destination and bookmark id. */
  id: string;
  title: string;
  subtitle: string;
  /** The sheet's name: the bookmark, and what names it in messages. */
  project: string;
  widths: number[];
  rows: SheetRowModel[];
  continued: SheetCellModel[];
}

/** The sheet's title and subtitle, rendered (they are templates over the document). */
export interface SheetWording {
  title: string;
  subtitle: string;
}

type Kind = 'text' | 'money';
type Shape = Kind | { [key: string]: Shape };

/** The printable fields of a zod object: its strings (text), nested objects walked. */
function shapeOf(schema: z.ZodType): Shape | undefined {
  if (schema instanceof z.ZodOptional) return shapeOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodString || schema instanceof z.ZodEnum) return 'text';
  if (schema instanceof z.ZodObject) {
    const out: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const s = shapeOf(v);
      if (s) out[k] = s;
    }
    return out;
  }
  return undefined;
}

const FUNDS: Shape = { central: 'money', provincial: 'money', local: 'money', selfRaised: 'money', other: 'money', total: 'money' };
/** What a grid's value may read on a derived sheet: the sheet as given, and what derive adds (amounts in 元). */
const SHEET_SHAPE: Shape = { source: shapeOf(PerformanceSheet)!, authority: 'text', fundsYuan: { implementation: FUNDS, annual: FUNDS } };
const indicatorLine = shapeOf(Indicator) as Record<string, Shape>;
const { level1, ...line } = indicatorLine;
/** What an indicator column may read on one line of DerivedSheet.indicatorRows. */
const INDICATOR_SHAPE: Shape = { level1: level1!, implementation: line, annual: line };

function kindAt(shape: Shape, path: string): Kind | undefined {
  let s: Shape | undefined = shape;
  for (const key of path.split('.')) s = typeof s === 'object' && Object.hasOwn(s, key) ? s[key] : undefined;
  return typeof s === 'string' ? s : undefined;
}

/** What a grid value path prints ('text' or 'money'), or undefined when the derived sheet has no such field. */
export const sheetValueKind = (path: string): Kind | undefined => kindAt(SHEET_SHAPE, path);
export const indicatorValueKind = (path: string): Kind | undefined => kindAt(INDICATOR_SHAPE, path);

/** The fields a grid may read, for a message that names them. */
export function sheetValuePaths(indicators = false): string[] {
  const out: string[] = [];
  const walk = (s: Shape, prefix: string) => (typeof s === 'string' ? out.push(prefix) : Object.entries(s).forEach(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k)));
  walk(indicators ? INDICATOR_SHAPE : SHEET_SHAPE, '');
  return out;
}

function read(from: unknown, path: string): unknown {
  let v = from;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

export function sheetModel(sheet: DerivedSheet, decl: SheetDecl, wording: SheetWording, numbers: NumberFormats): SheetModel {
  const print = (path: string): string => {
    const v = read(sheet, path);
    if (v === undefined || v === null) return '';
    if (sheetValueKind(path) === 'money') return yuan((typeof v === 'object' && 'printed' in v ? v.printed : v) as Parameters<typeof yuan>[0], { sep: numbers.yuan.grouping });
    return String(v);
  };
  const cell = (c: SheetCellDecl): SheetCellModel => {
    const base = { span: c.span ?? 1, ...(c.align ? { align: c.align } : {}) };
    if (c.label !== undefined) return { text: c.label, label: true, ...(c.value !== undefined ? { value: print(c.value) } : {}), ...base };
    return { text: print(c.value!), label: false, ...base, ...(sheetValueKind(c.value!) === 'money' ? { figure: true } : {}) };
  };
  const rows = decl.rows.map((r): SheetRowModel => {
    if ('cells' in r) return { kind: 'cells', cells: r.cells.map(cell), keepWithNext: r.keepWithNext ?? false };
    if ('group' in r) return { kind: 'group', label: r.group, rows: r.rows.map((cells) => cells.map(cell)) };
    const columns = r.indicators.columns;
    return {
      kind: 'indicators',
      head: r.indicators.head,
      merge: columns.map((c) => c.merge ?? false),
      rows: sheet.indicatorRows.map((line) =>
        columns.map((c) => {
          const v = read(line, c.value);
          return v === undefined || v === null ? null : String(v);
        }),
      ),
    };
  });
  return {
    id: `sheet${sheet.index}`,
    title: wording.title,
    subtitle: wording.subtitle,
    project: print(decl.outline),
    widths: decl.widths,
    rows,
    continued: decl.continued.map(cell),
  };
}
