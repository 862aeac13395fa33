import { describe, it } from 'vitest';
import { auditOf, expectRule } from './helpers.js';

describe('audit: empty tables', () => {
  it('empty-line-with-zero-amount', () => {
    expectRule(
      'empty-line-with-zero-amount',
      auditOf((i) => {
        i.expenditure.lines.push({ code: '2010399', name: '其他政府办公厅（室）及相关机构事务支出', basic: { generalBudget: '0' } });
        i.basicByEconomic[1]!.items.push({ name: '印刷费', govName: '商品和服务支出' });
        i.govFundIncome.push({ name: '零收入', amount: '0' });
        i.operatingCosts.push({ unit: '示例中心分中心', funds: {} });
      }),
      { count: 4, path: 'expenditure.lines[4]', message: '支出科目 2010399 其他政府办公厅（室）及相关机构事务支出 各栏金额均为 0，将印成空行' },
    );
  });
});
