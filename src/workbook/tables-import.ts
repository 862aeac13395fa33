import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { cellAddress, type Book, type BookCell, type BookSheet } from '../load/workbook.js';
import type { ImportLayout } from '../schema/import-layout.js';
import type { TableModel } from '../render/table.js';
import { convert } from './read.js';
import type { Field } from './spec.js';

/*
 * The thirteen 预算公开表 as a budget system exports them, read back into facts. Where each
 * table and column is comes from an import layout (data/import-layouts/*.json); what each table
 * yields is fixed here: 项 rows of 表2/3/5/8/9 become expenditure lines (split by fund source and
 * into 基本/项目 as far as the published tables determine it — a line they leave ambiguous is an
 * error naming it, never a guess), 表6 the economic items, 表7/9 income, 表10 三公, 表11 机关运行
 * 经费, 表12/13 the projects. The facts replace those of a base data file (the narrative, sheets
 * and units stay the base's). Every value keeps its cell; the caller checks every 合计/类/款 row
 * against what gongkai derives from the facts (compareTables).
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

interface Row {
  r: number;
  get(role: string): string | undefined;
  /** An amount in the target unit (undefined when blank). */
  amount(role: string): string | undefined;
  at(role: string): { sheet: string; cell: string; line: number; column: number };
}

/** An amount shifted between 万元 and 元: exact, a decimal point moved four places. */
function inUnit(value: string, from: '万元' | '元', to: '万元' | '元'): string {
  if (from === to) return value;
  const d = new D(value);
  return (from === '元' ? d.div(10_000) : d.mul(10_000)).toFixed();
}

function rows(ctx: Ctx, t: FoundTable, target: '万元' | '元'): Row[] {
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
  const unit = ((base.moneyUnit as string | undefined) ?? [...found.values()][0]!.unit) as '万元' | '元';
  const cache = new Map<TableId, Row[]>();
  const T = (id: TableId): Row[] => {
    let hit = cache.get(id);
    if (!hit) cache.set(id, (hit = rows(ctx, found.get(id)!, unit)));
    return hit;
  };
  const pos = (path: string, row: Row, role: string) => ctx.positions.set(path, row.at(role));

  // ── expenditure: 类/款 names, and each 项 line by source and 基本/项目 ──
  const byCode = (id: TableId) => new Map(T(id).filter((r) => r.get('code') && /^\d+$/.test(r.get('code')!)).map((r) => [r.get('code')!, r]));
  const t2 = byCode('t02');
  const t3 = byCode('t03');
  const t5 = byCode('t05');
  const t8 = byCode('t08');
  const t9 = byCode('t09');
  const subjects: Array<Record<string, unknown>> = [];
  const lines: Array<Record<string, unknown>> = [];
  const codes = [...new Set([...t3.keys(), ...t2.keys()])];
  let anyCarry = false;
  for (const code of codes) {
    const row = t3.get(code) ?? t2.get(code)!;
    const name = row.get('name') ?? '';
    if (code.length === 3 || code.length === 5) {
      pos(`expenditure.subjects[${subjects.length}]`, row, 'code');
      subjects.push({ code, name });
      continue;
    }
    if (code.length !== 7) {
      say(ctx, found.get('t03')!.sheet, row.r, found.get('t03')!.cols.get('code') ?? 0, `科目编码“${code}”不是类（3位）、款（5位）或项（7位）`);
      continue;
    }
    const path = `expenditure.lines[${lines.length}]`;
    const line: Record<string, unknown> = { code, name };
    const basic: Record<string, unknown> = {};
    const project: Record<string, unknown> = {};
    const src = [
      ['generalBudget', t5.get(code)],
      ['govFund', t8.get(code)],
      ['stateCapital', t9.get(code)],
    ] as const;
    let fb = Z;
    let fp = Z;
    for (const [key, r] of src) {
      const b = dec(r?.amount('basic'));
      const p = dec(r?.amount('project'));
      put(basic, key, b);
      put(project, key, p);
      fb = fb.plus(b);
      fp = fp.plus(p);
    }
    const r2 = t2.get(code);
    const r3 = t3.get(code);
    const special = dec(r2?.amount('specialAccount'));
    const unitFunds = dec(r2?.amount('unitFunds'));
    const carry = dec(r2?.amount('carryover'));
    // what the fiscal tables leave of 表3's 基本 and 项目: the other sources' and the carryover's
    const restBasic = dec(r3?.amount('basic')).minus(fb);
    const restProject = dec(r3?.amount('project')).minus(fp);
    const where = r3 ?? r2!;
    const sheetOf = r3 ? found.get('t03')!.sheet : found.get('t02')!.sheet;
    const others = [
      ['specialAccount', special],
      ['unitFunds', unitFunds],
    ].filter(([, v]) => !(v as Decimal).isZero()) as Array<[string, Decimal]>;
    // each published figure is rounded on its own: the identity holds to a cent per figure in it
    const gap = restBasic.plus(restProject).minus(special.plus(unitFunds).plus(carry)).abs();
    const cent = new D(unit === '元' ? 100 : 0.01);
    if (gap.greaterThan(cent.mul(9))) {
      say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：表3的基本支出与项目支出（${money(restBasic.plus(fb))} + ${money(restProject.plus(fp))}）与表2、表5、表8、表9的各来源（相差 ${money(gap)}）不相符`, 'tables-inconsistent');
    } else if (carry.isZero()) {
      if (others.length === 1) {
        put(basic, others[0]![0], restBasic);
        put(project, others[0]![0], restProject);
      } else if (others.length > 1 && !(restBasic.isZero() || restProject.isZero())) {
        say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：公开表只给出财政专户管理资金与单位资金的合计基本支出 ${restBasic.toFixed()}、项目支出 ${restProject.toFixed()}，无法拆分到两个来源：请在填报表的“功能科目支出”中填写这一行`, 'tables-ambiguous');
      } else if (others.length > 1) {
        // all of the rest is basic, or all is project: each source's share is its whole
        for (const [k, v] of others) put(restBasic.isZero() ? project : basic, k, v);
      }
    } else {
      anyCarry = true;
      if (others.length === 0 && (restBasic.isZero() || restProject.isZero())) {
        // the carryover's source: the only one 表13 (上年结转项目) uses, else not known
        const t13sources = carryoverSources(T('t13'));
        if (t13sources.length === 1) {
          const into = { [restBasic.isZero() ? 'project' : 'basic']: { [t13sources[0]!]: money(carry) } };
          line.carryover = into;
        } else say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：上年结转 ${carry.toFixed()} 的资金来源无法从公开表确定：请在填报表的“功能科目支出”中填写这一行的上年结转`, 'tables-ambiguous');
      } else {
        say(ctx, sheetOf, where.r, 0, `科目 ${code} ${name}：上年结转 ${carry.toFixed()} 与其他来源同在一行，无法从公开表拆分：请在填报表的“功能科目支出”中填写这一行`, 'tables-ambiguous');
      }
    }
    if (Object.keys(basic).length) line.basic = basic;
    if (Object.keys(project).length) line.project = project;
    pos(path, where, 'code');
    lines.push(line);
  }

  // ── 表6: 类 rows (by the catalogue's class names) and their 款 ──
  const classNames = new Map([...options.economicClasses].map(([code, n]) => [norm(n), code]));
  const economic: Array<{ name: string; items: Array<Record<string, unknown>> }> = [];
  for (const r of T('t06')) {
    const name = r.get('name');
    if (!name || norm(name) === '合计') continue;
    if (classNames.has(norm(name))) {
      pos(`basicByEconomic[${economic.length}]`, r, 'name');
      economic.push({ name, items: [] });
      continue;
    }
    const group = economic[economic.length - 1];
    if (!group) {
      say(ctx, found.get('t06')!.sheet, r.r, 0, `“${name}”前面没有经济科目类（如“商品和服务支出”）`);
      continue;
    }
    const item: Record<string, unknown> = { name };
    const gov = r.get('govName');
    if (gov) item.govName = gov;
    put(item, 'personnel', dec(r.amount('personnel')));
    put(item, 'public', dec(r.amount('public')));
    pos(`basicByEconomic[${economic.length - 1}].items[${group.items.length}]`, r, 'name');
    group.items.push(item);
  }

  // ── income ──
  const income = (list: Row[], nameRole: string, amountRole: string, codeRole?: string) =>
    list
      .filter((r) => r.get(nameRole) && !/^合计$/.test(norm(r.get(nameRole))) && !(codeRole && /^合计$/.test(norm(r.get(codeRole)))))
      .filter((r) => r.amount(amountRole) !== undefined)
      .map((r) => ({ ...(codeRole && r.get(codeRole) && /^\d+$/.test(r.get(codeRole)!) ? { code: r.get(codeRole) } : {}), name: r.get(nameRole)!, amount: money(dec(r.amount(amountRole))) }));
  const govFundIncome = income(T('t07'), 'name', 'amount', 'code');
  const stateCapitalIncome = income(T('t09'), 'incomeName', 'incomeAmount');

  // ── 表10 三公 ──
  const threePublic: Record<string, unknown> = {};
  const t10rows = new Map(T('t10').map((r) => [norm(r.get('name')).replace(/^[①②③]/, ''), r]));
  for (const [key, label] of Object.entries(layout.tables.t10.rows)) {
    const r = t10rows.get(norm(label).replace(/^[①②③]/, ''));
    if (!r) continue;
    const f: Record<string, unknown> = {};
    for (const s of ['generalBudget', 'govFund', 'stateCapital']) put(f, s, dec(r.amount(s)));
    if (Object.keys(f).length) {
      threePublic[key] = f;
      pos(`threePublic.${key}`, r, 'name');
    }
  }

  // ── 表11 机关运行经费: per unit, or the department's total alone ──
  const t11 = T('t11');
  const units = new Set(((base.department as { units?: Array<{ name: string }> } | undefined)?.units ?? []).map((u) => norm(u.name)));
  const operating: Array<Record<string, unknown>> = [];
  const deptRow = t11.find((r) => norm(r.get('name')) === norm(layout.tables.t11.departmentRow));
  const unitRows = t11.filter((r) => r !== deptRow && r.get('name'));
  for (const r of unitRows.length ? unitRows : deptRow ? [deptRow] : []) {
    const funds: Record<string, unknown> = {};
    for (const s of ['generalBudget', 'govFund', 'stateCapital']) put(funds, s, dec(r.amount(s)));
    if (!Object.keys(funds).length) continue;
    pos(`operatingCosts[${operating.length}]`, r, 'name');
    operating.push(r === deptRow ? { funds } : { unit: r.get('name'), funds });
  }

  // ── 表12 / 表13: the department row, unit rows, project rows ──
  const projectRows = (id: 't12' | 't13', sources: readonly string[]) => {
    const list = T(id);
    const out: Array<{ unit: string; name: string; funds: Record<string, unknown>; row: Row }> = [];
    let unitName: string | undefined;
    list.forEach((r, i) => {
      const name = r.get('name');
      if (!name) return;
      if (i === 0) return; // the department's own total, first as the tables print it
      // a unit: one the base names, or a row its following rows add up to
      const isUnit = units.size ? units.has(norm(name)) : sumsFollowing(list, i, r.amount('total'));
      if (isUnit) {
        unitName = name;
        return;
      }
      const funds: Record<string, unknown> = {};
      for (const s of sources) put(funds, s, dec(r.amount(s)));
      out.push({ unit: unitName ?? '', name, funds, row: r });
    });
    return out;
  };
  const baseProjects = new Map(((base.projects as Array<{ name: string; category: string }> | undefined) ?? []).map((p) => [p.name, p.category]));
  const projects = projectRows('t12', ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds']).map((p, i) => {
    pos(`projects[${i}]`, p.row, 'name');
    const category = baseProjects.get(p.name);
    if (!category) say(ctx, found.get('t12')!.sheet, p.row.r, found.get('t12')!.cols.get('name') ?? 0, `项目“${p.name}”的类别（其他运转类 / 特定目标类）公开表中没有：请在填报表的“项目支出”中填写，或用 --into 给出含此项目的数据文件`, 'tables-project-category', 'error', `projects[${i}].category`);
    return { unit: p.unit, name: p.name, category: category ?? '其他运转类', funds: p.funds };
  });
  const carryoverProjects = projectRows('t13', ['generalBudget', 'govFund', 'stateCapital']).map((p, i) => {
    pos(`carryoverProjects[${i}]`, p.row, 'name');
    return { unit: p.unit, name: p.name, funds: p.funds };
  });

  const json: Record<string, unknown> = structuredClone(base);
  if (base.moneyUnit !== undefined || unit !== '万元') json.moneyUnit = unit;
  json.expenditure = { ...((base.expenditure as object | undefined) ?? {}), subjects, lines };
  const exp = json.expenditure as Record<string, unknown>;
  delete exp.noCarryover;
  if (!anyCarry) exp.noCarryover = true;
  json.basicByEconomic = economic;
  json.govFundIncome = govFundIncome;
  json.stateCapitalIncome = stateCapitalIncome;
  json.threePublic = threePublic;
  json.operatingCosts = operating;
  json.projects = projects;
  json.carryoverProjects = carryoverProjects;
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
    const keyRole = t.cols.has('code') ? 'code' : 'name';
    const cellsAt = (cells: TableModel['rows'][number]['cells']) => {
      const byCol: string[] = [];
      let k = 0;
      for (const c of cells) {
        byCol[k] = c.text;
        k += c.colSpan ?? 1;
      }
      return byCol;
    };
    const modelRows = new Map<string, string[]>();
    for (const row of model.rows) {
      const cols = cellsAt(row.cells);
      const key = norm(cols[modelCol.get(keyRole) ?? -1] ?? (row.kind === 'total' ? '合计' : ''));
      if (key && !modelRows.has(key)) modelRows.set(key, cols);
    }
    for (let r = t.from; r < t.sheet.rows.length; r++) {
      const cells = t.sheet.rows[r] ?? [];
      const kc = t.cols.get(keyRole);
      const key = norm(textOf(kc === undefined ? undefined : cells[kc]));
      const m = modelRows.get(key);
      if (!key || !m) continue;
      for (const [role, c] of t.cols) {
        if (role === 'code' || role === 'name' || role === 'govName' || role === 'incomeName') continue;
        const mk = modelCol.get(role);
        if (mk === undefined) continue;
        const cell = cells[c];
        const raw = cell && textOf(cell).trim() !== '' ? convert(cell, { ...MONEY, type: 'decimal' }, t.unit).value : '0';
        if (raw === undefined) continue;
        const sheetWan = new D(inUnit(String(raw), t.unit, '万元')).toDecimalPlaces(2, D.ROUND_HALF_UP);
        const printed = new D((m[mk] ?? '').replace(/,/g, '') || '0');
        if (!sheetWan.equals(printed)) {
          out.push({
            file,
            path: '',
            rule: 'tables-figure-mismatch',
            severity: 'warning',
            message: `${model.label}“${textOf(cells[kc ?? 0]).trim()}”的“${spec.columns[role]}”：导出表为 ${sheetWan.toFixed(2)} 万元，按导入的项级数据计算为 ${printed.toFixed(2)} 万元（PDF 印计算值）`,
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
