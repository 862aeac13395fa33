import { repeats } from '../diagnostics/index.js';
import { at, figure, money, printedIn } from '../diagnostics/place.js';
import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { Checked } from '../derive/types.js';
import { inOperatingScope } from './projects.js';
import { defineRule, eq, pct, total, type Finding, type Rule } from './rule.js';

/*
 * 7–10 — the narrative's figures: what was typed by hand against what the tables give.
 */

export const procurementTotalEqualsParts = defineRule({
  id: 'procurement-total-equals-parts',
  severity: 'warning',
  title: '政府采购预算总额等于货物+工程+服务',
  find({ derived }) {
    const p = derived.narrative.procurement;
    if (p.total.declared === undefined || printedAs(p.total.declared, p.total.derived)) return [];
    return [
      {
        path: 'narrative.procurement.declaredTotal',
        related: ['narrative.procurement.goods', 'narrative.procurement.works', 'narrative.procurement.services'],
        message: `政府采购预算总额填写为 ${money(p.total.declared)}，货物 ${figure(p.goods)} + 工程 ${figure(p.works)} + 服务 ${figure(p.services)} = ${money(p.total.derived)}`,
      },
    ];
  },
});

export const procurementWithinExpenditure = defineRule({
  id: 'procurement-within-expenditure',
  // 政府采购 is part of the spending the totals print: more than all of it is a published contradiction
  severity: 'error',
  title: '政府采购预算不超过支出总计',
  find({ derived }) {
    const t = derived.narrative.procurement.total.printed;
    if (new D(t).lte(new D(derived.expenditure.total))) return [];
    return [
      {
        path: 'narrative.procurement',
        related: ['expenditure.lines'],
        message: `政府采购预算总额 ${money(t)}超过支出总计 ${money(derived.expenditure.total)}`,
      },
    ];
  },
});

type CountAmount = { count: number; amount: Decimal };

/**
 * A figure typed from a published document (two decimals) agrees with the exact derived figure
 * when it is what that figure prints as: rounding is never reported as a difference.
 */
function printedAs(declared: Decimal, derived: Decimal): boolean {
  return eq(declared, new D(derived).toDecimalPlaces(2, D.ROUND_HALF_UP)) || eq(declared, derived);
}

function countAmountDiff(c: Checked<CountAmount> | null): string | undefined {
  if (c === null || c.declared === undefined) return undefined;
  const sameCount = c.declared.count === c.derived.count;
  const sameAmount = printedAs(c.declared.amount, c.derived.amount);
  if (sameCount && sameAmount) return undefined;
  return `填写为 ${c.declared.count} 个、${money(c.declared.amount)}`;
}

const PERFORMANCE_NAMES = {
  managed: '纳入绩效目标管理的1级项目',
  managedOperating: '其中其他运转类项目',
  managedSpecific: '其中特定目标类项目',
  published: '公开项目绩效目标',
  publishedOperating: '公开的其他运转类项目',
  publishedSpecific: '公开的特定目标类项目',
} as const;

export const performanceManagedMatchesT12 = defineRule({
  id: 'performance-managed-matches-t12',
  severity: 'warning',
  title: `纳入绩效目标管理的项目个数、金额与${printedIn('projectRows')}一致`,
  find({ derived }) {
    const perf = derived.narrative.performance;
    return (['managed', 'managedOperating', 'managedSpecific'] as const).flatMap((k): Finding[] => {
      const diff = countAmountDiff(perf[k]);
      if (!diff) return [];
      const d = perf[k]!.derived;
      return [
        {
          path: `narrative.performance.${k}`,
          related: ['projects'],
          message: `${PERFORMANCE_NAMES[k]}${diff}，按${printedIn('projectRows')}为 ${d.count} 个、${money(d.amount)}`,
        },
      ];
    });
  },
});

export const performancePublishedMatchesSheets = defineRule({
  id: 'performance-published-matches-sheets',
  severity: 'warning',
  title: '公开项目绩效目标的个数、金额与绩效目标表一致',
  find({ derived }) {
    const perf = derived.narrative.performance;
    const sheets = derived.sheets.length;
    const unmatched = derived.sheets.filter((s) => s.projectIndex === undefined).length;
    const note = unmatched ? `（共 ${sheets} 张绩效目标表，其中 ${unmatched} 张不对应${printedIn('projectRows')}项目，未计入）` : '';
    return (['published', 'publishedOperating', 'publishedSpecific'] as const).flatMap((k): Finding[] => {
      const diff = countAmountDiff(perf[k]);
      if (!diff) return [];
      const d = perf[k]!.derived;
      return [
        {
          path: `narrative.performance.${k}`,
          related: ['performanceSheets'],
          message: `${PERFORMANCE_NAMES[k]}${diff}，按对应${printedIn('projectRows')}项目的绩效目标表为 ${d.count} 个、${money(d.amount)}${note}`,
        },
      ];
    });
  },
});

export const performancePartsSum = defineRule({
  id: 'performance-parts-sum',
  severity: 'warning',
  title: '其他运转类+特定目标类=合计（绩效管理情况）',
  find({ derived }) {
    const perf = derived.narrative.performance;
    const out: Finding[] = [];
    for (const [all, op, sp, label] of [
      ['managed', 'managedOperating', 'managedSpecific', '纳入绩效目标管理的项目'],
      ['published', 'publishedOperating', 'publishedSpecific', '公开项目绩效目标'],
    ] as const) {
      // Only figures typed by hand can disagree; the derived ones add up by construction; a split not stated is not compared.
      const opC = perf[op];
      const spC = perf[sp];
      if (opC === null || spC === null) continue;
      if (perf[all].declared === undefined && opC.declared === undefined && spC.declared === undefined) continue;
      const a = perf[all].printed;
      const o = opC.printed;
      const s = spC.printed;
      const amount = total([o.amount, s.amount]);
      if (a.count === o.count + s.count && eq(a.amount, amount)) continue;
      out.push({
        path: `narrative.performance.${all}`,
        related: [`narrative.performance.${op}`, `narrative.performance.${sp}`],
        message: `${label}合计 ${a.count} 个、${money(a.amount)}，而其他运转类 ${o.count} 个、${money(o.amount)} + 特定目标类 ${s.count} 个、${money(s.amount)} = ${o.count + s.count} 个、${money(amount)}`,
      });
    }
    return out;
  },
});

export const performancePublishedShare = defineRule({
  id: 'performance-published-share',
  severity: 'warning',
  title: '公开项目金额占项目支出总额的比例与导出值一致',
  find({ derived }) {
    const share = derived.narrative.performance.publishedShare;
    if (share.declared === undefined) return [];
    const rounded = new D(share.derived).toDecimalPlaces(2, D.ROUND_HALF_UP);
    if (eq(new D(share.declared), rounded)) return [];
    const published = derived.narrative.performance.published.derived.amount;
    // A common slip is dividing by the whole expenditure: say what that would give.
    const expenditure = derived.expenditure.total;
    const alt = expenditure.isZero() ? undefined : new D(published).times(100).div(new D(expenditure));
    const altNote =
      alt === undefined
        ? ''
        : eq(new D(share.declared), alt.toDecimalPlaces(2, D.ROUND_HALF_UP))
          ? `；填写值似以支出总计 ${money(expenditure)}为分母`
          : `（以支出总计 ${money(expenditure)}为分母则为 ${pct(alt)}%，也不是填写值）`;
    return [
      {
        path: 'narrative.performance.declaredPublishedShare',
        related: ['performanceSheets', 'projects'],
        message: `公开项目金额占部门项目支出总额的比例填写为 ${pct(share.declared)}%，按公开项目金额 ${money(published)} / ${printedIn('projectRows')}项目支出合计 ${money(derived.projectTotal.total)}计算为 ${pct(share.derived)}%${altNote}`,
      },
    ];
  },
});

export const vehiclesActualEqualsKinds = defineRule({
  id: 'vehicles-actual-equals-kinds',
  severity: 'warning',
  title: '实有车辆数等于各类车辆之和',
  find({ derived }) {
    const v = derived.narrative.assets.vehiclesActual;
    if (v === null || v.declared === undefined || v.declared === v.derived) return [];
    return [
      {
        path: 'narrative.assets.vehicles.declaredActual',
        message: `实有公务用车填写为 ${v.declared} 辆，各类车辆之和为 ${v.derived} 辆`,
      },
    ];
  },
});

export const vehiclesWithinQuota = defineRule({
  id: 'vehicles-within-quota',
  severity: 'warning',
  title: '实有公务用车不超过编制',
  find({ derived }) {
    const quota = derived.narrative.assets.vehicles.quota;
    const actual = derived.narrative.assets.vehiclesActual?.printed;
    if (quota === null || actual === undefined || actual <= quota) return [];
    return [{ path: 'narrative.assets.vehicles', message: `实有公务用车 ${actual} 辆超过编制 ${quota} 辆` }];
  },
});

export const equipmentOver100WithinOver50 = defineRule({
  id: 'equipment-over100-within-over50',
  severity: 'warning',
  title: '100万元以上设备数不超过50万元以上设备数',
  find({ derived }) {
    const a = derived.narrative.assets;
    if (a.equipmentOver100 === null || a.equipmentOver50 === null || a.equipmentOver100 <= a.equipmentOver50) return [];
    return [
      {
        path: 'narrative.assets.equipmentOver100',
        related: ['narrative.assets.equipmentOver50'],
        message: `价值100万元以上的通用设备 ${a.equipmentOver100} 台（套）多于价值50万元以上的 ${a.equipmentOver50} 台（套），而前者包含在后者之中`,
      },
    ];
  },
});

function sameSet(a: readonly string[], b: readonly string[]): { missing: string[]; extra: string[] } {
  return { missing: b.filter((x) => !a.includes(x)), extra: a.filter((x) => !b.includes(x)) };
}

export const narrativeItemsMatchT6 = defineRule({
  id: 'narrative-items-match-t6',
  severity: 'warning',
  title: `人员经费、公用经费“主要包括”的科目与${printedIn('economicRows')}一致`,
  find({ data, derived }) {
    const out: Finding[] = [];
    for (const [key, label, t6] of [
      ['personnelItems', '人员经费', derived.basicCosts.personnelItems],
      ['publicItems', '公用经费', derived.basicCosts.publicItems],
    ] as const) {
      const given = data.narrative[key];
      if (given === undefined) continue;
      // a list typed into one paragraph ("基本工资、津贴补贴…等"): said as that, at that paragraph
      const typedAsList = given.flatMap((g, i) => (/[、，,；;]/.test(g) ? [i] : []));
      if (typedAsList.length) {
        for (const i of typedAsList)
          out.push({
            path: `narrative.${key}[${i}]`,
            message: `${label}主要包括的科目每段只写一个科目名称，这一段写了几个（“${given[i]!.length > 24 ? `${given[i]!.slice(0, 24)}…` : given[i]}”）：请拆成几段，每段一个，如“${given[i]!.split(/[、，,；;]/)[0]!.trim()}”；不写时按${printedIn('economicRows')}列出`,
          });
        continue;
      }
      const { missing, extra } = sameSet(given, t6);
      if (!missing.length && !extra.length) continue;
      const parts = [
        missing.length ? `缺少${printedIn('economicRows')}中有${label}的科目：${missing.join('、')}` : '',
        extra.length ? `${printedIn('economicRows')}中没有${label}金额的科目：${extra.join('、')}` : '',
      ].filter(Boolean);
      out.push({ path: `narrative.${key}`, related: ['basicByEconomic'], message: `${label}主要包括的科目与${printedIn('economicRows')}不一致：${parts.join('；')}` });
    }
    return out;
  },
});

export const threePublicReasonMissing = defineRule({
  id: 'three-public-reason-missing',
  severity: 'warning',
  title: '有“三公”经费时说明增减变动原因',
  find({ data, derived }) {
    const t = derived.threePublic.total.total;
    const out: Finding[] = [];
    if (!t.isZero() && data.narrative.reasons.threePublic === undefined)
      out.push({ path: 'narrative.reasons', related: ['threePublic'], message: `“三公”经费预算 ${money(t)}，但没有填写增减变动原因（${at('narrative.reasons.threePublic')}）` });
    if (!t.isZero() && derived.narrative.changes.threePublic === null)
      out.push({ path: 'narrative.lastYear', related: ['threePublic'], message: `“三公”经费预算 ${money(t)}，但没有填写上年“三公”经费预算数，无法说明增减` });
    return out;
  },
});

export const operatingCostsReasonMissing = defineRule({
  id: 'operating-costs-reason-missing',
  severity: 'warning',
  title: '有机关运行经费时说明增减变动原因',
  find({ data, derived }) {
    const t = derived.operatingTotal.total;
    const out: Finding[] = [];
    if (!t.isZero() && data.narrative.reasons.operatingCosts === undefined)
      out.push({ path: 'narrative.reasons', related: ['operatingCosts'], message: `机关运行经费预算 ${money(t)}，但没有填写增减变动原因（${at('narrative.reasons.operatingCosts')}）` });
    if (!t.isZero() && derived.narrative.changes.operatingCosts === null)
      out.push({ path: 'narrative.lastYear', related: ['operatingCosts'], message: `机关运行经费预算 ${money(t)}，但没有填写上年机关运行经费预算数，无法说明增减` });
    return out;
  },
});

export const operatingCostsWithinPublicCosts = defineRule({
  id: 'operating-costs-within-public-costs',
  // 机关运行经费 is part of the 公用经费: 机关运行经费 above the basic 公用经费 (or the units' own) is a published contradiction
  severity: 'error',
  title: '机关运行经费（一般公共预算）不超过范围内单位（行政单位、参公单位）的公用经费',
  find({ data, derived }) {
    const op = derived.operatingTotal.generalBudget;
    const units = data.department.units;
    const inScope = units.filter((u) => inOperatingScope(u) !== false);
    const out: Finding[] = [];
    // the in-scope units' own 公用经费, when each of them states it; else the basic-expenditure 公用经费, an upper bound
    if (inScope.length > 0 && inScope.every((u) => u.publicCosts !== undefined)) {
      const scoped = total(inScope.map((u) => new D(String(u.publicCosts))));
      if (!new D(op).lte(scoped))
        out.push({
          path: 'operatingCosts',
          related: inScope.map((u) => `department.units[${units.indexOf(u)}].publicCosts`),
          message: `${printedIn('operatingRows')}机关运行经费（一般公共预算）${money(op)}超过范围内单位（${inScope.map((u) => u.name).join('、')}）的公用经费 ${money(scoped)}；机关运行经费是行政单位、参公单位基本支出中的公用经费`,
        });
      const byName = new Map(units.map((u) => [u.name, u]));
      derived.operatingRows.forEach((r, i) => {
        const u = r.kind === 'item' ? byName.get(r.name) : undefined;
        if (!u || u.publicCosts === undefined || new D(r.funds.generalBudget).lte(new D(String(u.publicCosts)))) return;
        out.push({
          path: `operatingCosts[${data.operatingCosts.findIndex((o) => o.unit === r.name)}]`,
          related: [`department.units[${units.indexOf(u)}].publicCosts`],
          message: `${printedIn('operatingRows')}“${u.name}”机关运行经费（一般公共预算）${money(r.funds.generalBudget)}超过该单位的公用经费 ${money(new D(String(u.publicCosts)))}（第${i}行）`,
        });
      });
      return out;
    }
    const pub = derived.basicCosts.public;
    if (new D(op).lte(new D(pub))) return [];
    return [
      {
        path: 'operatingCosts',
        related: ['basicByEconomic'],
        message: `${printedIn('operatingRows')}机关运行经费（一般公共预算）${money(op)}超过${printedIn('economicRows')}公用经费 ${money(pub)}；机关运行经费是基本支出中的公用经费`,
      },
    ];
  },
});

export const carryoverNotStated = defineRule({
  id: 'carryover-not-stated',
  severity: 'warning',
  title: '说明上年结转：有结转的填写各科目的上年结转金额，没有结转的注明没有上年结转',
  find({ derived }) {
    if (derived.income.carryoverStated) return [];
    return [
      {
        path: 'expenditure',
        message: `没有说明上年结转：各科目都没有上年结转的金额，情况说明因此不提上年结转；确实没有上年结转资金时，请填写${at('expenditure.noCarryover', true)}（印“上年结转0万元”）`,
      },
    ];
  },
});

export const lastYearBalanced = defineRule({
  id: 'last-year-balanced',
  severity: 'warning',
  title: '上年预算收入总计等于支出总计',
  find({ data }) {
    const ly = data.narrative.lastYear;
    // not stated, not compared
    if (!ly || ly.incomeTotal == null || ly.expenditureTotal == null) return [];
    if (eq(new D(String(ly.incomeTotal)), new D(String(ly.expenditureTotal)))) return [];
    return [
      {
        path: 'narrative.lastYear.incomeTotal',
        related: ['narrative.lastYear.expenditureTotal'],
        message: `上年预算收入总计 ${money(new D(String(ly.incomeTotal)))}与支出总计 ${money(new D(String(ly.expenditureTotal)))}不一致`,
      },
    ];
  },
});

export const glossaryDuplicateTerm = defineRule({
  id: 'glossary-duplicate-term',
  severity: 'warning',
  title: '名词解释的名词不重复',
  find({ data }) {
    return repeats(data.glossary?.entries ?? [], (e) => e.term).map(({ item: e, index: i, firstIndex: k }) => ({
      path: `glossary.entries[${i}].term`,
      related: [`glossary.entries[${k}].term`],
      message: `名词解释“${e.term}”出现两次，只用后一条`,
    }));
  },
});

export const narrativeRules: Rule[] = [
  procurementTotalEqualsParts,
  procurementWithinExpenditure,
  performanceManagedMatchesT12,
  performancePublishedMatchesSheets,
  performancePartsSum,
  performancePublishedShare,
  vehiclesActualEqualsKinds,
  vehiclesWithinQuota,
  equipmentOver100WithinOver50,
  narrativeItemsMatchT6,
  threePublicReasonMissing,
  operatingCostsReasonMissing,
  operatingCostsWithinPublicCosts,
  carryoverNotStated,
  lastYearBalanced,
  glossaryDuplicateTerm,
];
