import { fromFunds, isZeroSources } from '../derive/funds.js';
import { dec } from '../derive/decimal.js';
import { linePeriods } from '../derive/subjects.js';
import { isZeroPeriods } from '../derive/funds.js';
import { defineRule, type Finding, type Rule } from './rule.js';
import { printedIn } from '../diagnostics/place.js';

/*
 * Rows that print nothing but a name are suspicious. (An empty table printing "注：本表无数据" is the
 * table engine's job: render/table.ts decides it from the amounts it actually prints.)
 */

export const emptyLineWithZeroAmount = defineRule({
  id: 'empty-line-with-zero-amount',
  severity: 'warning',
  title: '支出科目、经济科目、收入科目的金额不全为零',
  find({ data }) {
    const out: Finding[] = [];
    data.expenditure.lines.forEach((l, i) => {
      if (isZeroPeriods(linePeriods(l)))
        out.push({ path: `expenditure.lines[${i}]`, message: `支出科目 ${l.code} ${l.name} 各栏金额均为 0，将印成空行` });
    });
    data.basicByEconomic.forEach((g, i) =>
      g.items.forEach((it, j) => {
        if (dec(it.personnel).isZero() && dec(it.public).isZero())
          out.push({ path: `basicByEconomic[${i}].items[${j}]`, message: `${printedIn('economicRows')}经济科目“${it.name}”人员经费、公用经费均为 0，将印成空行` });
      }),
    );
    for (const [list, key, table] of [
      [data.govFundIncome, 'govFundIncome', printedIn('govFundIncomeRows')],
      [data.stateCapitalIncome, 'stateCapitalIncome', printedIn('stateCapitalIncomeRows')],
    ] as const)
      list.forEach((it, i) => {
        if (dec(it.amount).isZero()) out.push({ path: `${key}[${i}].amount`, message: `${table}收入科目“${it.name}”金额为 0，将印成空行` });
      });
    data.operatingCosts.forEach((o, i) => {
      if (isZeroSources(fromFunds(o.funds))) out.push({ path: `operatingCosts[${i}].funds`, message: `${printedIn('operatingRows')}${o.unit === undefined ? '部门合计' : `单位“${o.unit}”`}机关运行经费为 0，将印成空行` });
    });
    return out;
  },
});

export const emptyRules: Rule[] = [emptyLineWithZeroAmount];
