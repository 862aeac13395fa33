import { describe, it } from 'vitest';
import { UNIT_A, UNIT_B } from '../fixtures/minimal.js';
import { auditOf, expectRule } from './helpers.js';

describe('audit: projects and units', () => {
  it('project-unit-known (表12 and 表13)', () => {
    expectRule(
      'project-unit-known',
      auditOf((i) => {
        i.projects[1]!.unit = '示例分中心';
        i.carryoverProjects[0]!.unit = '旧单位';
      }),
      { count: 2, path: 'projects[1].unit', related: ['department.units'], message: '表12项目“物业费”的单位“示例分中心”不是本部门的预算单位（department.units）' },
    );
  });

  it('operating-unit-known', () => {
    expectRule(
      'operating-unit-known',
      auditOf((i) => {
        i.operatingCosts[0]!.unit = '示例';
      }),
      { path: 'operatingCosts[0].unit', message: /表11机关运行经费的单位“示例”不是本部门的预算单位/ },
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

  it('empty-project-with-zero-amount', () => {
    expectRule(
      'empty-project-with-zero-amount',
      auditOf((i) => {
        i.projects.push({ unit: UNIT_B, name: '零元项目', category: '特定目标类', funds: { generalBudget: '0' } });
        i.carryoverProjects.push({ unit: UNIT_B, name: '零元结转', funds: {} });
      }),
      { count: 2, path: 'projects[2].funds', message: '表12项目“零元项目”各资金来源金额均为 0，将印成空行' },
    );
  });
});
