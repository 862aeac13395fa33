import { Decimal } from 'decimal.js';

/**
 * The one Decimal constructor of the derive, audit and format stages: 40 significant digits,
 * half-up. A local clone, so the global decimal.js configuration (which other code may touch)
 * never changes a figure.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const ZERO: Decimal = new D(0);
export const HUNDRED: Decimal = new D(100);
export const TEN_THOUSAND: Decimal = new D(10000);

/** A value as it may arrive: a Decimal (from any constructor), a data string or JSON number. */
export type DecimalLike = Decimal | string | number;

/**
 * An amount from the data (string or JSON number, validated by the schema: at most two
 * decimals) as a Decimal; missing = 0. A JSON number is read through its shortest decimal
 * representation, never through float arithmetic.
 */
export function dec(x: DecimalLike | null | undefined): Decimal {
  if (x === undefined || x === null) return ZERO;
  if (typeof x === 'number') return new D(String(x));
  return new D(x);
}

/** Σ of Decimals (exact). */
export function sum(values: Iterable<Decimal>): Decimal {
  let out = ZERO;
  for (const v of values) out = out.plus(v);
  return out;
}

/** part / base × 100, in percent; 0 over a zero base. */
export function share(part: Decimal, base: Decimal): Decimal {
  if (base.isZero()) return ZERO;
  return new D(part).times(HUNDRED).div(base);
}

/** Exact equality of two amounts, whatever Decimal constructor made them. */
export function same(a: Decimal, b: Decimal): boolean {
  return new D(a).eq(new D(b));
}
