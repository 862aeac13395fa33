import { describe, expect, it } from 'vitest';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: performance sheets', () => {
  it('sheet-project-unmatched: a near name is named, and still counted', () => {
    const diags = auditOf((i) => {
      i.performanceSheets![1]!.project = '物业费用';
    });
    expectRule('sheet-project-unmatched', diags, {
      path: 'performanceSheets[1].project',
      related: ['projects[1].name'],
      message: /绩效目标表项目“物业费用”在预算公开表12中没有同名项目，最接近的是预算公开表12项目“物业费”/,
    });
    // Counted for 物业费: no missing sheet, no published mismatch.
    expect(of(diags, 'project-has-sheet')).toEqual([]);
    expect(of(diags, 'performance-published-matches-sheets')).toEqual([]);
  });

  it('sheet-project-unmatched: no close name', () => {
    const diags = auditOf((i) => {
      i.performanceSheets!.push({ ...i.performanceSheets![0]!, project: '公用经费项目', funds: { implementation: { local: '214500' }, annual: { local: '214500' } } });
    });
    expectRule('sheet-project-unmatched', diags, {
      path: 'performanceSheets[2].project',
      message: '绩效目标表项目“公用经费项目”与预算公开表12的任何项目都不对应（年度资金 214,500 元；未计入绩效管理情况）',
    });
  });

  it('sheet-project-unmatched: close to a project that has its own sheet', () => {
    const diags = auditOf((i) => {
      i.performanceSheets!.push({ ...i.performanceSheets![1]!, project: '物业费用' });
    });
    expectRule('sheet-project-unmatched', diags, { message: /名称接近的预算公开表12项目“物业费”已有同名绩效目标表/ });
  });

  it('sheet-amount-matches-t12: 元 / 10000 vs 表12', () => {
    expectRule(
      'sheet-amount-matches-t12',
      auditOf((i) => {
        i.performanceSheets![0]!.funds.annual.local = '1000000';
      }),
      {
        path: 'performanceSheets[0].funds.annual',
        related: ['projects[0].funds'],
        message: '绩效目标表“系统运维费”年度资金总额 1,500,000 元（150.00 万元）与预算公开表12项目“系统运维费” 150.50 万元不一致',
      },
    );
  });

  it('sheet-total-equals-parts', () => {
    expectRule(
      'sheet-total-equals-parts',
      auditOf((i) => {
        i.performanceSheets![0]!.funds.implementation.declaredTotal = '2500000';
      }),
      { path: 'performanceSheets[0].funds.implementation.declaredTotal', message: '绩效目标表“系统运维费”实施期资金总额填写为 2,500,000 元，各来源之和为 2,505,000 元' },
    );
  });

  it('sheet-annual-within-implementation', () => {
    expectRule(
      'sheet-annual-within-implementation',
      auditOf((i) => {
        i.performanceSheets![1]!.funds.implementation = { local: '400000', selfRaised: '20000' };
      }),
      { message: '绩效目标表“物业费”年度资金总额 520,000 元超过实施期资金总额 420,000 元' },
    );
  });

  it('project-has-sheet', () => {
    expectRule(
      'project-has-sheet',
      auditOf((i) => {
        i.performanceSheets!.pop();
      }),
      { path: 'projects[1]', message: '预算公开表12项目“物业费”（52.00 万元）没有绩效目标表' },
    );
  });

  it('sheet-duplicate', () => {
    expectRule(
      'sheet-duplicate',
      auditOf((i) => {
        i.performanceSheets!.push(i.performanceSheets![0]!);
      }),
      { count: 1, path: 'performanceSheets[2]', related: ['performanceSheets[0]'], message: /项目“系统运维费”有不止一张绩效目标表/ },
    );
    // Two sheets for the same unknown project are duplicates too.
    const unknown = (i: Parameters<Parameters<typeof auditOf>[0] & object>[0]) => {
      const extra = { ...i.performanceSheets![0]!, project: '公用经费项目' };
      i.performanceSheets!.push(extra, extra);
    };
    expect(of(auditOf(unknown), 'sheet-duplicate')).toHaveLength(1);
  });

  it('sheet-unit-known', () => {
    expectRule(
      'sheet-unit-known',
      auditOf((i) => {
        i.performanceSheets![0]!.unit = '示例中心（大数据中';
      }),
      { path: 'performanceSheets[0].unit', message: /实施单位“示例中心（大数据中”不是本部门的预算单位/ },
    );
  });
});
