/*
 * Paths into a data file and the cell form of its values, shared by the workbook's writer and
 * reader. Amounts travel as numbers (a clerk sums them in Excel) with a number format showing
 * exactly the decimals the data wrote, so "17.50" comes back as "17.50" and "0" as "0": a data
 * file round-trips through its workbook unchanged.
 */

export function getAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    if (key === '') continue;
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

/** Two paths as one: either may be empty ('' is the item itself). */
export function joinPath(a: string, b: string): string {
  return a && b ? `${a}.${b}` : a || b;
}

/** Sets a value, creating the objects on the way; a key that could reach a prototype is never set. */
export function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.').filter((k) => k !== '');
  let cur: Record<string, unknown> = obj;
  for (const [i, key] of keys.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (i === keys.length - 1) {
      Object.defineProperty(cur, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    let next = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      next = {};
      Object.defineProperty(cur, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    cur = next as Record<string, unknown>;
  }
}

/** Decimals an amount was written with ("17.50" → 2, "0" → 0, 12.5 → 1). */
export function decimalsOf(value: string | number): number {
  const s = typeof value === 'number' ? String(value) : value;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** A number format showing `decimals` places, with thousands separators. */
export function amountFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

/** Decimal places a number format shows ("#,##0.00" → 2, "0" → 0, "General" → undefined). */
export function formatDecimals(format: string | undefined): number | undefined {
  if (!format || /general/i.test(format)) return undefined;
  const first = format.split(';')[0]!;
  const m = /\.(0+)/.exec(first);
  if (m) return m[1]!.length;
  return /[0#]/.test(first) ? 0 : undefined;
}

/**
 * A cell's number as the decimal text it shows: never fewer places than the value needs (nothing
 * is rounded away), padded to the places its format shows.
 */
export function numberText(n: number, format: string | undefined): string {
  // the shortest text that reads back as this double: what was typed, for any typed amount
  let s = String(n);
  if (/e/i.test(s)) s = n.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n) || 1)) + 15)));
  const shown = formatDecimals(format);
  if (shown === undefined) return s;
  const have = decimalsOf(s);
  if (have >= shown) return s;
  return (have === 0 ? `${s}.` : s) + '0'.repeat(shown - have);
}
