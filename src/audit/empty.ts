import { emptyTables, TABLE_IDS } from '../derive/empty.js';
import { fromFunds, isZeroSources } from '../derive/funds.js';
import { dec } from '../derive/decimal.js';
import { linePeriods } from '../derive/subjects.js';
import { isZeroPeriods } from '../derive/funds.js';
import { defineRule, type Finding, type Rule } from './rule.js';

/*
 * 12 — empty tables print "注：本表无数据"; rows that print nothing but a name are suspicious.
 */

const TABLE_NAMES: Record<string, string> = {
  t1: '表1', t2: '表2', t3: '表3', t4: '表4', t5: '表5', t6: '表6', t7: '表7',
  t8: '表8', t9: '表9', t10: '表10', t11: '表11', t12: '表12', t13: '表13',
};

export const emptyTableFlag = defineRule({
  id: 'empty-table-flag',
  severity: 'error',
  title: '空表的“本表无数据”标记与表中金额一致',
  find({ derived }) {
    const actual = emptyTables(derived);
    return TABLE_IDS.flatMap((t): Finding[] => {
      if (derived.emptyTables[t] === actual[t]) return [];
      return [
        {
          path: '',
          message: actual[t]
            ? `${TABLE_NAMES[t]}各金额均为 0，但未标记为空表：将印成没有“注：本表无数据”的空白表`
            : `${TABLE_NAMES[t]}有非零金额，却被标记为空表：数据将被“注：本表无数据”取代`,
        },
      ];
    });
  },
});

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
          out.push({ path: `basicByEconomic[${i}].items[${j}]`, message: `表6经济科目“${it.name}”人员经费、公用经费均为 0，将印成空行` });
      }),
    );
    for (const [list, key, table] of [
      [data.govFundIncome, 'govFundIncome', '表7'],
      [data.stateCapitalIncome, 'stateCapitalIncome', '表9'],
    ] as const)
      list.forEach((it, i) => {
        if (dec(it.amount).isZero()) out.push({ path: `${key}[${i}].amount`, message: `${table}收入科目“${it.name}”金额为 0，将印成空行` });
      });
    data.operatingCosts.forEach((o, i) => {
      if (isZeroSources(fromFunds(o.funds))) out.push({ path: `operatingCosts[${i}].funds`, message: `表11单位“${o.unit}”机关运行经费为 0，将印成空行` });
    });
    return out;
  },
});

export const emptyRules: Rule[] = [emptyTableFlag, emptyLineWithZeroAmount];
