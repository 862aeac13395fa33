import { fromFunds, isZeroSources } from '../derive/funds.js';
import { defineRule, type Finding, type Rule } from './rule.js';

/*
 * 5, 12 — projects and units.
 */

export const projectUnitKnown = defineRule({
  id: 'project-unit-known',
  severity: 'error',
  title: '项目所属单位须为本部门预算单位',
  find({ data }) {
    const units = new Set(data.department.units.map((u) => u.name));
    const out: Finding[] = [];
    for (const [list, table, key] of [
      [data.projects, '表12', 'projects'],
      [data.carryoverProjects, '表13', 'carryoverProjects'],
    ] as const)
      list.forEach((p, i) => {
        if (!units.has(p.unit))
          out.push({
            path: `${key}[${i}].unit`,
            related: ['department.units'],
            message: `${table}项目“${p.name}”的单位“${p.unit}”不是本部门的预算单位（department.units）`,
          });
      });
    return out;
  },
});

export const operatingUnitKnown = defineRule({
  id: 'operating-unit-known',
  severity: 'error',
  title: '机关运行经费的单位须为本部门预算单位',
  find({ data }) {
    const units = new Set(data.department.units.map((u) => u.name));
    return data.operatingCosts.flatMap((o, i) =>
      units.has(o.unit)
        ? []
        : [{ path: `operatingCosts[${i}].unit`, related: ['department.units'], message: `表11机关运行经费的单位“${o.unit}”不是本部门的预算单位（department.units）` }],
    );
  },
});

export const operatingUnitDuplicate = defineRule({
  id: 'operating-unit-duplicate',
  severity: 'warning',
  title: '机关运行经费每个单位一行',
  find({ data }) {
    const first = new Map<string, number>();
    const out: Finding[] = [];
    data.operatingCosts.forEach((o, i) => {
      const k = first.get(o.unit);
      if (k === undefined) first.set(o.unit, i);
      else out.push({ path: `operatingCosts[${i}]`, related: [`operatingCosts[${k}]`], message: `表11单位“${o.unit}”出现两次` });
    });
    return out;
  },
});

export const emptyProjectWithZeroAmount = defineRule({
  id: 'empty-project-with-zero-amount',
  severity: 'warning',
  title: '表12、表13的项目金额不全为零',
  find({ data }) {
    const out: Finding[] = [];
    for (const [list, table, key] of [
      [data.projects, '表12', 'projects'],
      [data.carryoverProjects, '表13', 'carryoverProjects'],
    ] as const)
      list.forEach((p, i) => {
        if (isZeroSources(fromFunds(p.funds)))
          out.push({ path: `${key}[${i}].funds`, message: `${table}项目“${p.name}”各资金来源金额均为 0，将印成空行` });
      });
    return out;
  },
});

export const projectRules: Rule[] = [projectUnitKnown, operatingUnitKnown, operatingUnitDuplicate, emptyProjectWithZeroAmount];
