import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { D, TEN_THOUSAND } from '../derive/decimal.js';
import type { DerivedSheet } from '../derive/types.js';
import { Indicator, PerformanceSheet } from '../schema/department.js';
import { resolveFormat, type FormatEnv, type ResolvedFormat } from './formats.js';
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
  /** Phrases no line breaks inside (the set's sheet.json `words`). */
  words: string[];
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

/** A sheet's amounts when the set says nothing: 元 with two decimals, zero as 0.00, whole 元 when the sheet's are all whole. */
const AMOUNTS = { format: { amount: { unit: '元', decimals: 2, blankZero: false } }, wholeWhenAllWhole: true };

/** An amount field's value in 元 (a derived total carries its printed figure), or undefined. */
function yuanOf(v: unknown): Decimal | undefined {
  const x = v !== null && typeof v === 'object' && 'printed' in v ? v.printed : v;
  return Decimal.isDecimal(x) ? (x as Decimal) : typeof x === 'string' ? new D(x) : undefined;
}

/** Every amount path the grid prints: they share one style, so a column never mixes 0 with 12.50. */
function moneyPaths(decl: SheetDecl): string[] {
  const cells = [...decl.rows.flatMap((r) => ('cells' in r ? r.cells : 'group' in r ? r.rows.flat() : [])), ...decl.continued];
  return cells.flatMap((c) => (c.value !== undefined && sheetValueKind(c.value) === 'money' ? [c.value] : []));
}

export function sheetModel(sheet: DerivedSheet, decl: SheetDecl, wording: SheetWording, numbers: NumberFormats): SheetModel {
  const amounts = decl.amounts ?? AMOUNTS;
  // the schema refused a wrong format when the set loaded: the default stands in only for a set made in code
  const given = resolveFormat(amounts.format);
  const resolved = 'issues' in given ? (resolveFormat(AMOUNTS.format) as ResolvedFormat) : given;
  const options = resolved.options as { decimals?: number };
  const whole = amounts.wholeWhenAllWhole === true && moneyPaths(decl).every((p) => yuanOf(read(sheet, p))?.isInteger() ?? true);
  const env: FormatEnv = { unit: '元', grouping: { 万元: numbers.wan.grouping, 元: numbers.yuan.grouping }, rounding: 'ROUND_HALF_UP' };
  const print = (path: string): string => {
    const v = read(sheet, path);
    if (v === undefined || v === null) return '';
    if (sheetValueKind(path) === 'money') {
      // the format takes the model's 万元: the 元 figure is moved back four places, exactly
      const x = yuanOf(v);
      return x ? (resolved.format.print(x.div(TEN_THOUSAND), whole ? { ...options, decimals: 0 } : options, env)?.text ?? '') : '';
    }
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
    words: decl.words ?? [],
  };
}
