import type { Decimal } from 'decimal.js';
import { D } from './decimal.js';

/*
 * The printing helpers. The only place a figure is rounded: once, half-up, at the precision it
 * is printed. Plain functions; the render stage registers them as Handlebars helpers (and maps
 * a helper's hash arguments onto the options objects here).
 *
 * Every helper accepts a Decimal (from any decimal.js constructor), a decimal string or a JSON
 * number (read through its shortest decimal representation, never float arithmetic); null and
 * undefined print ''.
 */

export type Printable = Decimal | string | number | null | undefined;

function toDecimal(x: Exclude<Printable, null | undefined>): Decimal {
  return new D(typeof x === 'number' ? String(x) : x);
}

/** "1234567.5" → "1,234,567.5" (separators in the integer part only). */
function separate(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [int = '', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac === undefined ? '' : `.${frac}`);
}

/** "17.50" → "17.5", "2867.00" → "2867", "0.00" → "0". */
function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export interface WanOptions {
  /** Thousands separators: "2,867.01". Default false. */
  sep?: boolean;
  /** Print '' when the amount rounds to zero. Default false. */
  blankZero?: boolean;
  /** Drop trailing zeros of the decimals: "17.5", "2867", "0". Default false. */
  trim?: boolean;
}

/** The money units a set may print in. The derived model holds every amount in 万元. */
export const MONEY_UNITS = ['万元', '元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** decimal.js rounding modes by name: what a template set may declare (`"rounding": "ROUND_HALF_EVEN"`). */
export const ROUNDINGS = {
  ROUND_UP: 0,
  ROUND_DOWN: 1,
  ROUND_CEIL: 2,
  ROUND_FLOOR: 3,
  ROUND_HALF_UP: 4,
  ROUND_HALF_DOWN: 5,
  ROUND_HALF_EVEN: 6,
  ROUND_HALF_CEIL: 7,
  ROUND_HALF_FLOOR: 8,
} as const satisfies Record<string, Decimal.Rounding>;
export type RoundingName = keyof typeof ROUNDINGS;

export interface AmountOptions extends WanOptions {
  /** The unit printed: the 万元 of the model, or 元 (× 10 000, exact). Default 万元. */
  unit?: MoneyUnit;
  /** Decimals printed. Default 2. */
  decimals?: number;
  /** How the one rounding rounds. Default half-up. */
  rounding?: RoundingName;
}

/** An amount of the model (万元) in `unit`, exact: 元 is the decimal point moved four places. */
export function inUnit(x: Decimal, unit: MoneyUnit): Decimal {
  return unit === '元' ? x.times(10000) : x;
}

/**
 * An amount (given in 万元) printed in its unit, rounded once at `decimals`: "2867.01",
 * "28,670,100.00" in 元; zero prints as its decimals ("0.00"), '' with blankZero, "0" with trim.
 */
export function amount(x: Printable, options: AmountOptions = {}): string {
  if (x === null || x === undefined) return '';
  const places = options.decimals ?? 2;
  const mode = ROUNDINGS[options.rounding ?? 'ROUND_HALF_UP'];
  const rounded = inUnit(toDecimal(x), options.unit ?? '万元').toDecimalPlaces(places, mode);
  if (rounded.isZero()) {
    if (options.blankZero) return '';
    return options.trim ? '0' : (0).toFixed(places);
  }
  let out = rounded.toFixed(places, mode);
  if (options.trim) out = trimZeros(out);
  return options.sep ? separate(out) : out;
}

/**
 * An amount in 万元 with two decimals, half-up: "2867.01"; "0.00" for zero ("0" with trim, ''
 * with blankZero).
 */
export function wan(x: Printable, options: WanOptions = {}): string {
  return amount(x, { ...options, unit: '万元', decimals: 2, rounding: 'ROUND_HALF_UP' });
}

export interface PercentOptions {
  /** Print "0" (not "0.00") when the share rounds to zero. Default false. */
  zeroAsInt?: boolean;
  /** Decimals printed. Default 2. */
  decimals?: number;
  rounding?: RoundingName;
}

/** A percentage (already in percent units) with two decimals, half-up: "56.09". */
export function percent(x: Printable, options: PercentOptions = {}): string {
  if (x === null || x === undefined) return '';
  const places = options.decimals ?? 2;
  const mode = ROUNDINGS[options.rounding ?? 'ROUND_HALF_UP'];
  const rounded = toDecimal(x).toDecimalPlaces(places, mode);
  if (rounded.isZero() && options.zeroAsInt) return '0';
  return rounded.toFixed(places, mode);
}

export interface YuanOptions {
  /** Thousands separators. Default true: "4,520,000". */
  sep?: boolean;
}

/** An amount in 元: an integer when whole ("4,520,000"), else two decimals half-up ("1,234.50"). */
export function yuan(x: Printable, options: YuanOptions = {}): string {
  if (x === null || x === undefined) return '';
  const rounded = toDecimal(x).toDecimalPlaces(2, D.ROUND_HALF_UP);
  const out = rounded.isInteger() ? rounded.toFixed(0) : rounded.toFixed(2, D.ROUND_HALF_UP);
  return options.sep === false ? out : separate(out);
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * 1 … 99 in Chinese numerals, for 一、二、… numbering: 一 … 十, 十一 … 十九, 二十, 二十一 … 九十九.
 * Throws a RangeError outside 1 … 99 (a template bug, not a data problem).
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumber: ${n} 不在 1–99 之间`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return (tens === 1 ? '' : DIGITS[tens]!) + '十' + DIGITS[ones]!;
}

export type DateInput = string | Date | { year: number; month: number; day: number };

/**
 * "2026年2月4日" from "2026-02-04", "20260204", "20260204093000" (a sheet's filledAt), a
 * { year, month, day } or a Date (read in UTC, as Derived.creationDate is).
 */
export function dateCn(x: DateInput | null | undefined): string {
  if (x === null || x === undefined) return '';
  let parts: { year: number; month: number; day: number };
  if (x instanceof Date) parts = { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
  else if (typeof x === 'string') {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(x.trim());
    if (!m) throw new RangeError(`dateCn: 无法识别的日期 "${x}"`);
    parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  } else parts = x;
  return `${parts.year}年${parts.month}月${parts.day}日`;
}
