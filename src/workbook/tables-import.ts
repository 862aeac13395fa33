import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { cellAddress, type Book, type BookSheet } from '../load/workbook.js';
import type { ImportLayout } from '../schema/import-layout.js';
import type { TableModel } from '../render/table.js';
import type { TemplateSet } from '../render/template-set.js';
import { FISCAL_SOURCES, SOURCES } from '../schema/common.js';
import { decimalsOf } from './values.js';
import { isAmountFormat, ownUnit, readFormatted, readUnit, type Unit } from './import/cells.js';
import { findTable, norm, textOf, type FoundTable } from './import/find.js';
import { tablePlans } from './import/plan.js';
import { dec, inUnit, label, tableRows, zeroFig, type Fig, type Place, type Row } from './import/rows.js';

export type { FoundTable } from './import/find.js';

/*
 * A template set's tables as a budget system exports them (or `gongkai export` writes them),
 * read back into facts. Where each table and column is comes from the set's own declarations
 * (title, label, header texts), or from an import layout's texts where a system words them
 * otherwise (workbook/import/). What a table yields is decided by the row sources and value
 * paths it declares, never by which table it is: rows of the subject tree and of its per-source
 * views become expenditure lines (split by fund source and into 基本/项目 as far as the printed
 * figures determine it — a line they leave ambiguous is an error naming it, never a guess),
 * economic rows the economic items, income rows the income, 三公 rows their items, operating rows
 * the 机关运行经费, project rows the projects; class and total rows are only checked. The facts
 * replace those of a base data file (the narrative, sheets and units stay the base's, and so
 * does every kind of fact no table carries). Every value keeps its cell; the caller checks every
 * figure against what gongkai derives from the facts (compareTables).
 *
 * The base also settles what the tables cannot say. A base fact (found by its key: 科目编码,
 * 单位 and 项目名称, 经济科目 name…) that gives every figure the tables print for it is kept as
 * the base has it: its split of a 项 line between sources and 基本/项目 where the tables leave it
 * open, its 元 where a table shows two decimals of 万元, its codes and 类别. A table that prints
 * the subject tree only to 类 or 款 (its row group's `levels`) says nothing of one 项: the base's
 * lines are kept where their sums give its 类 and 款 rows, and a line no table prints at 项 at all
 * (money only such a table shows) stays the base's on the same terms. A figure the tables
 * change is taken from them; where such a figure is two decimals of 万元 and the data is kept in
 * 元, the 元 are not in the tables, and one warning names every such cell (tables-wan-precision).
 * gongkai's own export stores the exact amounts, so it reads back unchanged.
 */

export interface TablesImport {
  json?: Record<string, unknown>;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
  found: FoundTable[];
}

type Obj = Record<string, unknown>;

/** The row sources whose rows are facts, by the kind of fact they read into. */
const isExpenditure = (s: string) => s === '$.subjectRows' || s.startsWith('$.currentRowsBySource.');
const THREE_PUBLIC = /^\$\.threePublic\.(abroad|reception|vehiclePurchase|vehicleOperation)$/;
const FACT_SOURCES: Array<(s: string) => boolean> = [
  isExpenditure,
  (s) => s === '$.economicRows',
  (s) => s === '$.govFundIncomeRows' || s === '$.stateCapitalIncomeRows',
  (s) => THREE_PUBLIC.test(s),
  (s) => s === '$.operatingRows' || s === '$.operatingTotal',
  (s) => s === '$.projectRows' || s === '$.carryoverProjectRows',
];
const yieldsFacts = (s: string) => FACT_SOURCES.some((f) => f(s));


interface Ctx {
  file: string;
  diagnostics: Diagnostic[];
  positions: JsonPositions;
}

function say(ctx: Ctx, sheet: BookSheet | undefined, r: number, c: number, message: string, rule = 'tables-import', severity: Severity = 'error', path = '') {
  ctx.diagnostics.push({ file: ctx.file, path, rule, severity, message, ...(sheet ? { sheet: sheet.name, cell: cellAddress(r, c), line: r + 1, column: c + 1 } : {}) });
}

/**
 * Does the workbook hold amounts beyond two decimals of 万元? Then it holds them exact (as
 * gongkai's export does) and a figure such as 4.23 is 42,300.00 元, not a rounding: a budget
 * system rounds every one.
 */
function holdsExact(tables: Iterable<FoundTable>): boolean {
  for (const t of tables) {
    if (t.unit !== '万元') continue;
    for (let r = t.from; r < t.sheet.rows.length; r++) {
      for (const c of t.sheet.rows[r] ?? []) {
        const v = c?.v;
        if ((typeof v === 'number' && decimalsOf(v) > 2) || (typeof v === 'string' && /^\s*\d[\d,]*\.\d{3,}\s*$/.test(v))) return true;
      }
    }
  }
  return false;
}

const Z: Decimal = new D(0);
/** An amount as the tables print amounts: two decimals at least. */
const money = (v: Decimal) => v.toFixed(Math.max(2, v.decimalPlaces()));
const put = (obj: Obj, key: string, v: Decimal) => {
  if (!v.isZero()) obj[key] = money(v);
};

/**
 * A subject line's amount at a declared path (`current.basic.generalBudget`, `all.total.total`,
 * `carryover.total.fiscal`…): periods, parts and sources summed as derive sums them.
 */
function lineAmount(l: Obj, path: string, amountOf: (raw: unknown) => Decimal): Decimal | undefined {
  const [period, part, source, ...rest] = path.split('.');
  if (rest.length || !period || !part || !source) return undefined;
  const periods = period === 'current' ? [l] : period === 'carryover' ? [(l.carryover ?? {}) as Obj] : period === 'all' ? [l, (l.carryover ?? {}) as Obj] : undefined;
  const parts = part === 'total' ? ['basic', 'project'] : part === 'basic' || part === 'project' ? [part] : undefined;
  const sources: readonly string[] | undefined = source === 'total' ? SOURCES : source === 'fiscal' ? FISCAL_SOURCES : (SOURCES as readonly string[]).includes(source) ? [source] : undefined;
  if (!periods || !parts || !sources) return undefined;
  let sum = Z;
  for (const o of periods) for (const p of parts) for (const s of sources) {
    const funds = o[p];
    sum = sum.plus(amountOf(funds !== null && typeof funds === 'object' ? (funds as Obj)[s] : undefined));
  }
  return sum;
}

export interface TablesImportOptions {
  /** The data file the facts go into (its narrative, sheets, units…); without one, a minimal one is made. */
  base?: Record<string, unknown>;
  /** The base is the department's own data, whose amounts (万元 unless it says 元) keep their unit. */
  ownUnit?: boolean;
  /** 部门经济科目 类 names (3-digit codes) from the catalogue: the group rows of the economic table. */
  economicClasses: ReadonlyMap<string, string>;
}

export function importTables(book: Book, set: TemplateSet, layout: ImportLayout | undefined, file: string, options: TablesImportOptions): TablesImport {
  const ctx: Ctx = { file, diagnostics: [], positions: new Map() };
  const taken = new Set<BookSheet>();
  const plans = tablePlans(set, layout);
  const found: FoundTable[] = [];
  const missing: string[] = [];
  for (const plan of plans) {
    const t = findTable(book, plan, layout?.unit, taken, (sheet, r, c, message, rule) => say(ctx, sheet, r, c, message, rule));
    if (t) found.push(t);
    // a table of totals and classes is only checked: a system may leave it out
    else if (plan.groups.some((g) => yieldsFacts(g.source))) missing.push(plan.find ?? plan.label);
  }
  if (missing.length) {
    ctx.diagnostics.push({ file, path: '', rule: 'tables-missing', severity: 'error', message: `${layout ? `按格式“${layout.name}”` : `按模板“${set.name}”的表格`}找不到这些表：${missing.join('、')}（工作簿中的工作表：${book.sheets.map((s) => s.name).slice(0, 16).join('、')}）` });
    return { positions: ctx.positions, diagnostics: ctx.diagnostics, found };
  }
  const base = options.base ?? {};
  // the base's unit when it is the department's data (万元 unless it says 元: its other amounts
  // are in it); a skeleton takes the tables'
  const unit = ((base.moneyUnit as string | undefined) ?? (options.ownUnit ? '万元' : (found[0]?.unit ?? '万元'))) as Unit;
  const exact = holdsExact(found);
  const all: Row[] = found.flatMap((t) => tableRows(t, unit, exact, (tt, r, c, message) => say(ctx, tt.sheet, r, c, message)));
  /** Rows of a row source, table by table in the set's order. */
  const from = (test: (source: string) => boolean) => all.filter((r) => r.group && test(r.group.source));
  const carries = (test: (source: string) => boolean) => found.some((t) => t.plan.groups.some((g) => test(g.source)));
  const pos = (path: string, row: Row, v: string) => ctx.positions.set(path, row.at(v));

  // ── what the base settles: an amount it gives the table's figure for stays as the base has it ──
  const lost: Place[] = [];
  const amountOf = (raw: unknown): Decimal => {
    if (raw === undefined || raw === null || raw === '') return Z;
    const s = String(raw).trim();
    return /^\d+(\.\d+)?$/.test(s) ? new D(s) : new D(NaN);
  };
  const wanOf = (v: Decimal) => (unit === '万元' ? v : v.div(10_000));
  /** Does an amount give the figure a table prints: exactly, or as the table rounds it? */
  const gives = (f: Fig, b: Decimal) => (f.rounded ? wanOf(b).toDecimalPlaces(2, D.ROUND_HALF_UP).equals(wanOf(f.value)) : b.equals(f.value));
  /** A table's figure taken as the data: a rounding of 万元 has lost the 元 the data keeps. */
  const takenFig = (f: Fig) => {
    if (f.rounded && unit === '元' && !f.value.isZero()) lost.push(f.at);
  };
  /** The base's amount where it gives the table's figure, else the table's (undefined: none). */
  const settle = (f: Fig, baseRaw: unknown): unknown => {
    if (gives(f, amountOf(baseRaw))) return baseRaw === null || baseRaw === '' ? undefined : baseRaw;
    takenFig(f);
    return f.value.isZero() ? undefined : money(f.value);
  };
  /** Funds by source from a row's `prefix<source>` columns; a source the table has no column for stays the base's. */
  const settleFunds = (r: Row, sources: readonly string[], baseFunds: unknown, prefix = ''): Obj => {
    const b = (baseFunds !== null && typeof baseFunds === 'object' ? baseFunds : {}) as Obj;
    const out: Obj = {};
    for (const s of sources) {
      const v = r.has(prefix + s) ? settle(r.fig(prefix + s), b[s]) : b[s];
      if (v !== undefined && v !== null) out[s] = v;
    }
    return out;
  };
  const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x.filter((o) => o !== null && typeof o === 'object') as Obj[]) : []);
  /** The base's name where it is the table's but for spacing and width, else the table's. */
  const sameName = (table: string, baseName: unknown) => (typeof baseName === 'string' && norm(baseName) === norm(table) ? baseName : table);
  const json: Obj = structuredClone(base);
  if (base.moneyUnit !== undefined || unit !== '万元') json.moneyUnit = unit;

  // ── expenditure: 类/款 names, and each 项 line by source and 基本/项目 ──
  if (carries(isExpenditure)) {
    const baseExp = (base.expenditure ?? {}) as Obj;
    const { subjects, lines } = expenditure();
    // the base's own order where the tables hold the same subjects (derive sorts them by code)
    const baseSubject = new Map(list(baseExp.subjects).map((s) => [String(s.code ?? ''), s]));
    const sameSubjects = subjects.length === list(baseExp.subjects).length && subjects.every((s) => baseSubject.get(String(s.code))?.name === s.name);
    json.expenditure = { ...baseExp, subjects: sameSubjects ? structuredClone(baseExp.subjects) : subjects, lines };
    const exp = json.expenditure as Obj;
    delete exp.noCarryover;
    if (!lines.some((l) => l.carryover !== undefined)) exp.noCarryover = true;
  }

  function expenditure(): { subjects: Obj[]; lines: Obj[] } {
    const baseExp = (base.expenditure ?? {}) as Obj;
    const baseLine = matcher(list(baseExp.lines), (l) => String(l.code ?? ''));
    const baseSubject = new Map(list(baseExp.subjects).map((s) => [String(s.code ?? ''), s]));
    const codeOf = (r: Row) => r.get('code')?.replace(/\s+/g, '');
    // each table of subject rows that names them by code: its rows by code, the amount paths it
    // prints and the levels of the tree it prints (a table cut to 类 and 款 prints no 项 line)
    const views = found
      .map((t) => {
        const groups = t.plan.groups.filter((g) => isExpenditure(g.source));
        const sides = new Set(groups.map((g) => g.side));
        const coded = t.plan.columns.some((c) => c.v === 'code' && sides.has(c.side) && t.cols.has(c.key));
        const rows = from(isExpenditure).filter((r) => r.table === t && r.kind !== 'total');
        const byCode = new Map<string, Row>();
        for (const r of rows) {
          const code = codeOf(r);
          if (code && /^\d+$/.test(code) && !byCode.has(code)) byCode.set(code, r);
        }
        const paths = t.plan.columns.filter((c) => sides.has(c.side) && isAmountFormat(c.f) && t.cols.has(c.key)).map((c) => c.v);
        const levels = new Set(groups.some((g) => !g.levels) ? [0, 1, 2, 3] : groups.flatMap((g) => g.levels ?? []));
        return { t, byCode, paths, levels, coded };
      })
      // rows known by name alone (a 收支总表's 类) are only checked: compareTables
      .filter((v) => v.coded && (v.paths.length > 0 || v.byCode.size > 0));
    const lineViews = views.filter((v) => v.levels.has(3));
    const sumViews = views.filter((v) => !v.levels.has(3));
    // a path printed by two tables is read from the first (compareTables checks the other)
    const byPath = new Map<string, (typeof views)[number]>();
    for (const v of lineViews) for (const p of v.paths) if (!byPath.has(p)) byPath.set(p, v);
    const known = (p: string) => byPath.has(p);
    /** A table's figure for a row; a table without the row prints zero for it. */
    const figOf = (v: (typeof views)[number], code: string, p: string): Fig => {
      const r = v.byCode.get(code);
      return r ? r.fig(p) : zeroFig(v.t, exact, p);
    };
    const fig = (code: string, p: string): Fig => figOf(byPath.get(p)!, code, p);
    const lineGives = (l: Obj, code: string) =>
      [...byPath.keys()].every((p) => {
        const b = lineAmount(l, p, amountOf);
        return b === undefined || gives(fig(code, p), b);
      });
    /*
     * A 类 or 款 that a table prints without its 项 lines: do the base's lines under it add up to
     * every figure printed for it? Then its lines are the base's as far as that table goes.
     */
    const levelOf = (code: string) => (code.length === 3 ? 1 : code.length === 5 ? 2 : 3);
    const sums = new Map<string, boolean>();
    const sumGives = (code: string): boolean => {
      let ok = sums.get(code);
      if (ok === undefined) {
        const under = list(baseExp.lines).filter((l) => String(l.code ?? '').startsWith(code));
        ok = sumViews
          .filter((v) => v.levels.has(levelOf(code)))
          .every((v) =>
            v.paths.every((p) => {
              let sum = Z;
              for (const l of under) {
                const b = lineAmount(l, p, amountOf);
                if (b === undefined) return true;
                sum = sum.plus(b);
              }
              return gives(figOf(v, code, p), sum);
            }),
          );
        sums.set(code, ok);
      }
      return ok;
    };
    const baseGives = (l: Obj, code: string) => lineGives(l, code) && sumGives(code.slice(0, 3)) && sumGives(code.slice(0, 5));
    // the table of 基本/项目 over all sources comes first: its rows name the lines
    const main = byPath.get('all.basic.total') ?? lineViews[0] ?? views[0];
    const ordered = main ? [main, ...views.filter((v) => v !== main)] : views;
    const labels = (vs: typeof views) => vs.map((v) => v.t.plan.label).join('、');
    const subjects: Obj[] = [];
    const lineFacts: Array<{ known: Obj | undefined; row: Row | undefined; value: Obj }> = [];
    const codes = [...new Set(ordered.flatMap((v) => [...v.byCode.keys()]))];
    for (const code of codes) {
      const row = ordered.map((v) => v.byCode.get(code)).find((r) => r !== undefined)!;
      const name = row.get('name') ?? '';
      if (code.length === 3 || code.length === 5) {
        pos(`expenditure.subjects[${subjects.length}]`, row, 'code');
        subjects.push({ code, name: sameName(name, baseSubject.get(code)?.name) });
        continue;
      }
      if (code.length !== 7) {
        say(ctx, row.table.sheet, row.r, row.table.cols.get(row.table.plan.columns.find((c) => c.v === 'code')?.key ?? '') ?? 0, `科目编码“${code}”不是类（3位）、款（5位）或项（7位）`);
        continue;
      }
      const knownLine = baseLine(code);
      if (knownLine && baseGives(knownLine, code)) {
        // the base's split of the line, which the tables agree with to the last figure they print
        lineFacts.push({ known: knownLine, row, value: { ...structuredClone(knownLine), name: sameName(name, knownLine.name) } });
        continue;
      }
      const line: Obj = { code, name };
      const basic: Obj = {};
      const project: Obj = {};
      const fill = knownLine ? '，或在所并入的数据中改正这一行' : '';
      const ambiguous = (message: string) => say(ctx, row.table.sheet, row.r, 0, `科目 ${code} ${name}：${message}`, 'tables-ambiguous');
      let fb = Z;
      let fp = Z;
      const open: string[] = [];
      // a source whose 基本 and 项目 are printed (or one of them and its total) is settled by them
      for (const s of SOURCES) {
        const [b, p, t] = (['basic', 'project', 'total'] as const).map((part) => (known(`current.${part}.${s}`) ? fig(code, `current.${part}.${s}`) : undefined));
        let vb: Decimal;
        let vp: Decimal;
        if (b && p) [vb, vp] = [b.value, p.value];
        else if (b && t) [vb, vp] = [b.value, t.value.minus(b.value)];
        else if (p && t) [vb, vp] = [t.value.minus(p.value), p.value];
        else {
          open.push(s);
          continue;
        }
        for (const f of [b, p, t]) if (f && (f === b || f === p || !(b && p))) takenFig(f);
        put(basic, s, vb);
        put(project, s, vp);
        fb = fb.plus(vb);
        fp = fp.plus(vp);
      }
      // what is left of the line's 基本 and 项目 over all sources: the open sources' and the carryover's
      const totals = open.map((s) => [s, known(`current.total.${s}`) ? fig(code, `current.total.${s}`) : undefined] as const);
      const carryFig = known('carryover.total.total') ? fig(code, 'carryover.total.total') : undefined;
      const allBasic = known('all.basic.total') ? fig(code, 'all.basic.total') : undefined;
      const allProject = known('all.project.total') ? fig(code, 'all.project.total') : undefined;
      for (const f of [...totals.map(([, f]) => f), carryFig, allBasic, allProject]) if (f) takenFig(f);
      const settled = totals.every(([, f]) => f?.value.isZero()) && carryFig?.value.isZero();
      if (!settled && (totals.some(([, f]) => !f) || !carryFig || !allBasic || !allProject)) {
        ambiguous(`公开表（${labels(views)}）没有给出这一行各资金来源的基本支出与项目支出：请在填报表的“功能科目支出”中填写这一行${fill}`);
      } else if (!settled) {
        const carry = carryFig!.value;
        const restBasic = allBasic!.value.minus(fb);
        const restProject = allProject!.value.minus(fp);
        const others = totals.filter(([, f]) => !f!.value.isZero()).map(([s, f]) => [s, f!.value] as const);
        // each published figure is rounded on its own: the identity holds to a cent per figure in it
        const gap = restBasic.plus(restProject).minus(others.reduce((a, [, v]) => a.plus(v), Z).plus(carry)).abs();
        const cent = new D(unit === '元' ? 100 : 0.01);
        if (gap.greaterThan(cent.mul(9))) {
          say(ctx, row.table.sheet, row.r, 0, `科目 ${code} ${name}：${main!.t.plan.label}的基本支出与项目支出（${money(restBasic.plus(fb))} + ${money(restProject.plus(fp))}）与${labels(views.filter((v) => v !== main))}的各来源（相差 ${money(gap)}）不相符`, 'tables-inconsistent');
        } else if (carry.isZero()) {
          if (others.length === 1) {
            put(basic, others[0]![0], restBasic);
            put(project, others[0]![0], restProject);
          } else if (others.length > 1 && !(restBasic.isZero() || restProject.isZero())) {
            ambiguous(`公开表只给出${others.map(([s]) => SOURCE_NAMES[s]).join('与')}的合计基本支出 ${restBasic.toFixed()}、项目支出 ${restProject.toFixed()}，无法拆分到各来源：请在填报表的“功能科目支出”中填写这一行${fill}`);
          } else if (others.length > 1) {
            // all of the rest is basic, or all is project: each source's share is its whole
            for (const [k, v] of others) put(restBasic.isZero() ? project : basic, k, v);
          }
        } else if (others.length === 0 && (restBasic.isZero() || restProject.isZero())) {
          // the carryover's source: the only one the carried-over projects use, else not known
          const used = carryoverSources();
          if (used.length === 1) line.carryover = { [restBasic.isZero() ? 'project' : 'basic']: { [used[0]!]: money(carry) } };
          else ambiguous(`上年结转 ${carry.toFixed()} 的资金来源无法从公开表确定：请在填报表的“功能科目支出”中填写这一行的上年结转${fill}`);
        } else {
          ambiguous(`上年结转 ${carry.toFixed()} 与其他来源同在一行，无法从公开表拆分：请在填报表的“功能科目支出”中填写这一行${fill}`);
        }
      }
      if (Object.keys(basic).length) line.basic = basic;
      if (Object.keys(project).length) line.project = project;
      lineFacts.push({ known: knownLine, row, value: line });
    }
    // a base line no table prints on its own (its money is where the tables print only 类 and 款)
    // stays where the base's lines add up to those rows; where they do not, the tables cannot say
    // how the 款 divides
    if (sumViews.length) {
      const printed = new Set(codes);
      for (const l of list(baseExp.lines)) {
        const code = String(l.code ?? '');
        if (printed.has(code) || !/^\d{7}$/.test(code)) continue;
        const knownLine = baseLine(code);
        if (!knownLine) continue;
        const row = [code.slice(0, 5), code.slice(0, 3)].flatMap((c) => sumViews.map((v) => v.byCode.get(c))).find((r) => r !== undefined);
        if (baseGives(knownLine, code)) lineFacts.push({ known: knownLine, row, value: structuredClone(knownLine) });
        else if (row) {
          const at = row.table.cols.get(row.table.plan.columns.find((c) => c.v === 'code' && c.side === row.group?.side)?.key ?? '') ?? 0;
          say(ctx, row.table.sheet, row.r, at, `科目 ${code} ${String(l.name ?? '')}：${row.table.plan.label}只印到${row.get('code')?.replace(/\s+/g, '').length === 3 ? '类' : '款'}，所并入数据中其下各项之和与之不符，公开表无法给出这一行：请在所并入的数据中改正这一行`, 'tables-ambiguous');
        }
      }
    }
    const lines = inBaseOrder(lineFacts, list(baseExp.lines), (i, row) => row && pos(`expenditure.lines[${i}]`, row, 'code'));
    return { subjects, lines };
  }

  /** Fund sources the carried-over projects use (the department's row first, left out). */
  function carryoverSources(): string[] {
    const used = new Set<string>();
    for (const t of found) {
      const rows = from((s) => s === '$.carryoverProjectRows').filter((r) => r.table === t);
      for (const r of rows.slice(1)) for (const s of FISCAL_SOURCES) if (r.has(`funds.${s}`) && !dec(r.amount(`funds.${s}`)).isZero()) used.add(s);
    }
    return [...used];
  }

  // ── economic items: 类 rows (by the catalogue's class names) and their 款 ──
  if (carries((s) => s === '$.economicRows')) {
    const classNames = new Map([...options.economicClasses].map(([code, n]) => [norm(n), code]));
    const baseGroup = matcher(list(base.basicByEconomic), (g) => norm(g.name));
    const economic: Array<{ group: Obj; items: Obj[]; baseItem: (k: string) => Obj | undefined }> = [];
    for (const r of from((s) => s === '$.economicRows')) {
      const name = r.get('name');
      if (!name || r.kind === 'total' || norm(name) === '合计') continue;
      if (classNames.has(norm(name))) {
        pos(`basicByEconomic[${economic.length}]`, r, 'name');
        const known = baseGroup(norm(name));
        const items: Obj[] = [];
        economic.push({ group: { ...(known?.code !== undefined ? { code: known.code } : {}), name: sameName(name, known?.name), items }, items, baseItem: matcher(list(known?.items), (i) => norm(i.name)) });
        continue;
      }
      const group = economic[economic.length - 1];
      if (!group) {
        say(ctx, r.table.sheet, r.r, 0, `“${name}”前面没有经济科目类（如“商品和服务支出”）`);
        continue;
      }
      const known = group.baseItem(norm(name));
      const item: Obj = { ...(known?.code !== undefined ? { code: known.code } : {}), name: sameName(name, known?.name) };
      const gov = r.get('govName');
      // a base item that leaves its govName to the catalogue (it has a code) keeps leaving it there
      if (gov && !(known && known.govName === undefined && known.code !== undefined)) item.govName = sameName(gov, known?.govName);
      else if (!r.has('govName') && known?.govName !== undefined) item.govName = known.govName;
      for (const k of ['personnel', 'public']) {
        const v = r.has(k) ? settle(r.fig(k), known?.[k]) : known?.[k];
        if (v !== undefined) item[k] = v;
      }
      pos(`basicByEconomic[${economic.length - 1}].items[${group.items.length}]`, r, 'name');
      group.items.push(item);
    }
    json.basicByEconomic = economic.map((g) => g.group);
  }

  // ── income ──
  const income = (source: string, baseList: unknown): Obj[] => {
    const known = matcher(list(baseList), (i) => (i.code !== undefined ? `#${String(i.code)}` : norm(i.name)));
    const byName = matcher(list(baseList), (i) => norm(i.name));
    return from((s) => s === source)
      .filter((r) => r.kind !== 'total' && r.get('name') && norm(r.get('name')) !== '合计' && norm(r.get('code')) !== '合计')
      .filter((r) => r.amount('amount') !== undefined)
      .map((r) => {
        const raw = r.get('code')?.replace(/\s+/g, '');
        const code = raw && /^\d+$/.test(raw) ? raw : undefined;
        const name = r.get('name')!;
        const b = (code ? known(`#${code}`) : undefined) ?? byName(norm(name));
        const f = r.fig('amount');
        return { ...(code ? { code } : {}), name: sameName(name, b?.name), amount: settle(f, b?.amount) ?? money(f.value) };
      });
  };
  if (carries((s) => s === '$.govFundIncomeRows')) json.govFundIncome = income('$.govFundIncomeRows', base.govFundIncome);
  if (carries((s) => s === '$.stateCapitalIncomeRows')) json.stateCapitalIncome = income('$.stateCapitalIncomeRows', base.stateCapitalIncome);

  // ── 三公 items: a single row each, found by its label ──
  if (carries((s) => THREE_PUBLIC.test(s))) {
    const threePublic: Obj = {};
    const baseThree = (base.threePublic ?? {}) as Obj;
    const printed = new Set<string>();
    for (const r of from((s) => THREE_PUBLIC.test(s))) {
      const key = THREE_PUBLIC.exec(r.group!.source)![1]!;
      printed.add(key);
      const f = settleFunds(r, FISCAL_SOURCES, baseThree[key]);
      if (Object.keys(f).length) {
        threePublic[key] = f;
        pos(`threePublic.${key}`, r, '@label');
      }
    }
    // an item the set prints no row for stays the base's
    for (const [key, v] of Object.entries(baseThree)) if (!printed.has(key) && !found.some((t) => t.plan.groups.some((g) => g.source === `$.threePublic.${key}`))) threePublic[key] = structuredClone(v);
    json.threePublic = threePublic;
  }

  // ── 机关运行经费: per unit, or the department's total alone ──
  if (carries((s) => s === '$.operatingRows' || s === '$.operatingTotal')) {
    const rows = from((s) => s === '$.operatingRows' || s === '$.operatingTotal');
    const baseOperating = matcher(list(base.operatingCosts), (o) => (o.unit === undefined ? '' : norm(o.unit)));
    const operating: Obj[] = [];
    const deptRow = rows.find((r) => r.kind === 'total' || r.group?.source === '$.operatingTotal');
    const unitRows = rows.filter((r) => r !== deptRow && r.group?.source === '$.operatingRows' && r.get('name'));
    const perUnit = list(base.operatingCosts);
    // a table of the department's total alone: the base's per-unit figures stay where they add up to it
    const addsUp = (r: Row) => {
      const prefix = r.has('funds.generalBudget') || r.has('funds.total') ? 'funds.' : '';
      return FISCAL_SOURCES.every((s) => !r.has(prefix + s) || gives(r.fig(prefix + s), perUnit.reduce((a, o) => a.plus(amountOf(((o.funds ?? {}) as Obj)[s])), Z)));
    };
    if (!unitRows.length && deptRow && perUnit.some((o) => o.unit !== undefined) && addsUp(deptRow)) operating.push(...structuredClone(perUnit));
    else for (const r of unitRows.length ? unitRows : deptRow ? [deptRow] : []) {
      const known = baseOperating(r === deptRow ? '' : norm(r.get('name')));
      const prefix = r.has('funds.generalBudget') || r.has('funds.total') ? 'funds.' : '';
      const funds = settleFunds(r, FISCAL_SOURCES, known?.funds, prefix);
      if (!Object.keys(funds).length) continue;
      pos(`operatingCosts[${operating.length}]`, r, r.has('name') ? 'name' : '@label');
      operating.push(r === deptRow ? { funds } : { unit: sameName(r.get('name')!, known?.unit), funds });
    }
    json.operatingCosts = operating;
  }

  // ── projects: the department row, unit rows, project rows ──
  const units = new Set(((base.department as { units?: Array<{ name: string }> } | undefined)?.units ?? []).map((u) => norm(u.name)));
  const projectRows = (source: string) => {
    const out: Array<{ unit: string; name: string; row: Row }> = [];
    for (const t of found) {
      const rows = from((s) => s === source).filter((r) => r.table === t);
      let unitName: string | undefined;
      rows.forEach((r, i) => {
        const name = r.get('name');
        if (!name) return;
        if (i === 0) return; // the department's own total, first as the tables print it
        // a unit: one the base names, or a row its following rows add up to
        const isUnit = units.size ? units.has(norm(name)) : sumsFollowing(rows, i, r.amount('funds.total'));
        if (isUnit) {
          unitName = name;
          return;
        }
        out.push({ unit: unitName ?? '', name, row: r });
      });
    }
    return out;
  };
  const projectKey = (p: Obj) => `${norm(p.unit)}|${norm(p.name)}`;
  if (carries((s) => s === '$.projectRows')) {
    const baseProject = matcher(list(base.projects), projectKey);
    const baseCategory = new Map(list(base.projects).map((p) => [p.name, p.category]));
    json.projects = inBaseOrder(
      projectRows('$.projectRows').map((p) => {
        const known = baseProject(projectKey(p));
        const category = known?.category ?? baseCategory.get(p.name);
        if (!category) say(ctx, p.row.table.sheet, p.row.r, p.row.table.cols.get('name') ?? 0, `项目“${p.name}”的类别（其他运转类 / 特定目标类）公开表中没有：请在填报表的“项目支出”中填写，或用 --into 给出含此项目的数据文件`, 'tables-project-category');
        return { known, row: p.row, value: { ...(known ? structuredClone(known) : {}), unit: sameName(p.unit, known?.unit), name: sameName(p.name, known?.name), category: category ?? '其他运转类', funds: settleFunds(p.row, SOURCES, known?.funds, 'funds.') } };
      }),
      list(base.projects),
      (i, row) => row && pos(`projects[${i}]`, row, 'name'),
    );
  }
  if (carries((s) => s === '$.carryoverProjectRows')) {
    const baseCarried = matcher(list(base.carryoverProjects), projectKey);
    json.carryoverProjects = inBaseOrder(
      projectRows('$.carryoverProjectRows').map((p) => {
        const known = baseCarried(projectKey(p));
        return { known, row: p.row, value: { ...(known ? structuredClone(known) : {}), unit: sameName(p.unit, known?.unit), name: sameName(p.name, known?.name), funds: settleFunds(p.row, FISCAL_SOURCES, known?.funds, 'funds.') } };
      }),
      list(base.carryoverProjects),
      (i, row) => row && pos(`carryoverProjects[${i}]`, row, 'name'),
    );
  }

  const cells = [...new Map(lost.map((p) => [`${p.sheet}|${p.cell}`, p])).values()];
  if (cells.length) {
    const first = cells[0]!;
    const shown = cells.slice(0, 12).map((p) => `${p.sheet} › ${p.cell}`).join('、') + (cells.length > 12 ? ' 等' : '');
    ctx.diagnostics.push({
      file,
      path: '',
      rule: 'tables-wan-precision',
      severity: 'warning',
      message: `${shown}（共 ${cells.length} 处）：公开表的金额只到万元的两位小数（即百元），而数据按元记账（金额单位为“元”）；${options.base ? '所并入的数据中没有与之相符的数，' : ''}元位无法从公开表得出，已按整百元导入。如需精确到元，请在数据文件或填报表中改正这些金额`,
      sheet: first.sheet,
      cell: first.cell,
      line: first.line,
      column: first.column,
    });
  }
  // one problem once, though a figure may be read for more than one fact
  const seen = new Set<string>();
  const diagnostics = ctx.diagnostics.filter((d) => {
    const k = `${d.sheet}|${d.cell}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { json, positions: ctx.positions, diagnostics, found };
}

const SOURCE_NAMES: Record<string, string> = { generalBudget: '一般公共预算', govFund: '政府性基金', stateCapital: '国有资本经营预算', specialAccount: '财政专户管理资金', unitFunds: '单位资金' };

/**
 * Facts in the base's order where the base has them: the tables group projects by unit, the data
 * need not. A fact the base lacks follows the one printed before it. `place` records each final index.
 */
function inBaseOrder<T>(items: Array<{ known: object | undefined; row: Row | undefined; value: T }>, baseList: readonly object[], place: (i: number, row: Row | undefined) => void): T[] {
  const rank = new Map(baseList.map((x, i) => [x, i]));
  let last = -1;
  const ranked = items.map((item, i) => {
    const at = item.known ? rank.get(item.known) : undefined;
    if (at !== undefined) last = at;
    return { item, key: at ?? last + 0.5, i };
  });
  ranked.sort((a, b) => a.key - b.key || a.i - b.i);
  ranked.forEach(({ item }, i) => place(i, item.row));
  return ranked.map(({ item }) => item.value);
}

/** Takes a list's items by key, each once, in order: the second row of a name meets the second item of it. */
function matcher<T>(items: readonly T[], key: (x: T) => string): (k: string) => T | undefined {
  const byKey = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const at = byKey.get(k);
    if (at) at.push(x);
    else byKey.set(k, [x]);
  }
  return (k) => byKey.get(k)?.shift();
}

/** Do the rows after `i` (up to the next such row) add up to `total`? — a unit's subtotal. */
function sumsFollowing(list: Row[], i: number, total: string | undefined): boolean {
  if (total === undefined) return false;
  let sum = Z;
  for (let j = i + 1; j < list.length; j++) {
    sum = sum.plus(dec(list[j]!.amount('funds.total')));
    if (sum.equals(dec(total))) return j > i;
    if (sum.greaterThan(dec(total))) return false;
  }
  return false;
}

/** Columns that name a row: the key a printed row is matched by. */
const KEY_PATHS = new Set(['code', 'name', '@label', 'label']);

/**
 * Every figure of the exported tables against the tables gongkai prints from the imported facts:
 * a 合计, 类 or 款 row the facts do not add up to (or a figure read wrongly) is a warning at its
 * cell. The PDF prints the derived figure. A declared column is the model's column of the same
 * index, wherever the system put it in its sheet.
 */
export function compareTables(found: readonly FoundTable[], tables: Record<string, TableModel>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of found) {
    const model = tables[t.id];
    if (!model) continue;
    const present = t.plan.columns.filter((c) => t.cols.has(c.key));
    // a row is known by all of its key cells (code, name, a side's label beside them), and the
    // n-th row of a key meets the n-th printed row of it: never a neighbour's figures
    const keys = present.filter((c) => KEY_PATHS.has(c.v) && !isAmountFormat(c.f));
    const modelRows = new Map<string, Array<Array<{ text: string; exact?: string }>>>();
    for (const row of model.rows) {
      const byCol: Array<{ text: string; exact?: string }> = [];
      let k = 0;
      for (const c of row.cells) {
        byCol[k] = { text: c.text, ...(c.exact !== undefined ? { exact: c.exact } : {}) };
        k += c.colSpan ?? 1;
      }
      const key = keys.map((c) => norm(byCol[c.index]?.text)).join('|');
      const at = modelRows.get(key);
      if (at) at.push(byCol);
      else modelRows.set(key, [byCol]);
    }
    const heading = (index: number) => {
      for (let i = model.header.length - 1; i >= 0; i--) {
        const text = model.header[i]?.[index]?.text ?? '';
        if (text.trim() !== '' && !/^\d{1,2}$/.test(text.trim())) return text;
      }
      return '';
    };
    for (let r = t.from; r < t.sheet.rows.length; r++) {
      const cells = t.sheet.rows[r] ?? [];
      const keyCells = keys.map((c) => norm(textOf(cells[t.cols.get(c.key)!])));
      if (keyCells.every((k) => k === '')) continue;
      const m = modelRows.get(keyCells.join('|'))?.shift();
      if (!m) continue;
      for (const col of present) {
        if (!isAmountFormat(col.f)) continue;
        const c = t.cols.get(col.key)!;
        const read = readFormatted(col.format, cells[c], readUnit(col.format, t.unit, t.plan.unit));
        if (read.kind === 'problem' || read.kind === 'text') continue;
        const sheetWan = new D(read.kind === 'amount' ? inUnit(read.value, read.unit, '万元') : '0');
        const derived = m[col.index];
        // the model's exact figure is in the unit the PDF prints the column in: the declaration's
        const printedIn = ownUnit(col.format) ?? ((model.unit ?? t.plan.unit) as Unit);
        const exact = new D(inUnit(derived?.exact ?? ((derived?.text ?? '').replace(/,/g, '') || '0'), printedIn, '万元'));
        // a figure the sheet holds to the 元 is checked to the 元; one of two decimals of 万元, as rounded
        const toYuan = (read.kind === 'amount' && read.unit === '元') || sheetWan.decimalPlaces() > 2;
        const same = toYuan ? sheetWan.equals(exact) : sheetWan.equals(exact.toDecimalPlaces(2, D.ROUND_HALF_UP));
        if (!same) {
          const show = (v: Decimal) => (toYuan ? `${money(v.mul(10_000))} 元` : `${v.toFixed(2)} 万元`);
          out.push({
            file,
            path: '',
            rule: 'tables-figure-mismatch',
            severity: 'warning',
            message: `${model.label}“${keys.map((k) => textOf(cells[t.cols.get(k.key)!]).trim()).filter((x) => x !== '').join(' ')}”的“${heading(col.index)}”：导出表为 ${show(sheetWan)}，按导入的项级数据计算为 ${show(toYuan ? exact : exact.toDecimalPlaces(2, D.ROUND_HALF_UP))}（PDF 印计算值）`,
            sheet: t.sheet.name,
            cell: cellAddress(r, c),
            line: r + 1,
            column: c + 1,
          });
        }
      }
    }
  }
  return out;
}
