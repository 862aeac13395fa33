import { describe, expect, it } from 'vitest';
import { D } from '../../src/derive/decimal.js';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: rollups on the derived model', () => {
  it('subject-rollups: a 项 changed after derivation breaks its 款', () => {
    const found = expectRule(
      'subject-rollups',
      auditOf(undefined, (d) => {
        const item = d.subjectRows.find((r) => r.code === '2010301')!;
        item.current = { ...item.current, basic: { ...item.current.basic, generalBudget: new D('99.99') } };
      }),
    );
    const messages = found.map((f) => f.message).join('\n');
    expect(messages).toMatch(/20103 政府办公厅（室）及相关机构事务：款不等于各项之和，当年预算安排·基本支出·一般公共预算：本行 100\.00 万元，应为 99\.99 万元/);
    // The 项 itself no longer balances: basic + project ≠ total.
    expect(found.some((f) => f.path === 'expenditure.lines[1]' && /行内各栏不平衡/.test(f.message))).toBe(true);
    const section = found.find((f) => f.message.startsWith('20103'))!;
    expect(section.related).toEqual(['expenditure.lines[1]', 'expenditure.lines[2]']);
  });

  it('subject-rollups: 类 ≠ Σ款, 合计 ≠ Σ类, expenditure ≠ tree', () => {
    const found = of(
      auditOf(undefined, (d) => {
        d.byClass['212']!.all = { ...d.byClass['212']!.all, total: { ...d.byClass['212']!.all.total, govFund: new D(0) } };
      }),
      'subject-rollups',
    );
    expect(found.map((f) => f.message).join('\n')).toMatch(/212 城乡社区支出：类不等于各款之和/);
    const total = of(
      auditOf(undefined, (d) => {
        d.subjectRows[0]!.carryover = { ...d.subjectRows[0]!.carryover, project: { ...d.subjectRows[0]!.carryover.project, generalBudget: new D(0) } };
      }),
      'subject-rollups',
    );
    expect(total.map((f) => f.message).join('\n')).toMatch(/合计：合计不等于各类之和/);
    expect(total.map((f) => f.message).join('\n')).toMatch(/合计：与支出合计（预算公开表1\/预算公开表3）不一致/);
  });

  it('subject-rollups: 支出总计 and 收入总计 identities', () => {
    expectRule('subject-rollups', auditOf(undefined, (d) => void (d.expenditure.yearEndCarryover = new D(1))), { message: /支出总计 348\.00 万元不等于本年支出合计 348\.00 万元 \+ 年终结转 1\.00 万元/ });
    expectRule('subject-rollups', auditOf(undefined, (d) => void (d.income.carryover = { ...d.income.carryover, fiscal: new D(0) })), { message: /收入各栏不平衡/ });
  });

  it('table-rollups: 表12 unit ≠ Σ projects', () => {
    expectRule(
      'table-rollups',
      auditOf(undefined, (d) => {
        d.projectRows[1]!.funds = { ...d.projectRows[1]!.funds, generalBudget: new D('100'), fiscal: new D('150'), total: new D('150') };
      }),
      { path: 'projects', message: /预算公开表12单位“示例中心”不等于其项目之和，一般公共预算：单位行 100\.00 万元，项目之和 100\.50 万元/ },
    );
  });

  it('table-rollups: 表13 department row ≠ Σ units', () => {
    expectRule(
      'table-rollups',
      auditOf(undefined, (d) => {
        d.carryoverProjectRows[0]!.funds = { ...d.carryoverProjectRows[0]!.funds, generalBudget: new D('1'), fiscal: new D('1'), total: new D('1') };
      }),
      { path: 'carryoverProjects', message: /预算公开表13部门合计行不等于各单位之和/ },
    );
  });

  it('table-rollups: 表6 group ≠ Σ items, total ≠ personnel + public', () => {
    const found = expectRule(
      'table-rollups',
      auditOf(undefined, (d) => {
        d.economicRows[2]!.personnel = new D('61');
      }),
    );
    const text = found.map((f) => f.message).join('\n');
    expect(text).toMatch(/预算公开表6“基本工资”合计 60\.00 万元不等于人员经费\+公用经费 61\.00 万元/);
    expect(text).toMatch(/预算公开表6“工资福利支出”人员经费 100\.00 万元不等于明细之和 101\.00 万元/);
  });

  it('table-rollups: 表7 and 表11 totals', () => {
    expectRule('table-rollups', auditOf(undefined, (d) => void (d.govFundIncomeRows[0]!.amount = new D(0))), { path: 'govFundIncome', message: '预算公开表7收入合计 0.00 万元不等于各项收入之和 50.00 万元' });
    expectRule(
      'table-rollups',
      auditOf(undefined, (d) => void (d.operatingTotal = { ...d.operatingTotal, generalBudget: new D(1), total: new D(1) })),
      { path: 'operatingCosts', message: /预算公开表11机关运行经费合计不等于各单位之和/ },
    );
  });

  it('three-public-sums: vehicle = purchase + operation, total = parts', () => {
    expectRule(
      'three-public-sums',
      auditOf(undefined, (d) => void (d.threePublic.vehicle = { ...d.threePublic.vehicle, generalBudget: new D(4), total: new D(4) })),
      { path: 'threePublic', message: /公务用车购置及运行费·一般公共预算：本栏 4\.00 万元，明细之和 3\.00 万元/ },
    );
    expectRule(
      'three-public-sums',
      auditOf(undefined, (d) => void (d.threePublic.total = { ...d.threePublic.total, total: new D(6) })),
      { message: /“三公”经费合计·合计：本栏 6\.00 万元，明细之和 5\.00 万元/ },
    );
  });
});
