import { Decimal } from 'decimal.js';

/*
 * Data text is only text. The templates write a small block language (`::kind` at the start of
 * a line, `**bold**` inside a block); a data string that holds a newline, `::` or `**` must never
 * become a block, a heading or a bold run. So every string of the render context is *sealed*
 * before Handlebars sees it: the characters the block language gives meaning to (newline, `:`,
 * `*`) and the escape character itself are replaced by two-character escapes that mean nothing
 * to the parser; after the rendered text has been split into blocks and runs, `unseal` turns
 * them back into the characters the data holds. Template text is never sealed, so only the
 * templates can write structure.
 *
 * The escape character is U+E000 (private use): no font we ship draws it, so data holding it is
 * refused by the coverage check anyway, and sealing it too keeps the mapping reversible.
 */

const ESC = '\uE000';
const SEAL: Record<string, string> = { [ESC]: `${ESC}e`, '\n': `${ESC}n`, ':': `${ESC}c`, '*': `${ESC}s` };
const UNSEAL: Record<string, string> = { e: ESC, n: '\n', c: ':', s: '*' };
const NEEDS_SEAL = /[\uE000\n\r:*]/;
const SEALED = /\uE000([encs])/g;

/** A data string made inert for the block parser. Line ends are normalised to \n first. */
export function seal(text: string): string {
  if (!NEEDS_SEAL.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(/[\uE000\n:*]/g, (c) => SEAL[c]!);
}

/** The characters a sealed string stood for. Idempotent on text without escapes. */
export function unseal(text: string): string {
  return text.indexOf(ESC) < 0 ? text : text.replace(SEALED, (_, k: string) => UNSEAL[k]!);
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a render context with every string sealed: plain objects and arrays are copied,
 * anything else (decimal.js values, dates, numbers) is kept as it is. Derived strings that carry
 * no special character (kinds, codes, directions) come out identical, so helpers that compare
 * them still do.
 */
export function sealContext<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return seal(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    if (Decimal.isDecimal(v) || !isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return walk(value) as T;
}
