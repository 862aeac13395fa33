import type { SourceAmounts } from '../derive/types.js';
import { compareSources, defineRule, describe, eq, fig, total, type Finding, type Rule } from './rule.js';

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
        message: `表1收入总计 ${fig(derived.income.total)} 万元与支出总计 ${fig(derived.expenditure.total)} 万元不一致`,
      },
    ];
  },
});

export const t1IncomeEqualsT2 = defineRule({
  id: 't1-income-equals-t2',
  severity: 'error',
  title: '表1本年收入合计等于表2合计',
  find({ derived }) {
    const t2 = derived.subjectRows[0];
    if (!t2) return [];
    const m = compareSources(derived.income.current, t2.current.total, '本年收入·');
    if (!eq(derived.income.carryover.total, t2.carryover.total.total))
      m.push({ column: '上年结转', left: derived.income.carryover.total, right: t2.carryover.total.total });
    if (!m.length) return [];
    return [{ path: 'expenditure.lines', message: `表1与表2收入合计不一致，${describe(m, '表1', '表2合计')}` }];
  },
});

export const t3EqualsT1Expenditure = defineRule({
  id: 't3-equals-t1-expenditure',
  severity: 'error',
  title: '表3合计等于表1支出合计',
  find({ derived }) {
    const t3 = derived.subjectRows[0];
    if (!t3) return [];
    const out: Finding[] = [];
    const m = [
      ...compareSources(t3.all.total, derived.expenditure.all.total, '合计·'),
      ...compareSources(t3.all.basic, derived.expenditure.all.basic, '基本支出·'),
      ...compareSources(t3.all.project, derived.expenditure.all.project, '项目支出·'),
    ];
    if (m.length) out.push({ path: 'expenditure.lines', message: `表3合计与表1本年支出合计不一致，${describe(m, '表3', '表1')}` });
    // 表1 prints the 类 rows: their sum is 本年支出合计.
    const byClass = total(Object.values(derived.byClass).map((r) => r.all.total.total));
    if (!eq(byClass, derived.expenditure.all.total.total))
      out.push({
        path: 'expenditure.lines',
        message: `表1各类支出之和 ${fig(byClass)} 万元与本年支出合计 ${fig(derived.expenditure.all.total.total)} 万元不一致`,
      });
    return out;
  },
});

export const t4Balance = defineRule({
  id: 't4-balance',
  severity: 'error',
  title: '表4财政拨款收入总计等于支出总计',
  find({ derived }) {
    const income = total([derived.income.current.fiscal, derived.income.carryover.fiscal]);
    const spending = total(Object.values(derived.byClass).map((r) => r.all.total.fiscal));
    if (eq(income, spending)) return [];
    return [{ path: 'expenditure.lines', message: `表4财政拨款收入总计 ${fig(income)} 万元与支出总计 ${fig(spending)} 万元不一致` }];
  },
});

export const t5EqualsGeneralBudget = defineRule({
  id: 't5-equals-general-budget',
  severity: 'error',
  title: '表5合计等于一般公共预算当年收入',
  find({ derived }) {
    const rows = derived.currentRowsBySource.generalBudget;
    const t5 = rows[0]?.current.total.generalBudget;
    const classes = total(rows.filter((r) => r.kind === 'class').map((r) => r.current.total.generalBudget));
    const income = derived.income.current.generalBudget;
    const out: Finding[] = [];
    if (t5 === undefined || !eq(t5, income))
      out.push({
        path: 'expenditure.lines',
        message: `表5合计 ${t5 === undefined ? '（无）' : fig(t5)} 万元与表1一般公共预算收入 ${fig(income)} 万元不一致`,
      });
    if (t5 !== undefined && !eq(classes, t5))
      out.push({ path: 'expenditure.lines', message: `表5各类之和 ${fig(classes)} 万元与表5合计 ${fig(t5)} 万元不一致` });
    return out;
  },
});

export const t6EqualsBasic = defineRule({
  id: 't6-equals-basic',
  severity: 'error',
  title: '表6合计（人员经费+公用经费）等于一般公共预算基本支出',
  find({ derived }) {
    const t6 = derived.basicCosts.total;
    const parts = total([derived.basicCosts.personnel, derived.basicCosts.public]);
    const basic = derived.subjectRows[0]?.current.basic.generalBudget ?? derived.expenditure.current.basic.generalBudget;
    const out: Finding[] = [];
    if (!eq(parts, t6))
      out.push({
        path: 'basicByEconomic',
        message: `表6人员经费 ${fig(derived.basicCosts.personnel)} 万元 + 公用经费 ${fig(derived.basicCosts.public)} 万元 = ${fig(parts)} 万元，与表6合计 ${fig(t6)} 万元不一致`,
      });
    if (!eq(t6, basic))
      out.push({
        path: 'basicByEconomic',
        related: ['expenditure.lines'],
        message: `表6合计 ${fig(t6)} 万元与表5一般公共预算基本支出合计 ${fig(basic)} 万元不一致`,
      });
    return out;
  },
});

export const t7EqualsT8 = defineRule({
  id: 't7-equals-t8',
  severity: 'warning',
  title: '表7政府性基金收入合计等于表8支出合计',
  find({ derived }) {
    const income = derived.govFundIncomeRows[0]?.amount ?? total([]);
    const spending = derived.expenditure.current.total.govFund;
    if (eq(income, spending)) return [];
    return [
      {
        path: 'govFundIncome',
        related: ['expenditure.lines'],
        message: `表7政府性基金预算收入合计 ${fig(income)} 万元与表8政府性基金预算支出合计 ${fig(spending)} 万元不一致`,
      },
    ];
  },
});

export const t9Balance = defineRule({
  id: 't9-balance',
  severity: 'warning',
  title: '表9国有资本经营预算收入等于支出',
  find({ derived }) {
    const income = derived.stateCapitalIncomeRows[0]?.amount ?? total([]);
    const spending = derived.expenditure.current.total.stateCapital;
    if (eq(income, spending)) return [];
    return [
      {
        path: 'stateCapitalIncome',
        related: ['expenditure.lines'],
        message: `表9国有资本经营预算收入 ${fig(income)} 万元与支出 ${fig(spending)} 万元不一致`,
      },
    ];
  },
});

export const t12EqualsProjectExpenditure = defineRule({
  id: 't12-equals-project-expenditure',
  severity: 'error',
  title: '表12项目支出合计等于本年项目支出（分资金来源）',
  find({ data, derived }) {
    const m = compareSources(derived.projectTotal, derived.expenditure.current.project);
    if (!m.length) return [];
    // An empty list is not a department without projects: say what is missing, not a mismatch.
    if (!data.projects.length)
      return [
        {
          path: 'projects',
          related: ['expenditure.lines'],
          message: `表12没有列出任何项目，而支出表本年项目支出为 ${fig(derived.expenditure.current.project.total)} 万元：请逐项列出这些项目（各项目之和应等于支出表的项目支出）`,
        },
      ];
    return [{ path: 'projects', related: ['expenditure.lines'], message: `表12项目支出与支出表本年项目支出不一致，${describe(m, '表12', '支出表')}` }];
  },
});

export const t13EqualsCarryoverProjects = defineRule({
  id: 't13-equals-carryover-projects',
  severity: 'error',
  title: '表13项目支出合计等于上年结转项目支出（财政拨款）',
  find({ derived }) {
    const m = compareSources(derived.carryoverProjectTotal, derived.expenditure.carryover.project, '', FISCAL_ONLY);
    if (!m.length) return [];
    return [
      {
        path: 'carryoverProjects',
        related: ['expenditure.lines'],
        message: `表13项目支出与支出表上年结转项目支出不一致，${describe(m, '表13', '支出表')}`,
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
