import type { BookCell } from '../../load/workbook.js';
import { convert } from '../read.js';
import type { Field } from '../spec.js';

/*
 * A printed cell read back through the format its declaration prints it with (`f`): the one
 * place that knows formats. An amount comes back exact in the unit the table states, a code as
 * its digits (a code printed "212 01 01" is 2120101), anything else as its text. When the render
 * stage's format registry gives each format a `read`, this dispatch becomes a lookup in it.
 */

export type Unit = '万元' | '元';

export type CellValue = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'amount'; value: string } | { kind: 'problem'; message: string };

const DECIMAL: Field = { header: '金额', path: '', type: 'decimal', note: '' };
const CODE: Field = { header: '编码', path: '', type: 'code', note: '' };

const blank = (c: BookCell | undefined) => c === undefined || c.v === undefined || String(c.v).trim() === '';

/** Formats whose cells are amounts in the table's unit. */
const AMOUNT_FORMATS = new Set(['wan', 'yuan', 'amount']);

export const isAmountFormat = (f: string | undefined) => f !== undefined && AMOUNT_FORMATS.has(f);

export function readCell(f: string | undefined, cell: BookCell | undefined, unit: Unit): CellValue {
  if (blank(cell)) return { kind: 'empty' };
  const field = isAmountFormat(f) ? DECIMAL : f === 'code' ? CODE : undefined;
  if (!field) return { kind: 'text', text: String(cell!.v).trim() };
  const { value, problem } = convert(cell!, field, unit);
  if (problem) return { kind: 'problem', message: problem.message };
  if (value === undefined) return { kind: 'empty' };
  return field === CODE ? { kind: 'text', text: String(value) } : { kind: 'amount', value: String(value) };
}
