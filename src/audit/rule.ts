import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { Derived, FiscalAmounts, Periods, SourceAmounts } from '../derive/types.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { Catalogue } from '../schema/catalogue.js';
import type { Department } from '../schema/index.js';
import { money } from '../diagnostics/place.js';

export interface AuditContext {
  data: Department;
  derived: Derived;
  /** The data file as given on the command line ('' when the data came from memory). */
  file: string;
  /**
   * The 政府收支分类科目 of the budget year; null: no catalogue serves the year (said once);
   * undefined: not looked up (the catalogue rules stay silent).
   */
  catalogue?: Catalogue | null;
  /**
   * Whether the active set's tables print a source of the derived model (`projectRows` …);
   * undefined: the set is not known, and every rule checks as if all were printed.
   */
  printed?: (source: string) => boolean;
}

export interface Rule {
  /** Stable kebab-case id, printed with every diagnostic and used to silence a rule. */
  id: string;
  severity: Severity;
  /** What the rule checks, in Chinese. */
  title: string;
  check(ctx: AuditContext): Diagnostic[];
}

/** What a rule finds: the runner adds file, rule id and severity. */
export interface Finding {
  path: string;
  message: string;
  related?: string[];
}

export function defineRule(spec: { id: string; severity: Severity; title: string; find(ctx: AuditContext): Finding[] }): Rule {
  return {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    check(ctx) {
      return spec.find(ctx).map((f) => {
        const d: Diagnostic = { file: ctx.file, path: f.path, rule: spec.id, severity: spec.severity, message: f.message };
        if (f.related && f.related.length) d.related = f.related;
        return d;
      });
    },
  };
}

/** Exact comparison whatever decimal.js constructor made the values. */
export function eq(a: Decimal, b: Decimal): boolean {
  return new D(a).eq(new D(b));
}

/**
 * `stated` is a figure given to the printed precision (two decimals of 万元) and `exact`, half-up
 * to that precision, prints as it: a table in 万元 and one in 元 then publish the same amount
 * (0.83 万元 against 8,265 元). Not for two exact figures — those must be equal.
 */
export function roundsTo(exact: Decimal, stated: Decimal, places = 2): boolean {
  const s = new D(stated);
  if (s.decimalPlaces() > places) return false;
  return new D(exact).toDecimalPlaces(places, D.ROUND_HALF_UP).eq(s);
}

/**
 * A figure for a message: two decimals when that is exact ("2849.51", "17.50"), else every digit
 * (a difference below a cent must not print as two equal figures).
 */
export function fig(x: Decimal): string {
  const v = new D(x);
  return v.decimalPlaces() <= 2 ? v.toFixed(2) : v.toString();
}

/** A percentage for a message, as printed: two decimals, half-up. */
export function pct(x: Decimal): string {
  return new D(x).toFixed(2, D.ROUND_HALF_UP);
}

export const SOURCE_NAMES: Record<keyof SourceAmounts, string> = {
  generalBudget: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
  fiscal: '财政拨款小计',
  total: '合计',
};
export const SOURCE_KEYS = Object.keys(SOURCE_NAMES) as Array<keyof SourceAmounts>;
export const FISCAL_KEYS = ['generalBudget', 'govFund', 'stateCapital', 'total'] as const satisfies ReadonlyArray<keyof FiscalAmounts>;
export const PERIOD_NAMES = { current: '当年预算安排', carryover: '上年结转安排', all: '合计' } as const;
export const PART_NAMES = { basic: '基本支出', project: '项目支出', total: '合计' } as const;

/** A mismatch between two amounts: which column, and both figures. */
export interface Mismatch {
  column: string;
  left: Decimal;
  right: Decimal;
}

export function compareSources(a: SourceAmounts, b: SourceAmounts, prefix = '', keys: ReadonlyArray<keyof SourceAmounts> = SOURCE_KEYS): Mismatch[] {
  return keys.filter((k) => !eq(a[k], b[k])).map((k) => ({ column: prefix + SOURCE_NAMES[k], left: a[k], right: b[k] }));
}

export function compareFiscal(a: FiscalAmounts, b: FiscalAmounts, prefix = ''): Mismatch[] {
  return FISCAL_KEYS.filter((k) => !eq(a[k], b[k])).map((k) => ({ column: prefix + SOURCE_NAMES[k], left: a[k], right: b[k] }));
}

export function comparePeriods(a: Periods, b: Periods): Mismatch[] {
  const out: Mismatch[] = [];
  for (const period of ['current', 'carryover', 'all'] as const)
    for (const part of ['basic', 'project', 'total'] as const)
      out.push(...compareSources(a[period][part], b[period][part], `${PERIOD_NAMES[period]}·${PART_NAMES[part]}·`));
  return out;
}

/** Σ of Decimals with the audit's own constructor. */
export function total(values: Iterable<Decimal>): Decimal {
  let out = new D(0);
  for (const v of values) out = out.plus(new D(v));
  return out;
}

export function sumSourceAmounts(list: readonly SourceAmounts[]): SourceAmounts {
  const out = {} as SourceAmounts;
  for (const k of SOURCE_KEYS) out[k] = total(list.map((s) => s[k]));
  return out;
}

export function sumFiscalAmounts(list: readonly FiscalAmounts[]): FiscalAmounts {
  const out = {} as FiscalAmounts;
  for (const k of FISCAL_KEYS) out[k] = total(list.map((s) => s[k]));
  return out;
}

export function sumPeriodsOf(list: readonly Periods[]): Periods {
  const out = {} as Periods;
  for (const period of ['current', 'carryover', 'all'] as const) {
    out[period] = {} as Periods['current'];
    for (const part of ['basic', 'project', 'total'] as const) out[period][part] = sumSourceAmounts(list.map((p) => p[period][part]));
  }
  return out;
}

/**
 * The identities inside one SourceAmounts: fiscal = 一般公共预算 + 政府性基金 + 国有资本经营,
 * total = fiscal + 财政专户 + 单位资金.
 */
export function sourceIdentities(s: SourceAmounts, prefix = ''): Mismatch[] {
  const fiscal = total([s.generalBudget, s.govFund, s.stateCapital]);
  const all = total([s.fiscal, s.specialAccount, s.unitFunds]);
  const out: Mismatch[] = [];
  if (!eq(s.fiscal, fiscal)) out.push({ column: `${prefix}财政拨款小计`, left: s.fiscal, right: fiscal });
  if (!eq(s.total, all)) out.push({ column: `${prefix}合计`, left: s.total, right: all });
  return out;
}

export function fiscalIdentity(f: FiscalAmounts, prefix = ''): Mismatch[] {
  const t = total([f.generalBudget, f.govFund, f.stateCapital]);
  return eq(f.total, t) ? [] : [{ column: `${prefix}合计`, left: f.total, right: t }];
}

/** basic + project = total per source, current + carryover = all, and the source identities. */
export function periodIdentities(p: Periods): Mismatch[] {
  const out: Mismatch[] = [];
  for (const period of ['current', 'carryover', 'all'] as const) {
    const s = p[period];
    for (const part of ['basic', 'project', 'total'] as const) out.push(...sourceIdentities(s[part], `${PERIOD_NAMES[period]}·${PART_NAMES[part]}·`));
    out.push(...compareSources(s.total, sumSourceAmounts([s.basic, s.project]), `${PERIOD_NAMES[period]}·基本+项目·`));
  }
  for (const part of ['basic', 'project', 'total'] as const)
    out.push(...compareSources(p.all[part], sumSourceAmounts([p.current[part], p.carryover[part]]), `当年+结转·${PART_NAMES[part]}·`));
  return out;
}

/** "当年预算安排·基本支出·一般公共预算 10.00 与 9.00 不一致" (+ how many more). */
export function describe(mismatches: readonly Mismatch[], leftName: string, rightName: string): string {
  const first = mismatches[0]!;
  const more = mismatches.length > 1 ? `（另有 ${mismatches.length - 1} 处不一致）` : '';
  return `${first.column}：${leftName} ${money(first.left)}，${rightName} ${money(first.right)}${more}`;
}

/** The index of the 项 line with that code, as a data path. */
export function linePath(data: Department, code: string): string {
  const i = data.expenditure.lines.findIndex((l) => l.code === code);
  return i < 0 ? 'expenditure.lines' : `expenditure.lines[${i}]`;
}

/** Paths of the 项 lines under a 类/款 code (or all lines for ''). */
export function linePathsUnder(data: Department, prefix: string): string[] {
  return data.expenditure.lines.flatMap((l, i) => (l.code.startsWith(prefix) ? [`expenditure.lines[${i}]`] : []));
}
