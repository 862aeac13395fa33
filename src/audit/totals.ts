import type { SourceAmounts } from '../derive/types.js';
import { compareSources, defineRule, describe, eq, total, type Finding, type Rule } from './rule.js';
import { money, printedIn } from '../diagnostics/place.js';

/*
 * 1, 3, 4 — the totals that several tables print must agree.
 */

const FISCAL_ONLY = ['generalBudget', 'govFund', 'stateCapital', 'fiscal'] as const satisfies ReadonlyArray<keyof SourceAmounts>;

export const incomeEqualsExpenditure = defineRule({
  id: 'income-equals-expenditure',
  severity: 'error',
  title: '收入总计等于支出总计',
  find({ derived }) {
    if (eq(derived.income.total, derived.expenditure.total)) return [];
    return [
      {
        path: 'expenditure.lines',
        message: `${printedIn('income')}收入总计 ${money(derived.income.total)}与支出总计 ${money(derived.expenditure.total)}不一致`,
      },
    ];
  },
});

export const t1IncomeEqualsT2 = defineRule({
  id: 't1-income-equals-t2',
  severity: 'error',
  title: `${printedIn('income')}本年收入合计等于${printedIn('subjectRows.current')}合计`,
  find({ derived }) {
    const t2 = derived.subjectRows[0];
    if (!t2) return [];
    const m = compareSources(derived.income.current, t2.current.total, '本年收入·');
    if (!eq(derived.income.carryover.total, t2.carryover.total.total))
      m.push({ column: '上年结转', left: derived.income.carryover.total, right: t2.carryover.total.total });
    if (!m.length) return [];
    return [{ path: 'expenditure.lines', message: `${printedIn('income')}与${printedIn('subjectRows.current')}收入合计不一致，${describe(m, printedIn('income'), `${printedIn('subjectRows.current')}合计`)}` }];
  },
});

export const t3EqualsT1Expenditure = defineRule({
  id: 't3-equals-t1-expenditure',
  severity: 'error',
  title: `${printedIn('subjectRows.all')}合计等于${printedIn('income')}支出合计`,
  find({ derived }) {
    const t3 = derived.subjectRows[0];
    if (!t3) return [];
    const out: Finding[] = [];
    const m = [
      ...compareSources(t3.all.total, derived.expenditure.all.total, '合计·'),
      ...compareSources(t3.all.basic, derived.expenditure.all.basic, '基本支出·'),
      ...compareSources(t3.all.project, derived.expenditure.all.project, '项目支出·'),
    ];
    if (m.length) out.push({ path: 'expenditure.lines', message: `${printedIn('subjectRows.all')}合计与${printedIn('income')}本年支出合计不一致，${describe(m, printedIn('subjectRows.all'), printedIn('income'))}` });
    // the 类 rows are printed: their sum is 本年支出合计.
    const byClass = total(Object.values(derived.byClass).map((r) => r.all.total.total));
    if (!eq(byClass, derived.expenditure.all.total.total))
      out.push({
        path: 'expenditure.lines',
        message: `${printedIn('income')}各类支出之和 ${money(byClass)}与本年支出合计 ${money(derived.expenditure.all.total.total)}不一致`,
      });
    return out;
  },
});

export const t4Balance = defineRule({
  id: 't4-balance',
  severity: 'error',
  title: `${printedIn('expenditure.all.total.fiscal')}财政拨款收入总计等于支出总计`,
  find({ derived }) {
    const income = total([derived.income.current.fiscal, derived.income.carryover.fiscal]);
    const spending = total(Object.values(derived.byClass).map((r) => r.all.total.fiscal));
    if (eq(income, spending)) return [];
    return [{ path: 'expenditure.lines', message: `${printedIn('expenditure.all.total.fiscal')}财政拨款收入总计 ${money(income)}与支出总计 ${money(spending)}不一致` }];
  },
});

export const t5EqualsGeneralBudget = defineRule({
  id: 't5-equals-general-budget',
  severity: 'error',
  title: `${printedIn('currentRowsBySource.generalBudget')}合计等于一般公共预算当年收入`,
  find({ derived }) {
    const rows = derived.currentRowsBySource.generalBudget;
    const t5 = rows[0]?.current.total.generalBudget;
    const classes = total(rows.filter((r) => r.kind === 'class').map((r) => r.current.total.generalBudget));
    const income = derived.income.current.generalBudget;
    const out: Finding[] = [];
    if (t5 === undefined || !eq(t5, income))
      out.push({
        path: 'expenditure.lines',
        message: `${printedIn('currentRowsBySource.generalBudget')}合计 ${t5 === undefined ? '（无）' : money(t5)}与${printedIn('income')}一般公共预算收入 ${money(income)}不一致`,
      });
    if (t5 !== undefined && !eq(classes, t5))
      out.push({ path: 'expenditure.lines', message: `${printedIn('currentRowsBySource.generalBudget')}各类之和 ${money(classes)}与${printedIn('currentRowsBySource.generalBudget')}合计 ${money(t5)}不一致` });
    return out;
  },
});

export const t6EqualsBasic = defineRule({
  id: 't6-equals-basic',
  severity: 'error',
  title: `${printedIn('economicRows')}合计（人员经费+公用经费）等于一般公共预算基本支出`,
  find({ derived }) {
    const t6 = derived.basicCosts.total;
    const parts = total([derived.basicCosts.personnel, derived.basicCosts.public]);
    const basic = derived.subjectRows[0]?.current.basic.generalBudget ?? derived.expenditure.current.basic.generalBudget;
    const out: Finding[] = [];
    if (!eq(parts, t6))
      out.push({
        path: 'basicByEconomic',
        message: `${printedIn('economicRows')}人员经费 ${money(derived.basicCosts.personnel)} + 公用经费 ${money(derived.basicCosts.public)} = ${money(parts)}，与${printedIn('economicRows')}合计 ${money(t6)}不一致`,
      });
    if (!eq(t6, basic))
      out.push({
        path: 'basicByEconomic',
        related: ['expenditure.lines'],
        message: `${printedIn('economicRows')}合计 ${money(t6)}与${printedIn('currentRowsBySource.generalBudget')}一般公共预算基本支出合计 ${money(basic)}不一致`,
      });
    return out;
  },
});

export const t7EqualsT8 = defineRule({
  id: 't7-equals-t8',
  severity: 'warning',
  title: `${printedIn('govFundIncomeRows')}政府性基金收入合计等于${printedIn('currentRowsBySource.govFund')}支出合计`,
  find({ derived }) {
    const income = derived.govFundIncomeRows[0]?.amount ?? total([]);
    const spending = derived.expenditure.current.total.govFund;
    if (eq(income, spending)) return [];
    return [
      {
        path: 'govFundIncome',
        related: ['expenditure.lines'],
        message: `${printedIn('govFundIncomeRows')}政府性基金预算收入合计 ${money(income)}与${printedIn('currentRowsBySource.govFund')}政府性基金预算支出合计 ${money(spending)}不一致`,
      },
    ];
  },
});

export const t9Balance = defineRule({
  id: 't9-balance',
  severity: 'warning',
  title: `${printedIn('stateCapitalIncomeRows')}国有资本经营预算收入等于支出`,
  find({ derived }) {
    const income = derived.stateCapitalIncomeRows[0]?.amount ?? total([]);
    const spending = derived.expenditure.current.total.stateCapital;
    if (eq(income, spending)) return [];
    return [
      {
        path: 'stateCapitalIncome',
        related: ['expenditure.lines'],
        message: `${printedIn('stateCapitalIncomeRows')}国有资本经营预算收入 ${money(income)}与支出 ${money(spending)}不一致`,
      },
    ];
  },
});

export const t12EqualsProjectExpenditure = defineRule({
  id: 't12-equals-project-expenditure',
  severity: 'error',
  title: `${printedIn('projectRows')}项目支出合计等于本年项目支出（分资金来源）`,
  find({ data, derived, printed }) {
    const m = compareSources(derived.projectTotal, derived.expenditure.current.project);
    if (!m.length) return [];
    if (!data.projects.length) {
      // a set that prints no project list does not ask the department for one (the list given is still checked)
      if (printed && !printed('projectRows')) return [];
      // An empty list is not a department without projects: say what is missing, not a mismatch.
      return [
        {
          path: 'projects',
          related: ['expenditure.lines'],
          message: `${printedIn('projectRows')}没有列出任何项目，而支出表本年项目支出为 ${money(derived.expenditure.current.project.total)}：请逐项列出这些项目（各项目之和应等于支出表的项目支出）`,
        },
      ];
    }
    return [{ path: 'projects', related: ['expenditure.lines'], message: `${printedIn('projectRows')}项目支出与支出表本年项目支出不一致，${describe(m, printedIn('projectRows'), '支出表')}` }];
  },
});

export const t13EqualsCarryoverProjects = defineRule({
  id: 't13-equals-carryover-projects',
  severity: 'error',
  title: `${printedIn('carryoverProjectRows')}项目支出合计等于上年结转项目支出（财政拨款）`,
  find({ derived }) {
    const m = compareSources(derived.carryoverProjectTotal, derived.expenditure.carryover.project, '', FISCAL_ONLY);
    if (!m.length) return [];
    return [
      {
        path: 'carryoverProjects',
        related: ['expenditure.lines'],
        message: `${printedIn('carryoverProjectRows')}项目支出与支出表上年结转项目支出不一致，${describe(m, printedIn('carryoverProjectRows'), '支出表')}`,
      },
    ];
  },
});

export const totalsRules: Rule[] = [
  incomeEqualsExpenditure,
  t1IncomeEqualsT2,
  t3EqualsT1Expenditure,
  t4Balance,
  t5EqualsGeneralBudget,
  t6EqualsBasic,
  t7EqualsT8,
  t9Balance,
  t12EqualsProjectExpenditure,
  t13EqualsCarryoverProjects,
];
