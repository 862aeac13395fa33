import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partsRules } from '../../src/audit/parts.js';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile } from '../../src/pipeline/index.js';
import { Department } from '../../src/schema/index.js';
import { minimalInput, UNIT_A, UNIT_B } from '../fixtures/minimal.js';
import { readFileSync } from 'node:fs';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import { splitByUnit } from '../support/split-units.js';
import { auditOf, expectRule, of } from './helpers.js';

describe('audit: the optional parts (by kind, by unit, statements, purchases, 中小企业, 执行数)', () => {
  it('unit-funds-by-sum: 事业收入 + 经营收入 + 其他收入 = the line’s 单位资金', () => {
    expectRule(
      'unit-funds-by-sum',
      auditOf((i) => {
        i.expenditure.lines[3]!.unitFundsBy = { business: '3.00', operating: '1.00', other: '2.00' };
      }),
      {
        count: 1,
        path: 'expenditure.lines[3].unitFundsBy',
        related: ['expenditure.lines[3].basic', 'expenditure.lines[3].project'],
        message: '支出功能分类科目“2010650 事业运行”的单位资金（基本支出与项目支出之和）为 5.00 万元，按收入类别填写的事业收入 3.00 + 事业单位经营收入 1.00 + 其他收入 2.00 = 6.00 万元，多 1.00 万元：三项之和须等于单位资金，否则印出的各类收入相加不等于收入合计；请改正三项的金额或该项的单位资金',
      },
    );
    // a split that adds up, and a split of a line without 单位资金 that is all zero, are silent
    expect(of(auditOf((i) => void (i.expenditure.lines[3]!.unitFundsBy = { business: '4.00', other: '1' })), 'unit-funds-by-sum')).toEqual([]);
    expect(of(auditOf((i) => void (i.expenditure.lines[1]!.unitFundsBy = { business: '0' })), 'unit-funds-by-sum')).toEqual([]);
    // a split given where the line has no 单位资金 is said, with the figure it is short of
    expect(of(auditOf((i) => void (i.expenditure.lines[1]!.unitFundsBy = { other: '0.5' })), 'unit-funds-by-sum')[0]!.message).toMatch(/单位资金（基本支出与项目支出之和）为 0\.00 万元.*= 0\.50 万元，多 0\.50 万元/);
  });

  it('by-unit-unit-known: every part names a unit of the department, and so does a statement', () => {
    const found = expectRule(
      'by-unit-unit-known',
      auditOf((i) => {
        i.expenditure.lines[1]!.byUnit = [{ unit: '示例中心分部', basic: { generalBudget: '10.00' } }];
        i.basicByEconomic[0]!.items[0]!.byUnit = [{ unit: UNIT_A, personnel: '60.00' }];
        i.threePublic.byUnit = [{ unit: '别的单位', reception: { generalBudget: '1.00' } }];
        i.projectStatements = [statement({ unit: '别的单位' })];
      }),
      { count: 3, path: 'expenditure.lines[1].byUnit[0].unit', related: ['department.units'] },
    );
    expect(found[0]!.message).toBe(`支出功能分类科目“2010301 行政运行”按单位的分配中的单位“示例中心分部”不是本部门的预算单位（department.units：“${UNIT_A}”、“${UNIT_B}”）：按单位的分配只能分给本部门的预算单位，请改为其中之一`);
    expect(found.map((d) => d.path)).toEqual(['expenditure.lines[1].byUnit[0].unit', 'threePublic.byUnit[0].unit', 'projectStatements[0].unit']);
    expect(found[2]!.message).toMatch(/^项目经费情况说明“系统运维费”所属单位“别的单位”不是本部门的预算单位/);
  });

  it('by-unit-parts-sum: the parts never exceed the whole, per field', () => {
    const found = expectRule(
      'by-unit-parts-sum',
      auditOf((i) => {
        // 一般行政管理事务: 150.50 project and 10.25 carried over; the parts give 150.50 + 0.50 and 11.00
        i.expenditure.lines[2]!.byUnit = [
          { unit: UNIT_A, project: { generalBudget: '150.50' }, carryover: { project: { generalBudget: '11.00' } } },
          { unit: UNIT_B, project: { generalBudget: '0.50' } },
        ];
        i.basicByEconomic[1]!.items[0]!.byUnit = [{ unit: UNIT_A, public: '16.00' }];
        i.threePublic.byUnit = [{ unit: UNIT_B, vehicleOperation: { generalBudget: '3.50' } }];
      }),
      { count: 3, path: 'expenditure.lines[2].byUnit', related: ['expenditure.lines[2]'] },
    );
    expect(found[0]!.message).toBe(
      '支出功能分类科目“2010302 一般行政管理事务”的本年项目支出·一般公共预算为 150.50 万元，各单位的分配之和为 151.00 万元，多出 0.50 万元（另有 1 处）：各单位的分配不能超过总额，否则单位预算合计大于部门预算；请减少各单位的分配或核对总额',
    );
    expect(found[1]).toMatchObject({ path: 'basicByEconomic[1].items[0].byUnit' });
    expect(found[1]!.message).toMatch(/^预算公开表6经济科目“30201 办公费”的公用经费为 15\.25 万元，各单位的分配之和为 16\.00 万元，多出 0\.75 万元：/);
    expect(found[2]).toMatchObject({ path: 'threePublic.byUnit' });
    expect(found[2]!.message).toMatch(/“三公”经费的公务用车运行维护费·一般公共预算为 3\.00 万元，各单位的分配之和为 3\.50 万元，多出 0\.50 万元/);
  });

  it('by-unit-parts-sum: when every unit is given, the parts sum to the whole exactly', () => {
    const split = (b: string) =>
      auditOf((i) => {
        i.expenditure.lines[1]!.byUnit = [
          { unit: UNIT_A, basic: { generalBudget: '90.00' } },
          { unit: UNIT_B, basic: { generalBudget: b } },
        ];
      });
    const found = of(split('9.00'), 'by-unit-parts-sum');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      '支出功能分类科目“2010301 行政运行”已为全部 2 个预算单位填写分配，本年基本支出·一般公共预算之和为 99.00 万元，总额为 100.00 万元，少 1.00 万元：各单位之和须等于总额，否则单位预算合计小于部门预算；请补足各单位的分配或核对总额',
    );
    expect(of(split('10.00'), 'by-unit-parts-sum')).toEqual([]);
    // one unit given, less than the whole: the rest stays with the department (the document stage says it)
    expect(of(auditOf((i) => void (i.expenditure.lines[1]!.byUnit = [{ unit: UNIT_A, basic: { generalBudget: '90.00' } }])), 'by-unit-parts-sum')).toEqual([]);
  });

  it('statement-parts-sum: the parts of a project statement sum to its total (a warning: the total is typed)', () => {
    expectRule(
      'statement-parts-sum',
      auditOf((i) => {
        i.projectStatements = [statement({ budget: { total: '150.50', parts: [{ name: '运维', amount: '100.00' }, { name: '升级', amount: '50.00' }] } })];
      }),
      {
        count: 1,
        path: 'projectStatements[0].budget.total',
        related: ['projectStatements[0].budget.parts'],
        message: '项目经费情况说明“系统运维费”的年度项目总预算填写为 150.50 万元，其中各部分之和为 150.00 万元，少 0.50 万元：说明中的总预算与各部分合计将不一致；请核对总预算或各部分的金额',
      },
    );
  });

  it('statement-matches-project: the statement’s project is listed, of its unit and amount', () => {
    const found = expectRule(
      'statement-matches-project',
      auditOf((i) => {
        i.projectStatements = [statement({ project: '系统运维' }), statement({ unit: UNIT_B, budget: { total: '150.00', parts: [{ name: '运维', amount: '150.00' }] } })];
      }),
      { count: 3, path: 'projectStatements[0].project', related: ['projects'] },
    );
    expect(found[0]!.message).toBe('项目经费情况说明“系统运维”在预算公开表12中没有同名项目：请核对项目名称，与预算公开表12中的写法一致');
    expect(found[1]).toMatchObject({ path: 'projectStatements[1].unit', related: ['projects[0].unit'] });
    expect(found[1]!.message).toBe(`项目经费情况说明“系统运维费”所属单位为“${UNIT_B}”，预算公开表12中该项目属“${UNIT_A}”：请核对所属单位`);
    expect(found[2]!.message).toBe('项目经费情况说明“系统运维费”的年度项目总预算为 150.00 万元，预算公开表12中该项目为 150.50 万元，相差 0.50 万元：请核对两处金额');
    // a department that lists no projects (Shanghai publishes 项目支出 by 项 only): nothing to match
    expect(of(auditOf((i) => {
      i.projects = [];
      i.performanceSheets = [];
      i.projectStatements = [statement({ project: '别的项目' })];
    }), 'statement-matches-project')).toEqual([]);
  });

  it('planned-vehicles-equal-kinds: the declared number of planned vehicles is the sum of the kinds', () => {
    expectRule(
      'planned-vehicles-equal-kinds',
      auditOf((i) => {
        i.narrative.assets.planned = { vehicles: { lawEnforcement: 1, other: 1 }, declaredVehicles: 3 };
      }),
      {
        count: 1,
        path: 'narrative.assets.planned.declaredVehicles',
        related: ['narrative.assets.planned.vehicles'],
        message: '本年预算安排购置车辆填写为 3 辆，各类车辆之和为 2 辆，多 1 辆：说明中的总数与“其中”各类将不一致；请核对购置车辆总数或各类数量',
      },
    );
    expect(of(auditOf((i) => void (i.narrative.assets.planned = { vehicles: { lawEnforcement: 1, other: 1 }, declaredVehicles: 2 })), 'planned-vehicles-equal-kinds')).toEqual([]);
    expect(of(auditOf((i) => void (i.narrative.assets.planned = { declaredVehicles: 2 })), 'planned-vehicles-equal-kinds')).toEqual([]);
  });

  it('small-business-within-procurement: the 中小企业 part is at most the procurement total', () => {
    expectRule(
      'small-business-within-procurement',
      auditOf((i) => {
        i.narrative.procurement.smallBusiness = '126.00';
      }),
      {
        count: 1,
        path: 'narrative.procurement.smallBusiness',
        related: ['narrative.procurement'],
        message: '政府采购预算中面向中小企业的部分填写为 126.00 万元，超过政府采购预算总额 105.00 万元，多 21.00 万元：“占政府采购预算的%”将印成 120.00%；请核对面向中小企业的金额或货物、工程、服务的金额',
      },
    );
    expect(of(auditOf((i) => void (i.narrative.procurement.smallBusiness = '105.00')), 'small-business-within-procurement')).toEqual([]);
  });

  it('last-year-actual-zero-base: a zero 执行数 under a line with 财政拨款 this year', () => {
    expectRule(
      'last-year-actual-zero-base',
      auditOf((i) => {
        i.expenditure.lines[1]!.lastYearActual = '0';
        i.expenditure.lines[2]!.lastYearActual = '120.00';
      }),
      {
        count: 1,
        path: 'expenditure.lines[1].lastYearActual',
        related: ['expenditure.lines[1]'],
        message: '支出功能分类科目“2010301 行政运行”的上年执行数填写为 0，本年财政拨款 100.00 万元，增加 100.00 万元：以 0 为基数算不出增减百分比（印成百分比时会是 0%）；上年确无此项支出的请只说增加额，否则请填写上年执行数',
      },
    );
    // 政府性基金 is 财政拨款 too
    expect(of(auditOf((i) => void (i.expenditure.lines[0]!.lastYearActual = 0)), 'last-year-actual-zero-base')).toHaveLength(1);
    // a line without 财政拨款 this year (单位资金 and 财政专户 only): 0 against 0, nothing to say
    expect(of(auditOf((i) => {
      i.expenditure.lines[3]!.basic = { unitFunds: '35.25' };
      i.expenditure.lines[3]!.lastYearActual = 0;
    }), 'last-year-actual-zero-base').filter((d) => d.path === 'expenditure.lines[3].lastYearActual')).toEqual([]);
  });

  it('a negative 执行数 never reaches the audit: the data is refused when read', () => {
    const input = minimalInput();
    input.expenditure.lines[1]!.lastYearActual = '-1';
    expect(Department.safeParse(input).success).toBe(false);
  });
});

describe('the parts rules on the published data', () => {
  const ids = new Set(partsRules.map((r) => r.id));
  for (const file of ['data/640-zwfw.json', 'data/shanghai-putuo-commerce.json', 'data/examples/yangqu-agriculture-mixed-kinds.json', 'data/examples/yingze-culture-tourism.json', 'data/examples/yuci-government-services.json'])
    it(`are silent on ${file}`, async () => {
      const r = await checkDataFile(path.join(packageRoot(), file));
      expect(r.derived, 'the data derives').toBeDefined();
      expect(r.diagnostics.filter((d) => ids.has(d.rule))).toEqual([]);
    });
  // the examples with every amount given to their units (as the 单位 document tests make them): the splits add up
  for (const file of ['data/examples/yangqu-agriculture-mixed-kinds.json', 'data/examples/yuci-government-services.json'])
    it(`are silent on ${file} split by unit`, () => {
      const data = Department.parse(splitByUnit(JSON.parse(readFileSync(path.join(packageRoot(), file), 'utf8')) as Record<string, unknown>));
      expect(data.expenditure.lines.some((l) => l.byUnit !== undefined), 'the split gives parts').toBe(true);
      const found = audit(data, derive(data, { glossary: [] }), file).filter((d) => ids.has(d.rule));
      expect(found).toEqual([]);
    });
});

type StatementInput = NonNullable<ReturnType<typeof minimalInput>['projectStatements']>[number];

function statement(over: Partial<StatementInput> = {}): StatementInput {
  return {
    project: '系统运维费',
    overview: ['概述。'],
    basis: ['依据。'],
    implementer: UNIT_A,
    plan: ['方案。'],
    period: '2026.1.1-2026.12.31',
    budget: { total: '150.50', parts: [{ name: '运维', amount: '150.50' }] },
    ...over,
  };
}
