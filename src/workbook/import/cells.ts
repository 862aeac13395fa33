import type { Decimal } from 'decimal.js';
import type { BookCell } from '../../load/workbook.js';
import { resolveFormat, type FormatEnv, type FormatSpec, type ResolvedFormat } from '../../render/formats.js';
import { convert } from '../read.js';
import type { Field } from '../spec.js';
import { numberText } from '../values.js';

/*
 * A printed cell read back through the format its declaration prints it with (`f`), by the
 * format's own `read` in the render stage's registry (render/formats.ts): an amount comes back
 * exact in the unit its column prints (the column's own `unit`, else the one the table states), a
 * code as its digits (a code printed "212 01 01" is 2120101), anything else as its text. What the
 * registry cannot know is a workbook's: a cell that is a number is taken as the number the
 * workbook holds (never through a float's text), a formula without a value or an error value is
 * a problem, a dash is a blank amount.
 */

export type Unit = '万元' | '元';

export type CellValue = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'amount'; value: string; unit: Unit } | { kind: 'problem'; message: string };

const TEXT: Field = { header: '文字', path: '', type: 'text', note: '' };
const CODE: Field = { header: '编码', path: '', type: 'code', note: '' };
const DATE: Field = { header: '日期', path: '', type: 'date', note: '' };

const DASHES = /^[-—–－―]+$/;

const blank = (c: BookCell | undefined) => c === undefined || c.v === undefined || String(c.v).trim() === '';

/** Formats whose cells are amounts. */
export const isAmountFormat = (f: string | undefined) => f === 'amount';

const AMOUNT = resolveFormat('amount') as ResolvedFormat;
const PLAIN = resolveFormat(undefined) as ResolvedFormat;

/** A declaration's `f`, resolved once (a set that loaded has only formats that resolve). */
export function cellFormat(spec: FormatSpec | undefined): ResolvedFormat {
  const r = resolveFormat(spec);
  return 'issues' in r ? PLAIN : r;
}

/** The unit an amount format names itself (`{ "amount": { "unit": "元" } }`, "wan", "yuan"). */
export function ownUnit(format: ResolvedFormat | undefined): Unit | undefined {
  return format?.name === 'amount' ? (format.options as { unit?: Unit }).unit : undefined;
}

/**
 * The unit a column's amounts are read in: the one the sheet states above the table, unless the
 * column names a unit of its own other than the table's (a 元 column in a 万元 table prints 元
 * whatever the table says). A column whose unit is the table's follows the sheet, which a
 * system may state otherwise.
 */
export function readUnit(format: ResolvedFormat | undefined, stated: Unit, declared: Unit): Unit {
  const own = ownUnit(format);
  return own !== undefined && own !== declared ? own : stated;
}

const isResolved = (x: unknown): x is ResolvedFormat => typeof x === 'object' && x !== null && 'format' in x && 'name' in x && 'options' in x;

/** A cell read as an amount whatever its declaration: a column the import takes figures from. */
export const asAmount = (format: ResolvedFormat | undefined) => (format?.name === 'amount' ? format : AMOUNT);

/** A cell by its declaration's `f`, in a table the sheet states `stated` for and the set declares `declared` (default: the same). */
export function readCell(spec: FormatSpec | ResolvedFormat | undefined, cell: BookCell | undefined, stated: Unit, declared: Unit = stated): CellValue {
  const format = isResolved(spec) ? spec : cellFormat(spec);
  return readFormatted(format, cell, readUnit(format, stated, declared));
}

/** A cell through its resolved format; an amount is in `unit` (readUnit). */
export function readFormatted(format: ResolvedFormat, cell: BookCell | undefined, unit: Unit): CellValue {
  // a formula with no result (blank, but not empty: its figure was never calculated), an error
  // value: the workbook's problems, said before any format
  const guard = cell === undefined ? {} : convert(cell, TEXT, unit);
  if (guard.problem) return { kind: 'problem', message: guard.problem.message };
  if (blank(cell)) return { kind: 'empty' };
  const c = cell!;
  const text = typeof c.v === 'string' ? c.v.normalize('NFKC').trim() : undefined;
  const env: FormatEnv = { unit, grouping: { 万元: false, 元: false }, rounding: 'ROUND_HALF_UP' };
  switch (format.name) {
    case 'amount': {
      const own = unit;
      let t: string;
      if (typeof c.v === 'number') t = numberText(c.v, c.z);
      else if (text === undefined) return { kind: 'problem', message: '这一格须填金额（数字）' };
      else if (DASHES.test(text)) return { kind: 'empty' };
      else {
        t = text;
        const m = /(万元|元)$/.exec(t.replace(/\s+/g, ''));
        if (m) {
          if (m[1] !== own) return { kind: 'problem', message: `这一格写的是“${text}”（${m[1]}），这一列的金额单位是${own}` };
          t = t.replace(/\s*(万元|元)\s*$/, '');
        }
      }
      const read = format.format.read(t, { ...(format.options as object), unit: own }, env);
      if ('problem' in read) return { kind: 'problem', message: `金额格内是文字“${text && text.length > 20 ? `${text.slice(0, 20)}…` : (text ?? t)}”：请填写数字（单位：${own}）` };
      // the registry reads an amount into 万元; the column's own unit keeps its figures as written
      const wan = read.value as Decimal;
      return { kind: 'amount', value: (own === '元' ? wan.mul(10_000) : wan).toFixed(), unit: own };
    }
    case 'code': {
      if (typeof c.v === 'number') {
        const r = convert(c, CODE, unit);
        return r.problem ? { kind: 'problem', message: r.problem.message } : { kind: 'text', text: String(r.value) };
      }
      const read = format.format.read(text ?? '', format.options, env);
      if ('problem' in read) return { kind: 'problem', message: read.problem };
      // a code without a pattern is its characters, wherever a system spaced them
      return { kind: 'text', text: String(read.value).replace(/\s+/g, '') };
    }
    case 'date': {
      if (typeof c.v === 'number') {
        const r = convert(c, DATE, unit);
        return r.problem ? { kind: 'problem', message: r.problem.message } : { kind: 'text', text: String(r.value) };
      }
      const read = format.format.read(text ?? '', format.options, env);
      return 'problem' in read ? { kind: 'problem', message: read.problem } : { kind: 'text', text: String(read.value) };
    }
    case 'text':
      return { kind: 'text', text: String(c.v).trim() };
    default: {
      // percent, count and any format a set adds: its own reading, kept as text
      const read = format.format.read(typeof c.v === 'number' ? numberText(c.v, c.z) : (text ?? ''), format.options, env);
      if ('problem' in read) return { kind: 'problem', message: read.problem };
      return { kind: 'text', text: String(read.value) };
    }
  }
}
