import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/index.js';
import { formatPath } from '../diagnostics/index.js';
import { at } from '../diagnostics/place.js';
import { Department, moneyDecimals, type MoneyUnit } from '../schema/index.js';

/*
 * One money unit for derive and audit. A data file may be entered in 元 (as the budget system
 * exports it) or in 万元; every amount of the tables and the narrative (schema meta unit
 * 'money') is converted to 万元 here, exactly (÷ 10 000 in decimal arithmetic: 3016973.45 元 is
 * 301.697345 万元, never 301.70), so a total is the exact sum and only the printed cell is
 * rounded. The performance sheets stay in 元 (meta unit '元').
 */

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

type Schema = z.ZodType;

function unwrap(s: Schema): { inner: Schema; unit?: string } {
  let unit: string | undefined;
  let cur: Schema = s;
  for (let i = 0; i < 20; i++) {
    const m = z.globalRegistry.get(cur) as { unit?: string } | undefined;
    unit ??= m?.unit;
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault || cur instanceof z.ZodReadonly) cur = cur.unwrap() as Schema;
    else if (cur instanceof z.ZodPipe) cur = cur.in as Schema;
    else break;
  }
  return { inner: cur, unit };
}

/** Every money amount of `data` (schema unit 'money'), with its path. */
export function moneyPaths(data: unknown): Array<{ path: Array<string | number>; value: string | number }> {
  const out: Array<{ path: Array<string | number>; value: string | number }> = [];
  const walk = (schema: Schema, value: unknown, path: Array<string | number>) => {
    if (value === undefined || value === null) return;
    const { inner, unit } = unwrap(schema);
    if (unit === 'money' && (typeof value === 'string' || typeof value === 'number')) {
      out.push({ path, value });
      return;
    }
    if (inner instanceof z.ZodObject && typeof value === 'object') {
      const shape = inner.shape as Record<string, Schema>;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (Object.hasOwn(shape, k)) walk(shape[k]!, v, [...path, k]);
    } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
      value.forEach((v, i) => walk(inner.element as Schema, v, [...path, i]));
    }
  };
  walk(Department, data, []);
  return out;
}

function setAt(root: unknown, path: ReadonlyArray<string | number>, value: string): void {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
}

/**
 * Checks each amount against the file's money unit (元: at most two decimals) and returns the
 * data with every amount in 万元. `data` is the schema-validated department (not changed).
 */
export function toWan<T extends { moneyUnit: MoneyUnit }>(data: T, file: string): { data: T; diagnostics: Diagnostic[] } {
  if (data.moneyUnit === '万元') return { data, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const out = structuredClone(data);
  const max = moneyDecimals(data.moneyUnit);
  for (const { path, value } of moneyPaths(data)) {
    const d = new D(typeof value === 'number' ? String(value) : value);
    if (d.decimalPlaces() > max) {
      diagnostics.push({ file, path: formatPath(path), rule: 'invalid-amount', severity: 'error', message: `金额 ${String(value)} 元超过两位小数：按元录入的金额最多到分（${at('moneyUnit')}：元）` });
      continue;
    }
    setAt(out, path, d.div(10000).toFixed());
  }
  return { data: out, diagnostics };
}
