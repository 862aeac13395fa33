import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { cellAddress, type Book, type BookCell, type BookSheet } from '../load/workbook.js';
import type { ImportLayout } from '../schema/import-layout.js';
import type { TableModel } from '../render/table.js';
import { convert } from './read.js';
import { decimalsOf } from './values.js';
import type { Field } from './spec.js';
import { SOURCES } from '../schema/common.js';

/*
 * The thirteen 预算公开表 as a budget system exports them, read back into facts. Where each
 * table and column is comes from an import layout (data/import-layouts/*.json); what each table
 * yields is fixed here: 项 rows of 表2/3/5/8/9 become expenditure lines (split by fund source and
 * into 基本/项目 as far as the published tables determine it — a line they leave ambiguous is an
 * error naming it, never a guess), 表6 the economic items, 表7/9 income, 表10 三公, 表11 机关运行
 * 经费, 表12/13 the projects. The facts replace those of a base data file (the narrative, sheets
 * and units stay the base's). Every value keeps its cell; the caller checks every 合计/类/款 row
 * against what gongkai derives from the facts (compareTables).
 *
 * The base also settles what the tables cannot say. A base fact (found by its key: 科目编码,
 * 单位 and 项目名称, 经济科目 name…) that gives every figure the tables print for it is kept as
 * the base has it: its split of a 项 line between sources and 基本/项目 where the tables leave it
 * open, its 元 where a table shows two decimals of 万元, its codes and 类别. A figure the tables
 * change is taken from them; where such a figure is two decimals of 万元 and the data is kept in
 * 元, the 元 are not in the tables, and one warning names every such cell (tables-wan-precision).
 * gongkai's own export stores the exact amounts, so it reads back unchanged.
 */

type TableId = keyof ImportLayout['tables'];

export interface FoundTable {
  id: TableId;
  sheet: BookSheet;
  /** The money unit its heading states. */
  unit: '万元' | '元';
  /** Column role → column index. */
  cols: Map<string, number>;
  /** First data row. */
  from: number;
}

export interface TablesImport {
  json?: Record<string, unknown>;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
  found: FoundTable[];
}

const norm = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    // the year in a heading (2026年预算数) is not part of its meaning
    .replace(/^\d{4}年?/, '');

const textOf = (c: BookCell | undefined) => (c === undefined || c.v === undefined ? '' : String(c.v));

const MONEY: Field = { header: '金额', path: '', type: 'money', note: '' };

interface Ctx {
  file: string;
  diagnostics: Diagnostic[];
  positions: JsonPositions;
}

function say(ctx: Ctx, sheet: BookSheet | undefined, r: number, c: number, message: string, rule = 'tables-import', severity: Severity = 'error', path = '') {
  ctx.diagnostics.push({ file: ctx.file, path, rule, severity, message, ...(sheet ? { sheet: sheet.name, cell: cellAddress(r, c), line: r + 1, column: c + 1 } : {}) });
}

/** Finds a table's sheet, unit, header columns and first data row. */
function findTable(ctx: Ctx, book: Book, layout: ImportLayout, id: TableId): FoundTable | undefined {
  const spec = layout.tables[id];
  const want = norm(spec.find);
  const unitPattern = new RegExp(layout.unit);
  for (const sheet of book.sheets) {
    const top = sheet.rows.slice(0, 6).flatMap((r) => (r ?? []).map(textOf));
    if (!norm(sheet.name).includes(want) && !top.some((t) => norm(t).includes(want))) continue;
    // the header: the first row holding one of the column texts; it runs while rows hold header texts
    const roleTexts = new Map(Object.entries(spec.columns).filter(([, h]) => h).map(([k, h]) => [k, norm(h)] as [string, string]));
    const texts = new Set(roleTexts.values());
    let start = -1;
    for (let r = 0; r < Math.min(sheet.rows.length, 15) && start < 0; r++) if ((sheet.rows[r] ?? []).some((c) => texts.has(norm(textOf(c))))) start = r;
    if (start < 0) {
      say(ctx, sheet, 0, 0, `表${Number(id.slice(1))}（${spec.find}）：找不到表头（应有“${[...roleTexts.values()].join('”“')}”等列）`);
      return undefined;
    }
    let end = start;
    while (end + 1 < sheet.rows.length && end - start < 4) {
      const row = (sheet.rows[end + 1] ?? []).map(textOf).filter((t) => t.trim() !== '');
      const header = row.length > 0 && row.every((t) => texts.has(norm(t)) || /^\d{1,2}$/.test(t.trim()) || !/\d/.test(t)) && row.some((t) => texts.has(norm(t)) || /^\d{1,2}$/.test(t.trim()));
      if (!header) break;
      end++;
    }
    const cols = new Map<string, number>();
    for (const [role, text] of roleTexts) {
      for (let c = 0; c < 40 && !cols.has(role); c++) {
        for (let r = start; r <= end; r++) if (norm(textOf(sheet.rows[r]?.[c])) === text && ![...cols.values()].includes(c)) cols.set(role, c);
      }
    }
    const missing = [...roleTexts].filter(([role]) => !cols.has(role)).map(([, t]) => t);
    if (missing.length) say(ctx, sheet, start, 0, `表${Number(id.slice(1))}（${spec.find}）缺少列：${missing.map((t) => `“${t}”`).join('、')}`);
    let unit: FoundTable['unit'] | undefined;
    for (let r = 0; r < start && !unit; r++) for (const c of sheet.rows[r] ?? []) {
      const m = unitPattern.exec(norm(textOf(c)));
      if (m) unit = m[1] as FoundTable['unit'];
    }
    if (!unit) {
      say(ctx, sheet, 0, 0, `表${Number(id.slice(1))}（${spec.find}）没有写明金额单位（表头上方应有“单位：万元”或“单位：元”）：单位不能猜`, 'tables-unit');
      return undefined;
    }
    return { id, sheet, unit, cols, from: end + 1 };
  }
  return undefined;
}

interface Place {
  sheet: string;
  cell: string;
  line: number;
  column: number;
}

/** A figure of a table in the target unit (blank: zero), and whether it may be a rounding. */
interface Fig {
  value: Decimal;
  /** Two decimals of 万元 at most: the true amount is anything that rounds to it. */
  rounded: boolean;
  at: Place;
}

interface Row {
  r: number;
  get(role: string): string | undefined;
  /** An amount in the target unit (undefined when blank). */
  amount(role: string): string | undefined;
  fig(role: string): Fig;
  at(role: string): Place;
}

/** An amount shifted between 万元 and 元: exact, a decimal point moved four places. */
function inUnit(value: string, from: '万元' | '元', to: '万元' | '元'): string {
  if (from === to) return value;
  const d = new D(value);
  return (from === '元' ? d.div(10_000) : d.mul(10_000)).toFixed();
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

function rows(ctx: Ctx, t: FoundTable, target: '万元' | '元', exact: boolean): Row[] {
  const out: Row[] = [];
  for (let r = t.from; r < t.sheet.rows.length; r++) {
    const cells = t.sheet.rows[r] ?? [];
    if (!cells.some((c) => c && textOf(c).trim() !== '')) continue;
    const cell = (role: string) => {
      const c = t.cols.get(role);
      return c === undefined ? undefined : cells[c];
    };
    // a note under the table (注：…) ends it
    if (/^注[:：]/.test(textOf(cells.find((c) => c && textOf(c).trim() !== '')).trim())) break;
    out.push({
      r,
      get: (role) => {
        const v = textOf(cell(role)).trim();
        return v === '' ? undefined : v;
      },
      amount: (role) => {
        const c = cell(role);
        if (!c || textOf(c).trim() === '') return undefined;
        const { value, problem } = convert(c, { ...MONEY, type: 'decimal' }, t.unit);
        if (problem) {
          say(ctx, t.sheet, r, t.cols.get(role) ?? 0, problem.message);
          return undefined;
        }
        return value === undefined ? undefined : inUnit(String(value), t.unit, target);
      },
      fig(role) {
        const v = this.amount(role);
        // in 元 a figure is to the 分, all the data holds; so is 万元 in a book of exact amounts
        const rounded = t.unit === '万元' && !exact && (v === undefined || new D(inUnit(v, target, '万元')).decimalPlaces() <= 2);
        return { value: dec(v), rounded, at: this.at(role) };
      },
      at: (role) => {
        const c = t.cols.get(role) ?? 0;
        return { sheet: t.sheet.name, cell: cellAddress(r, c), line: r + 1, column: c + 1 };
      },
    });
  }
  return out;
}

const Z: Decimal = new D(0);
const dec = (s: string | undefined): Decimal => (s === undefined ? Z : new D(s));
/** An amount as the tables print amounts: two decimals at least. */
const money = (v: Decimal) => v.toFixed(Math.max(2, v.decimalPlaces()));
const put = (obj: Record<string, unknown>, key: string, v: Decimal) => {
  if (!v.isZero()) obj[key] = money(v);
};

export interface TablesImportOptions {
  /** The data file the facts go into (its narrative, sheets, units…); without one, a minimal one is made. */
  base?: Record<string, unknown>;
  /** The base is the department's own data, whose amounts (万元 unless it says 元) keep their unit. */
  ownUnit?: boolean;
  /** 部门经济科目 类 names (3-digit codes) from the catalogue: the group rows of 表6. */
  economicClasses: ReadonlyMap<string, string>;
}

export function importTables(book: Book, layout: ImportLayout, file: string, options: TablesImportOptions): TablesImport {
  const ctx: Ctx = { file, diagnostics: [], positions: new Map() };
  const found = new Map<TableId, FoundTable>();
  for (const id of Object.keys(layout.tables) as TableId[]) {
    const t = findTable(ctx, book, layout, id);
    if (t) found.set(id, t);
  }
  const missing = (Object.keys(layout.tables) as TableId[]).filter((id) => !found.has(id));
  if (missing.length) {
    ctx.diagnostics.push({ file, path: '', rule: 'tables-missing', severity: 'error', message: `按格式“${layout.name}”找不到这些表：${missing.map((id) => `表${Number(id.slice(1))}（${layout.tables[id].find}）`).join('、')}（工作簿中的工作表：${book.sheets.map((s) => s.name).slice(0, 16).join('、')}）` });
    return { positions: ctx.positions, diagnostics: ctx.diagnostics, found: [...found.values()] };
  }
  const base = options.base ?? {};
  // the base's unit when it is the department's data (万元 unless it says 元: its other amounts
  // are in it); a skeleton takes the tables'
  const unit = ((base.moneyUnit as string | undefined) ?? (options.ownUnit ? '万元' : [...found.values()][0]!.unit)) as '万元' | '元';
  const exact = holdsExact(found.values());
  const cache = new Map<TableId, Row[]>();
  const T = (id: TableId): Row[] => {
    let hit = cache.get(id);
    if (!hit) cache.set(id, (hit = rows(ctx, found.get(id)!, unit, exact)));
    return hit;
  };
  const pos = (path: string, row: Row, role: string) => ctx.positions.set(path, row.at(role));

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
  const taken = (f: Fig) => {
    if (f.rounded && unit === '元' && !f.value.isZero()) lost.push(f.at);
  };
  /** The base's amount where it gives the table's figure, else the table's (undefined: none). */
  const settle = (f: Fig, baseRaw: unknown): unknown => {
    if (gives(f, amountOf(baseRaw))) return baseRaw === null || baseRaw === '' ? undefined : baseRaw;
    taken(f);
    return f.value.isZero() ? undefined : money(f.value);
  };
  const settleFunds = (r: Row, sources: readonly string[], baseFunds: unknown): Record<string, unknown> => {
    const b = (baseFunds !== null && typeof baseFunds === 'object' ? baseFunds : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const s of sources) {
      const v = settle(r.fig(s), b[s]);
      if (v !== undefined) out[s] = v;
    }
    return out;
  };
  type Obj = Record<string, unknown>;
  const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x.filter((o) => o !== null && typeof o === 'object') as Obj[]) : []);
  /** The base's name where it is the table's but for spacing and width, else the table's. */
  const sameName = (table: string, baseName: unknown) => (typeof baseName === 'string' && norm(baseName) === norm(table) ? baseName : table);

  // ── expenditure: 类/款 names, and each 项 line by source and 基本/项目 ──
  const byCode = (id: TableId) => new Map(T(id).filter((r) => r.get('code') && /^\d+$/.test(r.get('code')!)).map((r) => [r.get('code')!, r]));
  const t2 = byCode('t02');
  const t3 = byCode('t03');
  const t5 = byCode('t05');
  const t8 = byCode('t08');
  const t9 = byCode('t09');
  const baseExp = (base.expenditure ?? {}) as Obj;
  const baseLine = matcher(list(baseExp.lines), (l) => String(l.code ?? ''));
  const baseSubject = new Map(list(baseExp.subjects).map((s) => [String(s.code ?? ''), s]));
  /** A table's figure for a 项 line; a table without the line prints zero for it. */
  const lineFig = (id: TableId, r: Row | undefined, role: string): Fig =>
    r ? r.fig(role) : { value: Z, rounded: found.get(id)!.unit === '万元' && !exact, at: { sheet: found.get(id)!.sheet.name, cell: '', line: 0, column: 0 } };
  /** Does a base line give every figure the tables print for its code? */
  const lineGives = (l: Obj, code: string): boolean => {
    const part = (o: unknown, k: string) => (o !== null && typeof o === 'object' ? (o as Obj)[k] : undefined);
    const sum = (o: unknown) => SOURCES.reduce((a, s) => a.plus(amountOf(part(o, s))), Z);
    const carry = (l.carryover ?? {}) as Obj;
    const checks: Array<[Fig, Decimal]> = [];
    for (const s of SOURCES) checks.push([lineFig('t02', t2.get(code), s), amountOf(part(l.basic, s)).plus(amountOf(part(l.project, s)))]);
    checks.push([lineFig('t02', t2.get(code), 'carryover'), sum(carry.basic).plus(sum(carry.project))]);
    checks.push([lineFig('t03', t3.get(code), 'basic'), sum(l.basic).plus(sum(carry.basic))]);
    checks.push([lineFig('t03', t3.get(code), 'project'), sum(l.project).plus(sum(carry.project))]);
    for (const [id, s, rows] of [['t05', 'generalBudget', t5], ['t08', 'govFund', t8], ['t09', 'stateCapital', t9]] as const) {
      checks.push([lineFig(id, rows.get(code), 'basic'), amountOf(part(l.basic, s))], [lineFig(id, rows.get(code), 'project'), amountOf(part(l.project, s))]);
    }
    return checks.every(([f, b]) => gives(f, b));
  };
  const subjects: Obj[] = [];
  const lineFacts: Array<{ known: Obj | undefined; row: Row; value: Obj }> = [];
  const codes = [...new Set([...t3.keys(), ...t2.keys()])];
  for (const code of codes) {
    const row = t3.get(code) ?? t2.get(code)!;
    const name = row.get('name') ?? '';
    if (code.length === 3 || code.length === 5) {
      pos(`expenditure.subjects[${subjects.length}]`, row, 'code');
      subjects.push({ code, name: sameName(name, baseSubject.get(code)?.name) });
      continue;
    }
    if (code.length !== 7) {
      say(ctx, found.get('t03')!.sheet, row.r, found.get('t03')!.cols.get('code') ?? 0, `科目编码“${code}”不是类（3位）、款（5位）或项（7位）`);
      continue;
    }
    const r2 = t2.get(code);
    const r3 = t3.get(code);
    const where = r3 ?? r2!;
    const known = baseLine(code);
    if (known && lineGives(known, code)) {
      // the base's split of the line, which the tables agree with to the last figure they print
      lineFacts.push({ known, row: where, value: { ...structuredClone(known), name: sameName(name, known.name) } });
      continue;
    }
    const line: Obj = { code, name };
    const basic: Obj = {};
    const project: Obj = {};
    const src = [
      ['generalBudget', t5.get(code)],
      ['govFund', t8.get(code)],
      ['stateCapital', t9.get(code)],
    ] as const;
    let fb = Z;
    let fp = Z;
    for (const [key, r] of src) {
      if (!r) continue;
      const b = r.fig('basic');
      const p = r.fig('project');
      taken(b);
      taken(p);
      put(basic, key, b.value);
      put(project, key, p.value);
      fb = fb.plus(b.value);
      fp = fp.plus(p.value);
    }
    const figs = [r2?.fig('specialAccount'), r2?.fig('unitFunds'), r2?.fig('carryover'), r3?.fig('basic'), r3?.fig('project')];
    for (const f of figs) if (f) taken(f);
    const [special, unitFunds, carry, t3basic, t3project] = figs.map((f) => f?.value ?? Z) as [Decimal, Decimal, Decimal, Decimal, Decimal];
    // what the fiscal tables leave of 表3's 基本 and 项目: the other sources' and the carryover's
    const restBasic = t3basic.minus(fb);
    const restProject = t3project.minus(fp);
    const sheetOf = r3 ? found.get('t03')!.sheet : found.get('t02')!.sheet;
    const others = [
      ['specialAccount', special],
      ['unitFunds', unitFunds],
    ].filter(([, v]) => !(v as Decimal).isZero()) as Array<[string, Decimal]>;
    // each published figure is rounded on its own: the identity holds to a cent per figure in it
    const gap = restBasic.plus(restProject).minus(special.plus(unitFunds).plus(carry)).abs();
    const cent = new D(unit === '元' ? 100 : 0.01);
    const fill = known ? '，或在所并入的数据中改正这一行' : '';
    if (gap.greaterThan(cent.mul(9))) {
      say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：表3的基本支出与项目支出（${money(restBasic.plus(fb))} + ${money(restProject.plus(fp))}）与表2、表5、表8、表9的各来源（相差 ${money(gap)}）不相符`, 'tables-inconsistent');
    } else if (carry.isZero()) {
      if (others.length === 1) {
        put(basic, others[0]![0], restBasic);
        put(project, others[0]![0], restProject);
      } else if (others.length > 1 && !(restBasic.isZero() || restProject.isZero())) {
        say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：公开表只给出财政专户管理资金与单位资金的合计基本支出 ${restBasic.toFixed()}、项目支出 ${restProject.toFixed()}，无法拆分到两个来源：请在填报表的“功能科目支出”中填写这一行${fill}`, 'tables-ambiguous');
      } else if (others.length > 1) {
        // all of the rest is basic, or all is project: each source's share is its whole
        for (const [k, v] of others) put(restBasic.isZero() ? project : basic, k, v);
      }
    } else if (others.length === 0 && (restBasic.isZero() || restProject.isZero())) {
      // the carryover's source: the only one 表13 (上年结转项目) uses, else not known
      const t13sources = carryoverSources(T('t13'));
      if (t13sources.length === 1) {
        const into = { [restBasic.isZero() ? 'project' : 'basic']: { [t13sources[0]!]: money(carry) } };
        line.carryover = into;
      } else say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：上年结转 ${carry.toFixed()} 的资金来源无法从公开表确定：请在填报表的“功能科目支出”中填写这一行的上年结转${fill}`, 'tables-ambiguous');
    } else {
      say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：上年结转 ${carry.toFixed()} 与其他来源同在一行，无法从公开表拆分：请在填报表的“功能科目支出”中填写这一行${fill}`, 'tables-ambiguous');
    }
    if (Object.keys(basic).length) line.basic = basic;
    if (Object.keys(project).length) line.project = project;
    lineFacts.push({ known, row: where, value: line });
  }
  const lines = inBaseOrder(lineFacts, list(baseExp.lines), (i, row) => pos(`expenditure.lines[${i}]`, row, 'code'));

  // ── 表6: 类 rows (by the catalogue's class names) and their 款 ──
  const classNames = new Map([...options.economicClasses].map(([code, n]) => [norm(n), code]));
  const baseGroup = matcher(list(base.basicByEconomic), (g) => norm(g.name));
  const economic: Array<{ group: Obj; items: Obj[]; baseItem: (k: string) => Obj | undefined }> = [];
  for (const r of T('t06')) {
    const name = r.get('name');
    if (!name || norm(name) === '合计') continue;
    if (classNames.has(norm(name))) {
      pos(`basicByEconomic[${economic.length}]`, r, 'name');
      const known = baseGroup(norm(name));
      const items: Obj[] = [];
      economic.push({ group: { ...(known?.code !== undefined ? { code: known.code } : {}), name: sameName(name, known?.name), items }, items, baseItem: matcher(list(known?.items), (i) => norm(i.name)) });
      continue;
    }
    const group = economic[economic.length - 1];
    if (!group) {
      say(ctx, found.get('t06')!.sheet, r.r, 0, `“${name}”前面没有经济科目类（如“商品和服务支出”）`);
      continue;
    }
    const known = group.baseItem(norm(name));
    const item: Obj = { ...(known?.code !== undefined ? { code: known.code } : {}), name: sameName(name, known?.name) };
    const gov = r.get('govName');
    // a base item that leaves its govName to the catalogue (it has a code) keeps leaving it there
    if (gov && !(known && known.govName === undefined && known.code !== undefined)) item.govName = sameName(gov, known?.govName);
    for (const k of ['personnel', 'public']) {
      const v = settle(r.fig(k), known?.[k]);
      if (v !== undefined) item[k] = v;
    }
    pos(`basicByEconomic[${economic.length - 1}].items[${group.items.length}]`, r, 'name');
    group.items.push(item);
  }

  // ── income ──
  const income = (rowsOf: Row[], nameRole: string, amountRole: string, codeRole: string | undefined, baseList: unknown) => {
    const known = matcher(list(baseList), (i) => (i.code !== undefined ? `#${String(i.code)}` : norm(i.name)));
    const byName = matcher(list(baseList), (i) => norm(i.name));
    return rowsOf
      .filter((r) => r.get(nameRole) && !/^合计$/.test(norm(r.get(nameRole))) && !(codeRole && /^合计$/.test(norm(r.get(codeRole)))))
      .filter((r) => r.amount(amountRole) !== undefined)
      .map((r) => {
        const code = codeRole && r.get(codeRole) && /^\d+$/.test(r.get(codeRole)!) ? r.get(codeRole) : undefined;
        const name = r.get(nameRole)!;
        const b = (code ? known(`#${code}`) : undefined) ?? byName(norm(name));
        const f = r.fig(amountRole);
        return { ...(code ? { code } : {}), name: sameName(name, b?.name), amount: settle(f, b?.amount) ?? money(f.value) };
      });
  };
  const govFundIncome = income(T('t07'), 'name', 'amount', 'code', base.govFundIncome);
  const stateCapitalIncome = income(T('t09'), 'incomeName', 'incomeAmount', undefined, base.stateCapitalIncome);

  // ── 表10 三公 ──
  const FISCAL = ['generalBudget', 'govFund', 'stateCapital'] as const;
  const threePublic: Obj = {};
  const baseThree = (base.threePublic ?? {}) as Obj;
  // a row's label without its number (①, 1．, （一）): NFKC has made ① a 1
  const label = (s: string | undefined) => norm(s).replace(/^(\d+[.．、]?|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/, '');
  const t10rows = new Map(T('t10').map((r) => [label(r.get('name')), r]));
  for (const [key, text] of Object.entries(layout.tables.t10.rows)) {
    const r = t10rows.get(label(text));
    if (!r) continue;
    const f = settleFunds(r, FISCAL, baseThree[key]);
    if (Object.keys(f).length) {
      threePublic[key] = f;
      pos(`threePublic.${key}`, r, 'name');
    }
  }

  // ── 表11 机关运行经费: per unit, or the department's total alone ──
  const t11 = T('t11');
  const units = new Set(((base.department as { units?: Array<{ name: string }> } | undefined)?.units ?? []).map((u) => norm(u.name)));
  const baseOperating = matcher(list(base.operatingCosts), (o) => (o.unit === undefined ? '' : norm(o.unit)));
  const operating: Obj[] = [];
  const deptRow = t11.find((r) => norm(r.get('name')) === norm(layout.tables.t11.departmentRow));
  const unitRows = t11.filter((r) => r !== deptRow && r.get('name'));
  for (const r of unitRows.length ? unitRows : deptRow ? [deptRow] : []) {
    const known = baseOperating(r === deptRow ? '' : norm(r.get('name')));
    const funds = settleFunds(r, FISCAL, known?.funds);
    if (!Object.keys(funds).length) continue;
    pos(`operatingCosts[${operating.length}]`, r, 'name');
    operating.push(r === deptRow ? { funds } : { unit: sameName(r.get('name')!, known?.unit), funds });
  }

  // ── 表12 / 表13: the department row, unit rows, project rows ──
  const projectRows = (id: 't12' | 't13') => {
    const all = T(id);
    const out: Array<{ unit: string; name: string; row: Row }> = [];
    let unitName: string | undefined;
    all.forEach((r, i) => {
      const name = r.get('name');
      if (!name) return;
      if (i === 0) return; // the department's own total, first as the tables print it
      // a unit: one the base names, or a row its following rows add up to
      const isUnit = units.size ? units.has(norm(name)) : sumsFollowing(all, i, r.amount('total'));
      if (isUnit) {
        unitName = name;
        return;
      }
      out.push({ unit: unitName ?? '', name, row: r });
    });
    return out;
  };
  const projectKey = (p: Obj) => `${norm(p.unit)}|${norm(p.name)}`;
  const baseProject = matcher(list(base.projects), projectKey);
  const baseCategory = new Map(list(base.projects).map((p) => [p.name, p.category]));
  const projects = inBaseOrder(
    projectRows('t12').map((p) => {
      const known = baseProject(projectKey(p));
      const category = known?.category ?? baseCategory.get(p.name);
      if (!category) say(ctx, found.get('t12')!.sheet, p.row.r, found.get('t12')!.cols.get('name') ?? 0, `项目“${p.name}”的类别（其他运转类 / 特定目标类）公开表中没有：请在填报表的“项目支出”中填写，或用 --into 给出含此项目的数据文件`, 'tables-project-category');
      return { known, row: p.row, value: { ...(known ? structuredClone(known) : {}), unit: sameName(p.unit, known?.unit), name: sameName(p.name, known?.name), category: category ?? '其他运转类', funds: settleFunds(p.row, SOURCES, known?.funds) } };
    }),
    list(base.projects),
    (i, row) => pos(`projects[${i}]`, row, 'name'),
  );
  const baseCarried = matcher(list(base.carryoverProjects), projectKey);
  const carryoverProjects = inBaseOrder(
    projectRows('t13').map((p) => {
      const known = baseCarried(projectKey(p));
      return { known, row: p.row, value: { ...(known ? structuredClone(known) : {}), unit: sameName(p.unit, known?.unit), name: sameName(p.name, known?.name), funds: settleFunds(p.row, FISCAL, known?.funds) } };
    }),
    list(base.carryoverProjects),
    (i, row) => pos(`carryoverProjects[${i}]`, row, 'name'),
  );

  const json: Obj = structuredClone(base);
  if (base.moneyUnit !== undefined || unit !== '万元') json.moneyUnit = unit;
  // the base's own order where the tables hold the same subjects (derive sorts them by code)
  const sameSubjects = subjects.length === list(baseExp.subjects).length && subjects.every((s) => baseSubject.get(String(s.code))?.name === s.name);
  json.expenditure = { ...baseExp, subjects: sameSubjects ? structuredClone(baseExp.subjects) : subjects, lines };
  const exp = json.expenditure as Obj;
  delete exp.noCarryover;
  if (!lines.some((l) => l.carryover !== undefined)) exp.noCarryover = true;
  json.basicByEconomic = economic.map((g) => g.group);
  json.govFundIncome = govFundIncome;
  json.stateCapitalIncome = stateCapitalIncome;
  json.threePublic = threePublic;
  json.operatingCosts = operating;
  json.projects = projects;
  json.carryoverProjects = carryoverProjects;
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
  return { json, positions: ctx.positions, diagnostics, found: [...found.values()] };
}

/**
 * Facts in the base's order where the base has them: the tables group projects by unit, the data
 * need not. A fact the base lacks follows the one printed before it. `place` records each final index.
 */
function inBaseOrder<T>(items: Array<{ known: object | undefined; row: Row; value: T }>, baseList: readonly object[], place: (i: number, row: Row) => void): T[] {
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

function carryoverSources(list: Row[]): string[] {
  const used = new Set<string>();
  list.slice(1).forEach((r) => {
    for (const s of ['generalBudget', 'govFund', 'stateCapital']) if (!dec(r.amount(s)).isZero()) used.add(s);
  });
  return [...used];
}

/** Do the rows after `i` (up to the next such row) add up to `total`? — a unit's subtotal. */
function sumsFollowing(list: Row[], i: number, total: string | undefined): boolean {
  if (total === undefined) return false;
  let sum = Z;
  for (let j = i + 1; j < list.length; j++) {
    sum = sum.plus(dec(list[j]!.amount('total')));
    if (sum.equals(dec(total))) return j > i;
    if (sum.greaterThan(dec(total))) return false;
  }
  return false;
}

/**
 * Every figure of the exported tables against the tables gongkai prints from the imported facts:
 * a 合计, 类 or 款 row the facts do not add up to (or a figure read wrongly) is a warning at its
 * cell. The PDF prints the derived figure.
 */
export function compareTables(found: readonly FoundTable[], layout: ImportLayout, tables: Record<string, TableModel>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of found) {
    const model = tables[t.id];
    if (!model) continue;
    const spec = layout.tables[t.id] as { columns: Record<string, string | undefined> };
    const modelCol = new Map<string, number>();
    for (const [role, text] of Object.entries(spec.columns)) {
      if (!text) continue;
      for (const row of model.header) row.forEach((c, k) => {
        if (!modelCol.has(role) && norm(c.text) === norm(text)) modelCol.set(role, k);
      });
    }
    // a row is known by all of its key cells (code, name, and 表9's income item beside them), and
    // the n-th row of a key meets the n-th printed row of it: never a neighbour's figures
    const keyRoles = ['code', 'name', 'incomeName'].filter((role) => t.cols.has(role) && modelCol.has(role));
    const modelRows = new Map<string, Array<Array<{ text: string; exact?: string }>>>();
    for (const row of model.rows) {
      const byCol: Array<{ text: string; exact?: string }> = [];
      let k = 0;
      for (const c of row.cells) {
        byCol[k] = { text: c.text, ...(c.exact !== undefined ? { exact: c.exact } : {}) };
        k += c.colSpan ?? 1;
      }
      const key = keyRoles.map((role) => norm(byCol[modelCol.get(role)!]?.text)).join('|');
      const at = modelRows.get(key);
      if (at) at.push(byCol);
      else modelRows.set(key, [byCol]);
    }
    for (let r = t.from; r < t.sheet.rows.length; r++) {
      const cells = t.sheet.rows[r] ?? [];
      const keyCells = keyRoles.map((role) => norm(textOf(cells[t.cols.get(role)!])));
      if (keyCells.every((k) => k === '')) continue;
      const m = modelRows.get(keyCells.join('|'))?.shift();
      if (!m) continue;
      for (const [role, c] of t.cols) {
        if (role === 'code' || role === 'name' || role === 'govName' || role === 'incomeName') continue;
        const mk = modelCol.get(role);
        if (mk === undefined) continue;
        const cell = cells[c];
        const raw = cell && textOf(cell).trim() !== '' ? convert(cell, { ...MONEY, type: 'decimal' }, t.unit).value : '0';
        if (raw === undefined) continue;
        const sheetWan = new D(inUnit(String(raw), t.unit, '万元'));
        const derived = m[mk];
        const exact = new D(derived?.exact ?? ((derived?.text ?? '').replace(/,/g, '') || '0'));
        // a figure the sheet holds to the 元 is checked to the 元; one of two decimals of 万元, as rounded
        const toYuan = t.unit === '元' || sheetWan.decimalPlaces() > 2;
        const same = toYuan ? sheetWan.equals(exact) : sheetWan.equals(exact.toDecimalPlaces(2, D.ROUND_HALF_UP));
        if (!same) {
          const show = (v: Decimal) => (toYuan ? `${money(v.mul(10_000))} 元` : `${v.toFixed(2)} 万元`);
          out.push({
            file,
            path: '',
            rule: 'tables-figure-mismatch',
            severity: 'warning',
            message: `${model.label}“${keyRoles.map((role) => textOf(cells[t.cols.get(role)!]).trim()).filter((x) => x !== '').join(' ')}”的“${spec.columns[role]}”：导出表为 ${show(sheetWan)}，按导入的项级数据计算为 ${show(toYuan ? exact : exact.toDecimalPlaces(2, D.ROUND_HALF_UP))}（PDF 印计算值）`,
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
