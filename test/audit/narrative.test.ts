import { describe, expect, it } from 'vitest';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: narrative figures', () => {
  it('procurement-total-equals-parts', () => {
    expectRule(
      'procurement-total-equals-parts',
      auditOf((i) => {
        i.narrative.procurement.declaredTotal = '106.00';
      }),
      { path: 'narrative.procurement.declaredTotal', message: '政府采购预算总额填写为 106.00 万元，货物 5.00 + 工程 0.00 + 服务 100.00 = 105.00 万元' },
    );
  });

  it('procurement-within-expenditure', () => {
    expectRule(
      'procurement-within-expenditure',
      auditOf((i) => {
        i.narrative.procurement = { goods: '5.00', works: '0', services: '400.00' };
      }),
      { message: '政府采购预算总额 405.00 万元超过支出总计 348.00 万元' },
    );
  });

  it('performance-managed-matches-t12: count and amount, each group', () => {
    const found = expectRule(
      'performance-managed-matches-t12',
      auditOf((i) => {
        i.narrative.performance.managed = { count: 3, amount: '202.50' };
        i.narrative.performance.managedSpecific = { count: 1, amount: '50.00' };
      }),
      { count: 2, path: 'narrative.performance.managed', message: '纳入绩效目标管理的1级项目填写为 3 个、202.50 万元，按预算公开表12为 2 个、202.50 万元' },
    );
    expect(found[1]!.message).toBe('其中特定目标类项目填写为 1 个、50.00 万元，按预算公开表12为 1 个、52.00 万元');
  });

  it('performance-published-matches-sheets', () => {
    expectRule(
      'performance-published-matches-sheets',
      auditOf((i) => {
        i.narrative.performance.published = { count: 3, amount: '202.50' };
      }),
      { path: 'narrative.performance.published', message: '公开项目绩效目标填写为 3 个、202.50 万元，按对应预算公开表12项目的绩效目标表为 2 个、202.50 万元' },
    );
    // A sheet that belongs to no project is not counted, and the message says so.
    const d = auditOf((i) => {
      i.performanceSheets!.push({ ...i.performanceSheets![0]!, project: '公用经费项目' });
      i.narrative.performance.published = { count: 3, amount: '202.50' };
    });
    expect(of(d, 'performance-published-matches-sheets')[0]!.message).toMatch(/共 3 张绩效目标表，其中 1 张不对应预算公开表12项目，未计入/);
  });

  it('performance-parts-sum: 其他运转类 + 特定目标类 = 合计 on the declared figures', () => {
    expectRule(
      'performance-parts-sum',
      auditOf((i) => {
        i.narrative.performance.managedOperating = { count: 2, amount: '150.50' };
      }),
      {
        path: 'narrative.performance.managed',
        message: '纳入绩效目标管理的项目合计 2 个、202.50 万元，而其他运转类 2 个、150.50 万元 + 特定目标类 1 个、52.00 万元 = 3 个、202.50 万元',
      },
    );
  });

  it('performance-published-share: compared after rounding the derived share', () => {
    expectRule(
      'performance-published-share',
      auditOf((i) => {
        i.narrative.performance.declaredPublishedShare = '99.38';
      }),
      {
        path: 'narrative.performance.declaredPublishedShare',
        message: /填写为 99\.38%，按公开项目金额 202\.50 万元 \/ 预算公开表12项目支出合计 202\.50 万元计算为 100\.00%（以支出总计 348\.00 万元为分母则为 58\.19%，也不是填写值）/,
      },
    );
    // A share that only differs beyond two decimals passes: 150.50 / 202.50 = 74.3209…%.
    const ok = auditOf((i) => {
      i.performanceSheets!.pop();
      i.narrative.performance.published = { count: 1, amount: '150.50' };
      i.narrative.performance.declaredPublishedShare = '74.32';
    });
    expect(of(ok, 'performance-published-share')).toEqual([]);
    const slip = auditOf((i) => {
      i.narrative.performance.declaredPublishedShare = '58.19';
    });
    expect(of(slip, 'performance-published-share')[0]!.message).toMatch(/填写值似以支出总计 348\.00 万元为分母/);
  });

  it('vehicles-actual-equals-kinds', () => {
    expectRule(
      'vehicles-actual-equals-kinds',
      auditOf((i) => {
        i.narrative.assets.vehicles!.declaredActual = 3;
      }),
      { path: 'narrative.assets.vehicles.declaredActual', message: '实有公务用车填写为 3 辆，各类车辆之和为 2 辆' },
    );
  });

  it('vehicles-within-quota', () => {
    expectRule(
      'vehicles-within-quota',
      auditOf((i) => {
        i.narrative.assets.vehicles!.quota = 1;
      }),
      { message: '实有公务用车 2 辆超过编制 1 辆' },
    );
  });

  it('equipment-over100-within-over50', () => {
    expectRule(
      'equipment-over100-within-over50',
      auditOf((i) => {
        i.narrative.assets.equipmentOver100 = 2;
      }),
      { path: 'narrative.assets.equipmentOver100' },
    );
  });

  it('narrative-items-match-t6: the set of 表6 items with a non-zero amount', () => {
    const found = expectRule(
      'narrative-items-match-t6',
      auditOf((i) => {
        i.narrative.personnelItems = ['基本工资'];
        i.narrative.publicItems = ['办公费', '印刷费'];
      }),
      { count: 2, path: 'narrative.personnelItems', message: '人员经费主要包括的科目与预算公开表6不一致：缺少预算公开表6中有人员经费的科目：津贴补贴' },
    );
    expect(found[1]!.message).toBe('公用经费主要包括的科目与预算公开表6不一致：缺少预算公开表6中有公用经费的科目：差旅费、公务接待费、公务用车运行维护费；预算公开表6中没有公用经费金额的科目：印刷费');
  });

  it('three-public-reason-missing', () => {
    expectRule(
      'three-public-reason-missing',
      auditOf((i) => {
        delete i.narrative.reasons.threePublic;
        delete i.narrative.lastYear!.threePublic;
      }),
      { count: 2, path: 'narrative.reasons', message: /“三公”经费预算 5\.00 万元，但没有填写增减变动原因/ },
    );
    // No 三公 at all: nothing to explain.
    expect(
      of(
        auditOf((i) => {
          i.threePublic = {};
          delete i.narrative.reasons.threePublic;
        }),
        'three-public-reason-missing',
      ),
    ).toEqual([]);
  });

  it('operating-costs-reason-missing', () => {
    expectRule(
      'operating-costs-reason-missing',
      auditOf((i) => {
        delete i.narrative.reasons.operatingCosts;
      }),
      { count: 1, message: /机关运行经费预算 25\.00 万元，但没有填写增减变动原因/ },
    );
  });

  it('operating-costs-within-public-costs', () => {
    expectRule(
      'operating-costs-within-public-costs',
      auditOf((i) => {
        i.operatingCosts[0]!.funds.generalBudget = '40.00';
      }),
      { message: /预算公开表11机关运行经费（一般公共预算）40\.00 万元超过预算公开表6公用经费 30\.25 万元/ },
    );
  });

  it('last-year-balanced', () => {
    expectRule(
      'last-year-balanced',
      auditOf((i) => {
        i.narrative.lastYear!.expenditureTotal = 301;
      }),
      { message: '上年预算收入总计 300.00 万元与支出总计 301.00 万元不一致' },
    );
  });

  it('glossary-duplicate-term', () => {
    expectRule(
      'glossary-duplicate-term',
      auditOf((i) => {
        i.glossary!.entries.push({ term: '示例术语', definition: ['又一条。'] });
      }),
      { path: 'glossary.entries[2].term', related: ['glossary.entries[1].term'] },
    );
  });
});

describe('a list typed into one paragraph', () => {
  it('is said as such, at that paragraph, once — not as the same names missing and absent', () => {
    const found = auditOf((i) => {
      i.narrative.personnelItems = ['基本工资、津贴补贴等'];
    }).filter((d) => d.rule === 'narrative-items-match-t6');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'narrative.personnelItems[0]' });
    expect(found[0]!.message).toBe('人员经费主要包括的科目每段只写一个科目名称，这一段写了几个（“基本工资、津贴补贴等”）：请拆成几段，每段一个，如“基本工资”；不写时按预算公开表6列出');
  });
});
