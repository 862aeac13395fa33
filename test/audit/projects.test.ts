import { describe, it } from 'vitest';
import { UNIT_A, UNIT_B } from '../fixtures/minimal.js';
import type { DepartmentInput } from '../../src/schema/index.js';
import { expect } from 'vitest';
import { auditOf, expectRule, of } from './helpers.js';

function expectNone(rule: string, mutate: (i: DepartmentInput) => void): void {
  expect(of(auditOf(mutate), rule)).toEqual([]);
}

describe('audit: projects and units', () => {
  it('project-unit-known (表12 and 表13)', () => {
    expectRule(
      'project-unit-known',
      auditOf((i) => {
        i.projects[1]!.unit = '示例分中心';
        i.carryoverProjects[0]!.unit = '旧单位';
      }),
      { count: 2, path: 'projects[1].unit', related: ['department.units'], message: '预算公开表12项目“物业费”的单位“示例分中心”不是本部门的预算单位（department.units：“示例中心”、“示例中心分中心”）' },
    );
  });

  it('operating-unit-known', () => {
    expectRule(
      'operating-unit-known',
      auditOf((i) => {
        i.operatingCosts[0]!.unit = '示例';
      }),
      { path: 'operatingCosts[0].unit', message: /预算公开表11机关运行经费的单位“示例”不是本部门的预算单位/ },
    );
  });

  it('operating-unit-duplicate', () => {
    expectRule(
      'operating-unit-duplicate',
      auditOf((i) => {
        i.operatingCosts = [
          { unit: UNIT_A, funds: { generalBudget: '20.00' } },
          { unit: UNIT_A, funds: { generalBudget: '5.00' } },
        ];
      }),
      { path: 'operatingCosts[1]', related: ['operatingCosts[0]'] },
    );
  });

  it('operating-department-or-units: a department total beside unit rows', () => {
    expectRule(
      'operating-department-or-units',
      auditOf((i) => {
        i.operatingCosts.push({ funds: { generalBudget: '25.00' } });
      }),
      { path: 'operatingCosts[1].unit', related: ['operatingCosts[0]'] },
    );
  });

  it('operating-unit-in-scope: 机关运行经费 listed for a 事业单位', () => {
    expectRule(
      'operating-unit-in-scope',
      auditOf((i) => {
        i.department.units[0]!.kind = '事业单位';
      }),
      { path: 'operatingCosts[0].unit', message: /是事业单位.*只含行政单位和参照公务员法管理的事业单位/ },
    );
    // a 参公 unit, or a 事业单位 the department puts in scope, is fine
    expectNone('operating-unit-in-scope', (i) => (i.department.units[0]!.kind = '参照公务员法管理事业单位'));
    expectNone('operating-unit-in-scope', (i) => {
      i.department.units[0]!.kind = '事业单位';
      i.department.units[0]!.operatingScope = true;
    });
  });

  it('operating-costs-within-public-costs: against the in-scope units’ own 公用经费 when they state it', () => {
    // 表6 公用经费 is 30.25 (more than 25.00), but the in-scope unit states 20.00 of it
    expectRule(
      'operating-costs-within-public-costs',
      auditOf((i) => {
        i.department.units[0]!.kind = '行政单位';
        i.department.units[0]!.publicCosts = '20.00';
        i.department.units[1]!.kind = '事业单位';
        i.department.units[1]!.publicCosts = '10.25';
      }),
      { path: 'operatingCosts', message: /超过范围内单位（示例中心）的公用经费 20\.00 万元/ },
    );
    expectNone('operating-costs-within-public-costs', (i) => {
      i.department.units[0]!.kind = '行政单位';
      i.department.units[0]!.publicCosts = '25.00';
      i.department.units[1]!.kind = '事业单位';
    });
  });

  it('empty-project-with-zero-amount', () => {
    expectRule(
      'empty-project-with-zero-amount',
      auditOf((i) => {
        i.projects.push({ unit: UNIT_B, name: '零元项目', category: '特定目标类', funds: { generalBudget: '0' } });
        i.carryoverProjects.push({ unit: UNIT_B, name: '零元结转', funds: {} });
      }),
      { count: 2, path: 'projects[2].funds', message: '预算公开表12项目“零元项目”各资金来源金额均为 0，将印成空行' },
    );
  });
});
