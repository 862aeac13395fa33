import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { D } from '../derive/decimal.js';
import { amount, dateCn, MONEY_UNITS, percent, ROUNDINGS, type MoneyUnit, type RoundingName } from '../derive/format.js';

/*
 * The cell formats a table declaration may name: an open registry, one entry per format. A
 * format says which options it takes (a zod schema: a bad option is a template-set error naming
 * file and path), how a value of the derived model prints in a cell, and how a printed cell reads
 * back (`read`, the inverse: what the 13-table import dispatches on). Adding a format is adding an
 * entry here; neither the table engine nor the schema names a format.
 *
 * Units: the derived model holds every amount in 万元. An `amount` cell prints it in its unit
 * (万元 or 元, converted exactly); `read` returns 万元 again. `exact` is the unrounded amount in
 * the unit the cell prints — what the exported workbook stores, so a table read back gives the
 * data, not its rounding.
 */

export type Align = 'left' | 'center' | 'right';

export interface Printed {
  text: string;
  align: Align;
  /** An amount's unrounded value in the printed unit (absent when blank or zero). */
  exact?: string;
  /** The cell prints an amount that is not zero (a table of only zeros says so in a note). */
  nonZero?: boolean;
}

/** What a printing cell knows besides its own options: the set's and the table's defaults. */
export interface FormatEnv {
  /** The table's money unit (else the set's). */
  unit: MoneyUnit;
  /** Thousands separators by unit (theme.json numbers). */
  grouping: Record<MoneyUnit, boolean>;
  rounding: RoundingName;
}

export type ReadResult<V> = { value: V } | { problem: string };

export interface CellFormat<O = unknown, V = unknown> {
  options: z.ZodType<O>;
  /** undefined when the value is not of the format's kind (a template error the caller names). */
  print(value: unknown, options: O, env: FormatEnv): Printed | undefined;
  read(text: string, options: O, env: FormatEnv): ReadResult<V>;
}

const bool = z.boolean({ error: '须为 true 或 false' });
const decimals = z.int({ error: '小数位数须为整数' }).min(0, { error: '小数位数不能为负数' }).max(6, { error: '小数位数至多为6' });
const unit = z.enum(MONEY_UNITS, { error: `金额单位须为 ${MONEY_UNITS.join(' 或 ')}` });
const rounding = z.enum(Object.keys(ROUNDINGS) as [RoundingName, ...RoundingName[]], { error: `舍入方式须为 ${Object.keys(ROUNDINGS).join('、')} 之一` });

const AmountOptions = z.strictObject({ unit: unit.optional(), decimals: decimals.optional(), grouping: bool.optional(), blankZero: bool.optional() });
type AmountOptions = z.infer<typeof AmountOptions>;

/** A figure as a reader types or copies it: separators and spaces dropped, a full-width minus read. */
function figureText(text: string): string {
  return text.replace(/[,，\s]/g, '').replace(/^[−－]/, '-');
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function asDecimal(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value as Decimal;
  if (typeof value === 'number' && Number.isFinite(value)) return new D(String(value));
  if (typeof value === 'string' && NUMBER.test(value)) return new D(value);
  return undefined;
}

const amountFormat: CellFormat<AmountOptions, Decimal> = {
  options: AmountOptions,
  print(value, o, env) {
    if (value === undefined || value === null) return { text: '', align: 'right' };
    const x = asDecimal(value);
    if (!x) return undefined;
    const u = o.unit ?? env.unit;
    const text = amount(x, { unit: u, decimals: o.decimals ?? 2, rounding: env.rounding, sep: o.grouping ?? env.grouping[u], blankZero: o.blankZero ?? true });
    if (x.isZero()) return { text, align: 'right' };
    return { text, align: 'right', exact: (u === '元' ? x.times(10000) : x).toFixed(), nonZero: true };
  },
  read(text, o, env) {
    const t = figureText(text);
    if (t === '') return { value: new D(0) };
    if (!NUMBER.test(t)) return { problem: `“${text}”不是金额` };
    const x = new D(t);
    return { value: (o.unit ?? env.unit) === '元' ? x.div(10000) : x };
  },
};

const PercentOptions = z.strictObject({ decimals: decimals.optional(), sign: bool.optional(), blankZero: bool.optional() });

const percentFormat: CellFormat<z.infer<typeof PercentOptions>, Decimal> = {
  options: PercentOptions,
  print(value, o, env) {
    if (value === undefined || value === null) return { text: '', align: 'right' };
    const x = asDecimal(value);
    if (!x) return undefined;
    const text = percent(x, { decimals: o.decimals ?? 2, rounding: env.rounding });
    if (o.blankZero && new D(text).isZero()) return { text: '', align: 'right' };
    return { text: o.sign ? `${text}%` : text, align: 'right' };
  },
  read(text) {
    const t = figureText(text).replace(/[%％]$/, '');
    if (t === '') return { value: new D(0) };
    if (!NUMBER.test(t)) return { problem: `“${text}”不是百分比` };
    return { value: new D(t) };
  },
};

const CountOptions = z.strictObject({ grouping: bool.optional(), blankZero: bool.optional() });

const countFormat: CellFormat<z.infer<typeof CountOptions>, number> = {
  options: CountOptions,
  print(value, o) {
    if (value === undefined || value === null) return { text: '', align: 'right' };
    const x = asDecimal(value);
    if (!x || !x.isInteger()) return undefined;
    if (x.isZero() && o.blankZero) return { text: '', align: 'right' };
    const digits = x.toFixed(0);
    return { text: o.grouping ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits, align: 'right' };
  },
  read(text) {
    const t = figureText(text);
    if (t === '') return { value: 0 };
    if (!/^-?\d+$/.test(t)) return { problem: `“${text}”不是整数` };
    return { value: Number(t) };
  },
};

const CodeOptions = z.strictObject({
  pattern: z
    .string({ error: '编码格式须为文字，如 "### ## ##"' })
    .regex(/^#+([^#]+#+)*$/, { error: '编码格式须由 # 和分隔符组成，以 # 开头和结尾，如 "### ## ##"' })
    .optional(),
});

/**
 * A joined code ("2120101") printed by its pattern: each # takes the next character, the text
 * between them is printed as written ("### ## ##" → "212 01 01"). A shorter code prints what it
 * has ("212", "212 01"); characters beyond the pattern follow the last group.
 */
export function patternCode(code: string, pattern: string): string {
  let out = '';
  let i = 0;
  for (const ch of pattern) {
    if (i >= code.length) break;
    if (ch === '#') out += code[i++];
    else out += ch;
  }
  return out + code.slice(i);
}

const codeFormat: CellFormat<z.infer<typeof CodeOptions>, string> = {
  options: CodeOptions,
  print(value, o) {
    if (value === undefined || value === null) return { text: '', align: 'left' };
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const code = String(value);
    return { text: o.pattern ? patternCode(code, o.pattern) : code, align: 'left' };
  },
  read(text, o) {
    const t = text.trim();
    if (!o.pattern) return { value: t };
    // the pattern's separators come out wherever they stand; a code written joined reads the same
    const separators = new Set([...o.pattern].filter((c) => c !== '#'));
    const joined = [...t].filter((c) => !separators.has(c) && !/\s/.test(c)).join('');
    if (t !== '' && t !== joined && patternCode(joined, o.pattern) !== t) return { problem: `编码“${text}”与格式“${o.pattern}”不符` };
    return { value: joined };
  },
};

const TextOptions = z.strictObject({});

const textFormat: CellFormat<z.infer<typeof TextOptions>, string> = {
  options: TextOptions,
  print(value) {
    return { text: value === undefined || value === null ? '' : String(value), align: 'left' };
  },
  read(text) {
    return { value: text };
  },
};

const DateOptions = z.strictObject({ style: z.enum(['cn', 'iso'], { error: '日期样式须为 cn（2026年2月4日）或 iso（2026-02-04）' }).optional() });

const CN_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const ISO_DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;

const dateFormat: CellFormat<z.infer<typeof DateOptions>, string> = {
  options: DateOptions,
  print(value, o) {
    if (value === undefined || value === null || value === '') return { text: '', align: 'center' };
    if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    const m = ISO_DATE.exec(iso.slice(0, 10).trim()) ?? ISO_DATE.exec(iso.trim().slice(0, 8));
    if (!m) return undefined;
    return { text: o.style === 'iso' ? `${m[1]}-${m[2]}-${m[3]}` : dateCn(`${m[1]}-${m[2]}-${m[3]}`), align: 'center' };
  },
  read(text) {
    const t = text.trim();
    if (t === '') return { value: '' };
    const m = CN_DATE.exec(t) ?? ISO_DATE.exec(t);
    if (!m) return { problem: `“${text}”不是日期（如 2026年2月4日 或 2026-02-04）` };
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return { problem: `“${text}”不是存在的日期` };
    return { value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  },
};

/** Every format by the name a declaration writes (`"f": "amount"`, `"f": { "amount": { … } }`). */
export const FORMATS: Record<string, CellFormat<never>> = {
  amount: amountFormat as CellFormat<never>,
  percent: percentFormat as CellFormat<never>,
  count: countFormat as CellFormat<never>,
  code: codeFormat as CellFormat<never>,
  text: textFormat as CellFormat<never>,
  date: dateFormat as CellFormat<never>,
};

/** Shorthands: "wan" (kept from the first declarations) is an amount in 万元, "yuan" one in 元. */
const ALIASES: Record<string, { name: string; options: Record<string, unknown> }> = {
  wan: { name: 'amount', options: { unit: '万元' } },
  yuan: { name: 'amount', options: { unit: '元' } },
};

/** The registry name a declaration's `f` comes to ("wan" → "amount"), or undefined when it names none: what a reader dispatches on. */
export function formatName(spec: FormatSpec | undefined): string | undefined {
  const r = resolveFormat(spec);
  return 'issues' in r ? undefined : r.name;
}

/** A declaration's `f`: a format's name, or one key (the name) holding its options. */
export type FormatSpec = string | Record<string, unknown>;

export interface ResolvedFormat {
  name: string;
  format: CellFormat<unknown>;
  options: unknown;
}

/**
 * A declaration's `f` as a format and its parsed options; the issues (message and path below
 * `f`) when the name or an option is wrong. The schema calls it for every cell at load.
 */
export function resolveFormat(spec: FormatSpec | undefined): ResolvedFormat | { issues: Array<{ path: Array<string | number>; message: string }> } {
  let name: string;
  let raw: unknown;
  if (spec === undefined) return { name: 'text', format: FORMATS.text as CellFormat<unknown>, options: {} };
  if (typeof spec === 'string') {
    name = spec;
    raw = {};
  } else {
    const keys = Object.keys(spec);
    if (keys.length !== 1) return { issues: [{ path: [], message: `格式须写一个格式名，如 { "amount": { "unit": "元" } }（现有 ${keys.length} 个键）` }] };
    name = keys[0]!;
    raw = spec[name];
  }
  const alias = ALIASES[name];
  if (alias) {
    if (typeof spec !== 'string') return { issues: [{ path: [name], message: `“${name}”不带选项；要写选项请用 { "${alias.name}": { … } }` }] };
    name = alias.name;
    raw = alias.options;
  }
  const format = FORMATS[name] as CellFormat<unknown> | undefined;
  if (!format) return { issues: [{ path: typeof spec === 'string' ? [] : [name], message: `未知的格式“${name}”（可用：${[...Object.keys(FORMATS), ...Object.keys(ALIASES)].join('、')}）` }] };
  const parsed = format.options.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => {
        const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : [];
        return { path: [...(typeof spec === 'string' ? [] : [name]), ...(i.path as Array<string | number>), ...keys.slice(0, 1)], message: keys.length ? `格式“${name}”没有选项“${keys.join('”“')}”` : i.message };
      }),
    };
  }
  return { name, format, options: parsed.data };
}
