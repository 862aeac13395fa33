import { repeats } from '../diagnostics/index.js';
import { fromFunds } from '../derive/funds.js';
import { closestName } from '../derive/sheets.js';
import { D } from '../derive/decimal.js';
import { yuan } from '../derive/format.js';
import { defineRule, eq, roundsTo, type Finding, type Rule } from './rule.js';
import { money, printedIn } from '../diagnostics/place.js';

/*
 * 6 — the performance sheets against the project list.
 */

const TEN_THOUSAND = new D(10000);

export const sheetProjectUnmatched = defineRule({
  id: 'sheet-project-unmatched',
  severity: 'warning',
  title: `绩效目标表的项目名称与${printedIn('projectRows')}一致`,
  find({ data, derived }) {
    const names = data.projects.map((p) => p.name);
    return derived.sheets.flatMap((s): Finding[] => {
      if (s.matchedProject !== undefined) return [];
      const path = `performanceSheets[${s.index}].project`;
      const name = s.source.project;
      const amount = `年度资金 ${yuan(s.fundsYuan.annual.total.printed)} 元`;
      if (s.nearProject !== undefined) {
        const related = s.projectIndex === undefined ? [] : [`projects[${s.projectIndex}].name`];
        return [
          {
            path,
            related,
            message: `绩效目标表项目“${name}”在${printedIn('projectRows')}中没有同名项目，最接近的是${printedIn('projectRows')}项目“${s.nearProject}”（${amount}；绩效管理情况按该项目计入），请统一名称`,
          },
        ];
      }
      const closest = closestName(name, names);
      if (closest !== undefined) {
        const j = names.indexOf(closest);
        return [
          {
            path,
            related: [`projects[${j}].name`],
            message: `绩效目标表项目“${name}”在${printedIn('projectRows')}中没有同名项目；名称接近的${printedIn('projectRows')}项目“${closest}”已有同名绩效目标表（${amount}；未计入绩效管理情况）`,
          },
        ];
      }
      return [{ path, related: ['projects'], message: `绩效目标表项目“${name}”与${printedIn('projectRows')}的任何项目都不对应（${amount}；未计入绩效管理情况）` }];
    });
  },
});

export const sheetAmountMatchesT12 = defineRule({
  id: 'sheet-amount-matches-t12',
  // the sheet and the project list are both published: a difference beyond rounding is visible to any reader
  severity: 'error',
  title: `绩效目标表年度资金总额等于${printedIn('projectRows')}项目金额`,
  find({ data, derived }) {
    return derived.sheets.flatMap((s): Finding[] => {
      if (s.projectIndex === undefined) return [];
      const p = data.projects[s.projectIndex];
      if (!p) return [];
      const t12 = fromFunds(p.funds).total;
      const annualWan = new D(s.fundsYuan.annual.total.printed).div(TEN_THOUSAND);
      // a project entered in 万元 to two decimals is the sheet's 元 rounded: that is not a difference
      if (eq(annualWan, t12) || roundsTo(annualWan, t12)) return [];
      return [
        {
          path: `performanceSheets[${s.index}].funds.annual`,
          related: [`projects[${s.projectIndex}].funds`],
          message: `绩效目标表“${s.source.project}”年度资金总额 ${yuan(s.fundsYuan.annual.total.printed)} 元（${money(annualWan)}）与${printedIn('projectRows')}项目“${p.name}” ${money(t12)}不一致`,
        },
      ];
    });
  },
});

export const sheetTotalEqualsParts = defineRule({
  id: 'sheet-total-equals-parts',
  severity: 'warning',
  title: '绩效目标表资金总额等于各来源之和',
  find({ derived }) {
    return derived.sheets.flatMap((s) =>
      (['implementation', 'annual'] as const).flatMap((k): Finding[] => {
        const t = s.fundsYuan[k].total;
        if (t.declared === undefined || eq(t.declared, t.derived)) return [];
        return [
          {
            path: `performanceSheets[${s.index}].funds.${k}.declaredTotal`,
            message: `绩效目标表“${s.source.project}”${k === 'annual' ? '年度资金总额' : '实施期资金总额'}填写为 ${yuan(t.declared)} 元，各来源之和为 ${yuan(t.derived)} 元`,
          },
        ];
      }),
    );
  },
});

export const sheetAnnualWithinImplementation = defineRule({
  id: 'sheet-annual-within-implementation',
  severity: 'warning',
  title: '绩效目标表年度资金不超过实施期资金',
  find({ derived }) {
    return derived.sheets.flatMap((s): Finding[] => {
      const annual = new D(s.fundsYuan.annual.total.printed);
      const impl = new D(s.fundsYuan.implementation.total.printed);
      if (annual.lte(impl)) return [];
      return [
        {
          path: `performanceSheets[${s.index}].funds.annual`,
          related: [`performanceSheets[${s.index}].funds.implementation`],
          message: `绩效目标表“${s.source.project}”年度资金总额 ${yuan(annual)} 元超过实施期资金总额 ${yuan(impl)} 元`,
        },
      ];
    });
  },
});

export const projectHasSheet = defineRule({
  id: 'project-has-sheet',
  severity: 'warning',
  title: `${printedIn('projectRows')}每个项目都有绩效目标表`,
  find({ data, derived }) {
    const covered = new Set(derived.sheets.map((s) => s.projectIndex).filter((i) => i !== undefined));
    return data.projects.flatMap((p, i) =>
      covered.has(i) ? [] : [{ path: `projects[${i}]`, related: ['performanceSheets'], message: `${printedIn('projectRows')}项目“${p.name}”（${money(fromFunds(p.funds).total)}）没有绩效目标表` }],
    );
  },
});

export const sheetDuplicate = defineRule({
  id: 'sheet-duplicate',
  severity: 'warning',
  title: '每个项目只有一张绩效目标表',
  find({ derived }) {
    const sheets = derived.sheets;
    return repeats(sheets, (s) => (s.projectIndex !== undefined ? `#${s.projectIndex}` : `name:${s.source.project}`)).map(({ item: s, firstIndex }) => {
      const k = sheets[firstIndex]!.index;
      const project = s.matchedProject ?? s.nearProject ?? s.source.project;
      return { path: `performanceSheets[${s.index}]`, related: [`performanceSheets[${k}]`], message: `项目“${project}”有不止一张绩效目标表（第 ${k + 1} 张与第 ${s.index + 1} 张）` };
    });
  },
});

export const sheetUnitKnown = defineRule({
  id: 'sheet-unit-known',
  severity: 'warning',
  title: '绩效目标表的实施单位为本部门预算单位',
  find({ data, derived }) {
    const units = new Set(data.department.units.map((u) => u.name));
    return derived.sheets.flatMap((s) =>
      units.has(s.source.unit)
        ? []
        : [{ path: `performanceSheets[${s.index}].unit`, related: ['department.units'], message: `绩效目标表“${s.source.project}”的实施单位“${s.source.unit}”不是本部门的预算单位` }],
    );
  },
});

export const sheetRules: Rule[] = [
  sheetProjectUnmatched,
  sheetAmountMatchesT12,
  sheetTotalEqualsParts,
  sheetAnnualWithinImplementation,
  projectHasSheet,
  sheetDuplicate,
  sheetUnitKnown,
];
