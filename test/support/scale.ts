import { Decimal } from 'decimal.js';

/** Fields whose digits are not money: codes, dates, an area, a share. */
const NOT_MONEY = new Set(['code', 'filledAt', 'buildingArea', 'declaredPublishedShare', 'year']);

/**
 * A department `factor` times as big: every amount (a decimal string) multiplied, exactly, so the
 * totals the audit derives still hold. Counts (numbers, not strings) and codes are kept.
 */
export function scaleMoney<T>(input: T, factor: number): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !NOT_MONEY.has(key)) return new Decimal(v).times(factor).toString();
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(input, '') as T;
}
