import type { ProjectRow, SubjectRow } from '../derive/types.js';
import { figure, money, printedIn } from '../diagnostics/place.js';
import {
  compareFiscal,
  comparePeriods,
  compareSources,
  defineRule,
  describe,
  eq,
  fiscalIdentity,
  linePath,
  linePathsUnder,
  periodIdentities,
  sourceIdentities,
  sumFiscalAmounts,
  sumPeriodsOf,
  sumSourceAmounts,
  total,
  type Finding,
  type Mismatch,
  type Rule,
} from './rule.js';

/*
 * 2, 10 — rollups and identities. They hold by construction in the derive; checking them on the
 * derived model catches a derive bug, or a model changed after derivation.
 */

const label = (r: SubjectRow) => (r.kind === 'total' ? '合计' : `${r.code} ${r.name}`);

export const subjectRollups = defineRule({
  id: 'subject-rollups',
  severity: 'error',
  title: '功能分类：类=Σ款，款=Σ项，合计=Σ类；基本+项目=合计；当年+结转=合计',
  find({ data, derived }) {
    const rows = derived.subjectRows;
    const out: Finding[] = [];
    const report = (r: SubjectRow, m: Mismatch[], what: string) => {
      if (!m.length) return;
      const path = r.kind === 'item' ? linePath(data, r.code) : 'expenditure.lines';
      const related = r.kind === 'item' ? undefined : linePathsUnder(data, r.code);
      out.push({ path, ...(related ? { related } : {}), message: `${label(r)}：${what}，${describe(m, '本行', '应为')}` });
    };
    for (const r of rows) {
      const children =
        r.kind === 'total'
          ? rows.filter((c) => c.kind === 'class')
          : r.kind === 'class'
            ? rows.filter((c) => c.kind === 'section' && c.code.startsWith(r.code))
            : r.kind === 'section'
              ? rows.filter((c) => c.kind === 'item' && c.code.startsWith(r.code))
              : [];
      if (r.kind !== 'item') report(r, comparePeriods(r, sumPeriodsOf(children)), r.kind === 'total' ? '合计不等于各类之和' : r.kind === 'class' ? '类不等于各款之和' : '款不等于各项之和');
      report(r, periodIdentities(r), '行内各栏不平衡');
    }
    const head = rows[0];
    if (!head || head.kind !== 'total') out.push({ path: 'expenditure.lines', message: '功能分类表缺少合计行' });
    else report(head, comparePeriods(derived.expenditure, head), `与支出合计（${printedIn('income')}/${printedIn('subjectRows.all')}）不一致`);
    if (!eq(derived.expenditure.total, total([derived.expenditure.all.total.total, derived.expenditure.yearEndCarryover])))
      out.push({
        path: 'expenditure.lines',
        message: `支出总计 ${money(derived.expenditure.total)}不等于本年支出合计 ${money(derived.expenditure.all.total.total)} + 年终结转 ${money(derived.expenditure.yearEndCarryover)}`,
      });
    const incomeTotal = total([derived.income.current.total, derived.income.carryover.total]);
    if (!eq(derived.income.total, incomeTotal))
      out.push({
        path: 'expenditure.lines',
        message: `收入总计 ${money(derived.income.total)}不等于本年收入 ${money(derived.income.current.total)} + 上年结转 ${money(derived.income.carryover.total)}`,
      });
    const income = [...sourceIdentities(derived.income.current, '本年收入·'), ...sourceIdentities(derived.income.carryover, '上年结转·')];
    if (income.length) out.push({ path: 'expenditure.lines', message: `收入各栏不平衡，${describe(income, '本栏', '应为')}` });
    return out;
  },
});

function projectRollups(rows: readonly ProjectRow[], totalFunds: ProjectRow['funds'], table: string, path: string): Finding[] {
  const out: Finding[] = [];
  const units = rows.filter((r) => r.kind === 'unit');
  rows.forEach((r, k) => {
    const own = sourceIdentities(r.funds);
    if (own.length) out.push({ path, message: `${table}“${r.name}”行内各栏不平衡，${describe(own, '本栏', '应为')}` });
    if (r.kind !== 'unit') return;
    const items: ProjectRow[] = [];
    for (const next of rows.slice(k + 1)) {
      if (next.kind !== 'item') break;
      items.push(next);
    }
    const m = compareSources(r.funds, sumSourceAmounts(items.map((i) => i.funds)));
    if (m.length) out.push({ path, message: `${table}单位“${r.name}”不等于其项目之和，${describe(m, '单位行', '项目之和')}` });
  });
  const head = rows[0];
  if (!head || head.kind !== 'total') out.push({ path, message: `${table}缺少部门合计行` });
  else {
    const m = [...compareSources(head.funds, sumSourceAmounts(units.map((u) => u.funds))), ...compareSources(head.funds, totalFunds, '合计与汇总·')];
    if (m.length) out.push({ path, message: `${table}部门合计行不等于各单位之和，${describe(m, '合计行', '应为')}` });
  }
  return out;
}

export const tableRollups = defineRule({
  id: 'table-rollups',
  severity: 'error',
  title: `${printedIn('economicRows')}、${printedIn('govFundIncomeRows')}、${printedIn('stateCapitalIncomeRows')}、${printedIn('operatingRows')}、${printedIn('projectRows')}、${printedIn('carryoverProjectRows')}：合计=Σ明细`,
  find({ derived }) {
    const out: Finding[] = [];
    // basic expenditure by economic item
    const econ = derived.economicRows;
    econ.forEach((r, k) => {
      const t = total([r.personnel, r.public]);
      if (!eq(r.total, t)) out.push({ path: 'basicByEconomic', message: `${printedIn('economicRows')}“${r.name}”合计 ${money(r.total)}不等于人员经费+公用经费 ${money(t)}` });
      if (r.kind === 'item') return;
      const children: typeof econ = [];
      if (r.kind === 'total') children.push(...econ.filter((c) => c.kind === 'group'));
      else for (const next of econ.slice(k + 1)) {
        if (next.kind !== 'item') break;
        children.push(next);
      }
      for (const col of ['personnel', 'public', 'total'] as const) {
        const s = total(children.map((c) => c[col]));
        if (!eq(r[col], s)) {
          out.push({ path: 'basicByEconomic', message: `${printedIn('economicRows')}“${r.name || '合计'}”${col === 'personnel' ? '人员经费' : col === 'public' ? '公用经费' : '合计'} ${money(r[col])}不等于明细之和 ${money(s)}` });
          break;
        }
      }
    });
    const head = econ[0];
    if (head && !(eq(head.personnel, derived.basicCosts.personnel) && eq(head.public, derived.basicCosts.public) && eq(head.total, derived.basicCosts.total)))
      out.push({ path: 'basicByEconomic', message: `${printedIn('economicRows')}合计行与基本支出汇总（人员 ${figure(derived.basicCosts.personnel)}、公用 ${figure(derived.basicCosts.public)}）不一致` });
    // income lists
    for (const [rows, table, path] of [
      [derived.govFundIncomeRows, printedIn('govFundIncomeRows'), 'govFundIncome'],
      [derived.stateCapitalIncomeRows, printedIn('stateCapitalIncomeRows'), 'stateCapitalIncome'],
    ] as const) {
      const s = total(rows.filter((r) => r.kind === 'item').map((r) => r.amount));
      const t = rows[0];
      if (!t || t.kind !== 'total' || !eq(t.amount, s))
        out.push({ path, message: `${table}收入合计 ${t ? money(t.amount) : '（无）'}不等于各项收入之和 ${money(s)}` });
    }
    // 机关运行经费 by unit
    const items = derived.operatingRows.filter((r) => r.kind === 'item');
    const opSum = sumFiscalAmounts(items.map((i) => i.funds));
    const opHead = derived.operatingRows[0];
    const opM = [
      // 机关运行经费 given for the department only (no unit rows) has nothing to add up
      ...(opHead && items.length ? compareFiscal(opHead.funds, opSum) : []),
      ...(items.length ? compareFiscal(derived.operatingTotal, opSum, '汇总·') : []),
      ...derived.operatingRows.flatMap((r) => fiscalIdentity(r.funds, `${r.name || '部门合计'}·`)),
    ];
    if (opM.length) out.push({ path: 'operatingCosts', message: `${printedIn('operatingRows')}机关运行经费合计不等于各单位之和，${describe(opM, '合计', '应为')}` });
    // projects, current and carried over
    out.push(...projectRollups(derived.projectRows, derived.projectTotal, printedIn('projectRows'), 'projects'));
    out.push(...projectRollups(derived.carryoverProjectRows, derived.carryoverProjectTotal, printedIn('carryoverProjectRows'), 'carryoverProjects'));
    return out;
  },
});

export const threePublicSums = defineRule({
  id: 'three-public-sums',
  severity: 'error',
  title: `${printedIn('threePublic')}：公务用车=购置+运行维护，合计=出国+接待+公务用车`,
  find({ derived }) {
    const t = derived.threePublic;
    const m = [
      ...compareFiscal(t.vehicle, sumFiscalAmounts([t.vehiclePurchase, t.vehicleOperation]), '公务用车购置及运行费·'),
      ...compareFiscal(t.total, sumFiscalAmounts([t.abroad, t.reception, t.vehicle]), '“三公”经费合计·'),
      ...(['abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'total'] as const).flatMap((k) => fiscalIdentity(t[k], `${k}·`)),
    ];
    if (!m.length) return [];
    return [{ path: 'threePublic', message: `${printedIn('threePublic')}“三公”经费不平衡，${describe(m, '本栏', '明细之和')}` }];
  },
});

export const rollupRules: Rule[] = [subjectRollups, tableRollups, threePublicSums];
