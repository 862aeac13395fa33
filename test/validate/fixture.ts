import { skeleton } from '../../src/cli/init.js';

export const DEPT = '测试区政务服务中心';

/**
 * A small department that passes validation: one 类/款, a basic and a project line, 表6 matching
 * the basic expenditure, one project matching the project expenditure. A fresh deep copy each
 * call (plain JSON), so tests can break it freely.
 */
export function validData(): any {
  const d: any = JSON.parse(JSON.stringify(skeleton({ name: DEPT, year: 2026, code: '640' })));
  d.expenditure = {
    subjects: [
      { code: '201', name: '一般公共服务支出' },
      { code: '20103', name: '政府办公厅（室）及相关机构事务' },
    ],
    lines: [
      { code: '2010301', name: '行政运行', basic: { generalBudget: '100' } },
      { code: '2010399', name: '其他政府办公厅（室）及相关机构事务支出', project: { generalBudget: '20' } },
    ],
  };
  d.basicByEconomic = [
    { code: '301', name: '工资福利支出', items: [{ code: '30101', name: '基本工资', govName: '工资奖金津补贴', personnel: '80' }] },
    { code: '302', name: '商品和服务支出', items: [{ code: '30201', name: '办公费', govName: '商品和服务支出', public: '20' }] },
  ];
  d.projects = [{ unit: DEPT, name: '政务服务平台运维', category: '其他运转类', funds: { generalBudget: '20' } }];
  d.expenditure.noCarryover = true;
  d.narrative.lastYear = { incomeTotal: '110', expenditureTotal: '110', generalBudgetExpenditure: '110', threePublic: '0', operatingCosts: '0' };
  // the skeleton's placeholders, written
  d.department.duties = ['负责全区政务服务体系建设。'];
  d.department.organisation = ['核定事业编制20名。'];
  d.narrative.reasons = { income: '项目支出增加。', expenditure: '项目支出增加。', generalBudget: '项目支出增加。' };
  return d;
}

/** Pretty JSON text of a data object, as a department would write it. */
export function text(data: unknown): string {
  return JSON.stringify(data, null, 2) + '\n';
}
