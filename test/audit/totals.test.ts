import { describe, expect, it } from 'vitest';
import { D } from '../../src/derive/decimal.js';
import { audit } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import { Department } from '../../src/schema/index.js';
import { DEFAULT_GLOSSARY, minimalInput } from '../fixtures/minimal.js';
import { auditOf, expectRule, FILE, of } from './helpers.js';

const bump = (x: InstanceType<typeof D>, by = '1') => new D(x).plus(by);

describe('audit: totals across tables', () => {
  it('income-equals-expenditure', () => {
    expectRule('income-equals-expenditure', auditOf(undefined, (d) => void (d.income.total = bump(d.income.total))), {
      message: '预算公开表1收入总计 349.00 万元与支出总计 348.00 万元不一致',
    });
  });

  it('t1-income-equals-t2', () => {
    expectRule(
      't1-income-equals-t2',
      auditOf(undefined, (d) => void (d.income.current = { ...d.income.current, unitFunds: bump(d.income.current.unitFunds, '0.001') })),
      { message: /单位资金：预算公开表1 5\.001 万元，预算公开表2合计 5\.00 万元/ },
    );
  });

  it('t3-equals-t1-expenditure', () => {
    expectRule(
      't3-equals-t1-expenditure',
      auditOf(undefined, (d) => void (d.expenditure.all.basic = { ...d.expenditure.all.basic, total: bump(d.expenditure.all.basic.total) })),
      { message: /基本支出·合计：预算公开表3 135\.25 万元，预算公开表1 136\.25 万元/ },
    );
    expectRule('t3-equals-t1-expenditure', auditOf(undefined, (d) => void (d.byClass['212'] = d.byClass['201']!)), { message: /预算公开表1各类支出之和 596\.00/ });
  });

  it('t4-balance', () => {
    expectRule(
      't4-balance',
      auditOf(undefined, (d) => void (d.income.carryover = { ...d.income.carryover, fiscal: bump(d.income.carryover.fiscal, '5') })),
      { message: '预算公开表4财政拨款收入总计 346.00 万元与支出总计 341.00 万元不一致' },
    );
  });

  it('t5-equals-general-budget', () => {
    expectRule(
      't5-equals-general-budget',
      auditOf(undefined, (d) => void (d.income.current = { ...d.income.current, generalBudget: bump(d.income.current.generalBudget) })),
      { message: '预算公开表5合计 280.75 万元与预算公开表1一般公共预算收入 281.75 万元不一致' },
    );
  });

  it('t6-equals-basic: 人员 + 公用 = 表5 基本支出', () => {
    const found = expectRule(
      't6-equals-basic',
      auditOf((i) => {
        i.basicByEconomic[0]!.items[0]!.personnel = '61.00';
      }),
      { path: 'basicByEconomic', message: '预算公开表6合计 131.25 万元与预算公开表5一般公共预算基本支出合计 130.25 万元不一致', count: 1 },
    );
    void found;
    expectRule(
      't6-equals-basic',
      auditOf(undefined, (d) => void (d.basicCosts = { ...d.basicCosts, personnel: bump(d.basicCosts.personnel) })),
      { message: /人员经费 101\.00 万元 \+ 公用经费 30\.25 万元 = 131\.25 万元，与预算公开表6合计 130\.25 万元不一致/ },
    );
  });

  it('t7-equals-t8 (warning)', () => {
    expectRule(
      't7-equals-t8',
      auditOf((i) => {
        i.govFundIncome[0]!.amount = '49.00';
      }),
      { path: 'govFundIncome', message: '预算公开表7政府性基金预算收入合计 49.00 万元与预算公开表8政府性基金预算支出合计 50.00 万元不一致' },
    );
  });

  it('t9-balance (warning)', () => {
    expectRule(
      't9-balance',
      auditOf((i) => {
        i.stateCapitalIncome = [{ name: '国有资本经营收益', amount: '1.00' }];
      }),
      { path: 'stateCapitalIncome', message: '预算公开表9国有资本经营预算收入 1.00 万元与支出 0.00 万元不一致' },
    );
  });

  it('t12-equals-project-expenditure', () => {
    expectRule(
      't12-equals-project-expenditure',
      auditOf((i) => {
        i.projects[0]!.funds.generalBudget = '100.00';
      }),
      { path: 'projects', related: ['expenditure.lines'], message: /一般公共预算：预算公开表12 150\.00 万元，支出表 150\.50 万元/ },
    );
  });

  it('t13-equals-carryover-projects', () => {
    expectRule(
      't13-equals-carryover-projects',
      auditOf((i) => {
        i.carryoverProjects[0]!.funds.generalBudget = '10.00';
      }),
      { path: 'carryoverProjects', message: /一般公共预算：预算公开表13 10\.00 万元，支出表 10\.25 万元/ },
    );
  });
});

describe('audit: 三公 of 表10 against 表6', () => {
  it('three-public-matches-t6: 表6 above 表10 is an error', () => {
    expectRule(
      'three-public-matches-t6',
      auditOf((i) => {
        i.threePublic.reception = { generalBudget: '1.50' };
      }),
      { path: 'threePublic.reception', message: '预算公开表6“公务接待费”2.00 万元多于预算公开表10“公务接待费”（一般公共预算）1.50 万元：预算公开表6只含基本支出，不会多于预算公开表10；请核对两表' },
    );
  });

  it('three-public-matches-t6: 表10 above 表6 with no project to hold the rest is an error', () => {
    // no general-budget project spending in the expenditure tables (the 政府性基金 project stays)
    const found = auditOf((i) => {
      i.threePublic.reception = { generalBudget: '15.00' };
      for (const l of i.expenditure.lines) if (l.project && 'generalBudget' in l.project) delete (l.project as Record<string, unknown>).generalBudget;
      for (const l of i.expenditure.lines) if (l.carryover?.project) delete (l.carryover.project as Record<string, unknown>).generalBudget;
      i.projects = [];
    }).filter((d) => d.rule === 'three-public-matches-t6');
    expect(found).toMatchObject([{ severity: 'error', path: 'threePublic.reception' }]);
    expect(found[0]!.message).toContain('没有一般公共预算项目支出可以列支其余 13.00 万元');
  });

  it('three-public-matches-t6: 项目支出 comes from the expenditure tables, not from 表12 (an empty 表12 list)', () => {
    const all = auditOf((i) => {
      i.threePublic.reception = { generalBudget: '15.00' };
      i.projects = [];
    });
    expect(of(all, 'three-public-matches-t6')).toEqual([]);
    // the rest is asked about as project spending, which the expenditure tables do hold
    expect(of(all, 'three-public-in-projects')).toHaveLength(1);
    for (const d of all) expect(d.message).not.toMatch(/没有一般公共预算项目支出/);
    expect(of(all, 't12-equals-project-expenditure')).toMatchObject([{ message: '预算公开表12没有列出任何项目，而支出表本年项目支出为 202.50 万元：请逐项列出这些项目（各项目之和应等于支出表的项目支出）' }]);
  });

  it('t12-equals-project-expenditure asks for a project list only of a set that prints one', () => {
    const input = minimalInput();
    input.projects = [];
    const data = Department.parse(input);
    const derived = derive(data, { glossary: DEFAULT_GLOSSARY });
    const rule = (printed?: (source: string) => boolean) => of(audit(data, derived, FILE, printed ? { printed } : {}), 't12-equals-project-expenditure');
    // a set whose tables print no project list (the Shanghai nine): nothing to ask for
    expect(rule((s) => s !== 'projectRows')).toEqual([]);
    // one that prints it, or a set not known: the list is asked for
    expect(rule((s) => s === 'projectRows')).toHaveLength(1);
    expect(rule()).toHaveLength(1);
    // a list that is given is checked whatever the set prints
    const listed = minimalInput();
    const one = listed.projects[0]!;
    listed.projects = [one];
    const d2 = Department.parse(listed);
    const found = of(audit(d2, derive(d2, { glossary: DEFAULT_GLOSSARY }), FILE, { printed: (s) => s !== 'projectRows' }), 't12-equals-project-expenditure');
    expect(found.length).toBe(of(auditOf((i) => void (i.projects = [one])), 't12-equals-project-expenditure').length);
    expect(found.length).toBeGreaterThan(0);
  });

  it('three-public: a 万元 figure agrees with the 元 figure that prints as it', () => {
    // 表6 holds 0.8265 万元 (8,265 元 entered exactly); 表10 states 0.83 万元, its rounding
    const all = auditOf((i) => {
      const g = i.basicByEconomic.find((x) => x.items.some((it) => it.code === '30217'))!;
      const item = g.items.find((it) => it.code === '30217')! as Record<string, unknown>;
      item.public = '0.8265';
      const other = g.items.find((it) => it.code !== '30217' && it.code !== '30231' && 'public' in it) as Record<string, unknown> | undefined;
      expect(other, 'another public item absorbs the difference').toBeDefined();
      expect(other!.public).toBe('15.25');
      other!.public = '16.4235'; // 15.25 + (2.00 − 0.8265): 表6 keeps its total
      i.threePublic.reception = { generalBudget: '0.83' };
    });
    expect(of(all, 'three-public-matches-t6')).toEqual([]);
    expect(of(all, 'three-public-in-projects')).toEqual([]);
    // two exact figures that differ are still told apart
    const apart = auditOf((i) => {
      i.threePublic.reception = { generalBudget: '2.01' };
    });
    expect(of(apart, 'three-public-in-projects')).toHaveLength(1);
  });

  it('three-public-in-projects: 表10 above 表6 is asked about when projects could hold it', () => {
    expectRule(
      'three-public-in-projects',
      auditOf((i) => {
        i.threePublic.reception = { generalBudget: '15.00' };
      }),
      { path: 'threePublic.reception', message: /比预算公开表6“公务接待费”2\.00 万元多 13\.00 万元：这部分应列在项目支出中，请确认/ },
    );
  });
});
