import { repeats } from '../diagnostics/index.js';
import { at, printedIn } from '../diagnostics/place.js';
import { fromFunds, isZeroSources } from '../derive/funds.js';
import type { Department } from '../schema/index.js';
import { defineRule, type Finding, type Rule } from './rule.js';

/** Is a unit's 公用经费 机关运行经费? Its own say, else by kind (行政/参公 yes, 事业 no); undefined: unknown. */
export function inOperatingScope(u: Department['department']['units'][number]): boolean | undefined {
  if (u.operatingScope !== undefined) return u.operatingScope;
  if (u.kind === '行政单位' || u.kind === '参照公务员法管理事业单位') return true;
  if (u.kind === '事业单位') return false;
  return undefined;
}

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
      [data.projects, printedIn('projectRows'), 'projects'],
      [data.carryoverProjects, printedIn('carryoverProjectRows'), 'carryoverProjects'],
    ] as const)
      list.forEach((p, i) => {
        if (!units.has(p.unit))
          out.push({
            path: `${key}[${i}].unit`,
            related: ['department.units'],
            message: `${table}项目“${p.name}”的单位“${p.unit}”不是本部门的预算单位（${at('department.units')}：${units.size ? [...units].map((u) => `“${u}”`).join('、') : '还没有填写'}）`,
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
      o.unit === undefined || units.has(o.unit)
        ? []
        : [{ path: `operatingCosts[${i}].unit`, related: ['department.units'], message: `${printedIn('operatingRows')}机关运行经费的单位“${o.unit}”不是本部门的预算单位（${at('department.units')}：${units.size ? [...units].map((u) => `“${u}”`).join('、') : '还没有填写'}）` }],
    );
  },
});

export const operatingDepartmentOrUnits = defineRule({
  id: 'operating-department-or-units',
  severity: 'error',
  title: `${printedIn('operatingRows')}要么按单位列出，要么只有部门合计`,
  find({ data }) {
    const total = data.operatingCosts.findIndex((o) => o.unit === undefined);
    if (total < 0 || data.operatingCosts.length === 1) return [];
    return [
      {
        path: `operatingCosts[${total}].unit`,
        related: data.operatingCosts.flatMap((o, i) => (o.unit === undefined ? [] : [`operatingCosts[${i}]`])),
        message: `${printedIn('operatingRows')}机关运行经费既有按单位的行，又有不写单位的部门合计：部门合计由各单位相加；只知道部门总额时，只写一项不写单位的部门合计`,
      },
    ];
  },
});

export const operatingUnitInScope = defineRule({
  id: 'operating-unit-in-scope',
  severity: 'warning',
  title: `${printedIn('operatingRows')}的单位在机关运行经费范围内（行政单位、参公单位）`,
  find({ data }) {
    const byName = new Map(data.department.units.map((u) => [u.name, u]));
    return data.operatingCosts.flatMap((o, i) => {
      const u = o.unit === undefined ? undefined : byName.get(o.unit);
      if (!u || inOperatingScope(u) !== false || isZeroSources(fromFunds(o.funds))) return [];
      return [
        {
          path: `operatingCosts[${i}].unit`,
          related: [`department.units[${data.department.units.indexOf(u)}]`],
          message: `${printedIn('operatingRows')}为“${u.name}”列了机关运行经费，但它是${u.kind ?? '不在范围内的单位'}${u.operatingScope === false ? `（${at(`department.units[${data.department.units.indexOf(u)}].operatingScope`, false)}）` : ''}：机关运行经费只含行政单位和参照公务员法管理的事业单位的公用经费`,
        },
      ];
    });
  },
});

export const operatingUnitDuplicate = defineRule({
  id: 'operating-unit-duplicate',
  severity: 'warning',
  title: '机关运行经费每个单位一行',
  find({ data }) {
    return repeats(data.operatingCosts, (o) => o.unit ?? '').map(({ item: o, index: i, firstIndex: k }) => ({
      path: `operatingCosts[${i}]`,
      related: [`operatingCosts[${k}]`],
      message: o.unit === undefined ? `${printedIn('operatingRows')}部门合计（不写单位的一项）出现两次` : `${printedIn('operatingRows')}单位“${o.unit}”出现两次`,
    }));
  },
});

export const emptyProjectWithZeroAmount = defineRule({
  id: 'empty-project-with-zero-amount',
  severity: 'warning',
  title: `${printedIn('projectRows')}、${printedIn('carryoverProjectRows')}的项目金额不全为零`,
  find({ data }) {
    const out: Finding[] = [];
    for (const [list, table, key] of [
      [data.projects, printedIn('projectRows'), 'projects'],
      [data.carryoverProjects, printedIn('carryoverProjectRows'), 'carryoverProjects'],
    ] as const)
      list.forEach((p, i) => {
        if (isZeroSources(fromFunds(p.funds)))
          out.push({ path: `${key}[${i}].funds`, message: `${table}项目“${p.name}”各资金来源金额均为 0，将印成空行` });
      });
    return out;
  },
});

export const projectRules: Rule[] = [projectUnitKnown, operatingUnitKnown, operatingDepartmentOrUnits, operatingUnitInScope, operatingUnitDuplicate, emptyProjectWithZeroAmount];
