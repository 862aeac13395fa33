import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import { at, figure, money, printedIn } from '../diagnostics/place.js';
import { FISCAL_SOURCES, SOURCES } from '../schema/common.js';
import type { Department } from '../schema/index.js';
import { defineRule, pct, SOURCE_NAMES, total, type Finding, type Rule } from './rule.js';

/*
 * The optional facts some formats print (income by kind, a line's split by unit, project
 * statements, planned purchases, the 中小企业 share, prior 执行数) are typed by hand and printed
 * as given, so nothing makes them add up. A unit document built from parts that exceed the whole,
 * or 事业收入 + 经营收入 + 其他收入 that are not the 单位资金, prints figures that contradict the
 * department's: those are errors. A declared total that disagrees with its parts is a warning —
 * a published document may carry it, and its data keeps the value.
 */

const unitNames = (data: Department) => data.department.units.map((u) => u.name);
const listUnits = (names: readonly string[]) => (names.length ? names.map((u) => `“${u}”`).join('、') : '还没有填写');
const lineName = (l: { code: string; name: string }) => `支出功能分类科目“${l.code} ${l.name}”`;
const more = (n: number) => (n > 1 ? `（另有 ${n - 1} 处）` : '');
const dec = (x: string | number | undefined | null) => new D(x ?? 0);

export const unitFundsBySum = defineRule({
  id: 'unit-funds-by-sum',
  // the income by kind is printed from the split: a wrong split prints income that is not the total
  severity: 'error',
  title: '单位资金按收入类别的细分（事业收入、事业单位经营收入、其他收入）之和等于该项的单位资金',
  find({ data }) {
    const out: Finding[] = [];
    data.expenditure.lines.forEach((l, i) => {
      const by = l.unitFundsBy;
      if (!by) return;
      const unitFunds = dec(l.basic?.unitFunds).plus(dec(l.project?.unitFunds));
      const parts = total([dec(by.business), dec(by.operating), dec(by.other)]);
      if (parts.eq(unitFunds)) return;
      const diff = parts.minus(unitFunds);
      out.push({
        path: `expenditure.lines[${i}].unitFundsBy`,
        related: [`expenditure.lines[${i}].basic`, `expenditure.lines[${i}].project`],
        message:
          `${lineName(l)}的单位资金（基本支出与项目支出之和）为 ${money(unitFunds)}，按收入类别填写的事业收入 ${figure(dec(by.business))} + 事业单位经营收入 ${figure(dec(by.operating))} + 其他收入 ${figure(dec(by.other))} = ${money(parts)}，` +
          `${diff.isPositive() ? '多' : '少'} ${money(diff.abs())}：三项之和须等于单位资金，否则印出的各类收入相加不等于收入合计；请改正三项的金额或该项的单位资金`,
      });
    });
    return out;
  },
});

/** Where a list of parts by unit is, and what it splits. */
interface Split {
  path: string;
  /** The whole, named in the clerk's terms (“支出功能分类科目“2011301 行政运行””). */
  what: string;
  parts: ReadonlyArray<{ unit: string }>;
  /** Each amount the parts split: its name, the whole's amount and each part's. */
  fields: Array<{ name: string; whole: Decimal; parts: Decimal[] }>;
}

const LINE_PARTS = [
  { name: '本年基本支出', pick: (x: LineAmounts) => x.basic },
  { name: '本年项目支出', pick: (x: LineAmounts) => x.project },
  { name: '上年结转基本支出', pick: (x: LineAmounts) => x.carryover?.basic },
  { name: '上年结转项目支出', pick: (x: LineAmounts) => x.carryover?.project },
] as const;
type Funds = Partial<Record<(typeof SOURCES)[number], string | number>>;
type LineAmounts = { basic?: Funds | undefined; project?: Funds | undefined; carryover?: { basic?: Funds | undefined; project?: Funds | undefined } | undefined };
const THREE_PUBLIC = [
  { key: 'abroad', name: '因公出国（境）费' },
  { key: 'reception', name: '公务接待费' },
  { key: 'vehiclePurchase', name: '公务用车购置费' },
  { key: 'vehicleOperation', name: '公务用车运行维护费' },
] as const;

/** Every list of parts by unit in the data: the 项 lines, the economic items, 三公. */
function splits(data: Department): Split[] {
  const out: Split[] = [];
  data.expenditure.lines.forEach((l, i) => {
    if (!l.byUnit) return;
    const byUnit = l.byUnit;
    out.push({
      path: `expenditure.lines[${i}]`,
      what: lineName(l),
      parts: byUnit,
      fields: LINE_PARTS.flatMap((p) => SOURCES.map((k) => ({ name: `${p.name}·${SOURCE_NAMES[k]}`, whole: dec(p.pick(l)?.[k]), parts: byUnit.map((u) => dec(p.pick(u)?.[k])) }))),
    });
  });
  data.basicByEconomic.forEach((g, gi) =>
    g.items.forEach((it, ii) => {
      if (!it.byUnit) return;
      const byUnit = it.byUnit;
      out.push({
        path: `basicByEconomic[${gi}].items[${ii}]`,
        what: `${printedIn('economicRows')}经济科目“${it.code ? `${it.code} ` : ''}${it.name}”`,
        parts: byUnit,
        fields: [
          { name: '人员经费', whole: dec(it.personnel), parts: byUnit.map((u) => dec(u.personnel)) },
          { name: '公用经费', whole: dec(it.public), parts: byUnit.map((u) => dec(u.public)) },
        ],
      });
    }),
  );
  const t = data.threePublic;
  if (t.byUnit) {
    const byUnit = t.byUnit;
    out.push({
      path: 'threePublic',
      what: `${printedIn('threePublic')}“三公”经费`,
      parts: byUnit,
      fields: THREE_PUBLIC.flatMap((item) => FISCAL_SOURCES.map((k) => ({ name: `${item.name}·${SOURCE_NAMES[k]}`, whole: dec(t[item.key]?.[k]), parts: byUnit.map((u) => dec(u[item.key]?.[k])) }))),
    });
  }
  return out;
}

export const byUnitUnitKnown = defineRule({
  id: 'by-unit-unit-known',
  severity: 'error',
  title: '按单位的分配、项目经费情况说明所属的单位须为本部门预算单位',
  find({ data }) {
    const names = unitNames(data);
    const known = new Set(names);
    const out: Finding[] = [];
    for (const s of splits(data))
      s.parts.forEach((p, j) => {
        if (known.has(p.unit)) return;
        out.push({
          path: `${s.path}.byUnit[${j}].unit`,
          related: ['department.units'],
          message: `${s.what}按单位的分配中的单位“${p.unit}”不是本部门的预算单位（${at('department.units')}：${listUnits(names)}）：按单位的分配只能分给本部门的预算单位，请改为其中之一`,
        });
      });
    (data.projectStatements ?? []).forEach((st, i) => {
      if (st.unit === undefined || known.has(st.unit)) return;
      out.push({
        path: `projectStatements[${i}].unit`,
        related: ['department.units'],
        message: `项目经费情况说明“${st.project}”所属单位“${st.unit}”不是本部门的预算单位（${at('department.units')}：${listUnits(names)}）：请改为其中之一，属部门的不填单位`,
      });
    });
    return out;
  },
});

export const byUnitPartsSum = defineRule({
  id: 'by-unit-parts-sum',
  // a unit document prints its part: parts above the whole, or a complete split that is short, make
  // the units' documents disagree with the department's
  severity: 'error',
  title: '按单位的分配（功能科目、经济科目、“三公”经费）不超过总额；各单位都填写时之和等于总额',
  find({ data }) {
    const names = unitNames(data);
    const out: Finding[] = [];
    for (const s of splits(data)) {
      const given = new Set(s.parts.map((p) => p.unit));
      const complete = names.length > 0 && names.every((n) => given.has(n));
      const over: Array<{ name: string; whole: Decimal; sum: Decimal }> = [];
      const off: Array<{ name: string; whole: Decimal; sum: Decimal }> = [];
      for (const f of s.fields) {
        const sum = total(f.parts);
        if (sum.gt(f.whole)) over.push({ name: f.name, whole: f.whole, sum });
        else if (complete && !sum.eq(f.whole)) off.push({ name: f.name, whole: f.whole, sum });
      }
      if (over.length) {
        const m = over[0]!;
        out.push({
          path: `${s.path}.byUnit`,
          related: [s.path],
          message: `${s.what}的${m.name}为 ${money(m.whole)}，各单位的分配之和为 ${money(m.sum)}，多出 ${money(m.sum.minus(m.whole))}${more(over.length)}：各单位的分配不能超过总额，否则单位预算合计大于部门预算；请减少各单位的分配或核对总额`,
        });
      } else if (off.length) {
        const m = off[0]!;
        out.push({
          path: `${s.path}.byUnit`,
          related: [s.path],
          message: `${s.what}已为全部 ${names.length} 个预算单位填写分配，${m.name}之和为 ${money(m.sum)}，总额为 ${money(m.whole)}，少 ${money(m.whole.minus(m.sum))}${more(off.length)}：各单位之和须等于总额，否则单位预算合计小于部门预算；请补足各单位的分配或核对总额`,
        });
      }
    }
    return out;
  },
});

export const statementPartsSum = defineRule({
  id: 'statement-parts-sum',
  // the total is typed by hand and printed as given; the parts' 合计 is derived: a warning
  severity: 'warning',
  title: '项目经费情况说明的各部分之和等于年度项目总预算',
  find({ derived }) {
    const out: Finding[] = [];
    derived.details.projectStatements.forEach((s, i) => {
      if (s.budget.parts.length === 0 || new D(s.partsTotal).eq(new D(s.totalAmount))) return;
      const diff = new D(s.partsTotal).minus(new D(s.totalAmount));
      out.push({
        path: `projectStatements[${i}].budget.total`,
        related: [`projectStatements[${i}].budget.parts`],
        message: `项目经费情况说明“${s.project}”的年度项目总预算填写为 ${money(s.totalAmount)}，其中各部分之和为 ${money(s.partsTotal)}，${diff.isPositive() ? '多' : '少'} ${money(diff.abs())}：说明中的总预算与各部分合计将不一致；请核对总预算或各部分的金额`,
      });
    });
    return out;
  },
});

export const statementMatchesProject = defineRule({
  id: 'statement-matches-project',
  severity: 'warning',
  title: `项目经费情况说明的项目在${printedIn('projectRows')}中（名称、单位、金额一致；列出项目时）`,
  find({ data }) {
    // a department may publish its 项目支出 without listing projects: then there is nothing to match
    if (data.projects.length === 0) return [];
    const out: Finding[] = [];
    (data.projectStatements ?? []).forEach((st, i) => {
      const k = data.projects.findIndex((p) => p.name === st.project);
      if (k < 0) {
        out.push({
          path: `projectStatements[${i}].project`,
          related: ['projects'],
          message: `项目经费情况说明“${st.project}”在${printedIn('projectRows')}中没有同名项目：请核对项目名称，与${printedIn('projectRows')}中的写法一致`,
        });
        return;
      }
      const p = data.projects[k]!;
      if (st.unit !== undefined && st.unit !== p.unit)
        out.push({
          path: `projectStatements[${i}].unit`,
          related: [`projects[${k}].unit`],
          message: `项目经费情况说明“${st.project}”所属单位为“${st.unit}”，${printedIn('projectRows')}中该项目属“${p.unit}”：请核对所属单位`,
        });
      const amount = total(SOURCES.map((f) => dec(p.funds[f])));
      const stated = dec(st.budget.total);
      if (!stated.eq(amount))
        out.push({
          path: `projectStatements[${i}].budget.total`,
          related: [`projects[${k}].funds`],
          message: `项目经费情况说明“${st.project}”的年度项目总预算为 ${money(stated)}，${printedIn('projectRows')}中该项目为 ${money(amount)}，相差 ${money(stated.minus(amount).abs())}：请核对两处金额`,
        });
    });
    return out;
  },
});

export const plannedVehiclesEqualKinds = defineRule({
  id: 'planned-vehicles-equal-kinds',
  severity: 'warning',
  title: '本年预算安排购置车辆总数等于各类之和（都填写时）',
  find({ derived }) {
    const t = derived.details.vehicles.plannedTotal;
    const kinds = derived.details.vehicles.planned;
    if (t === null || t.declared === undefined || !kinds || kinds.length === 0 || t.declared === t.derived) return [];
    return [
      {
        path: 'narrative.assets.planned.declaredVehicles',
        related: ['narrative.assets.planned.vehicles'],
        message: `本年预算安排购置车辆填写为 ${t.declared} 辆，各类车辆之和为 ${t.derived} 辆，${t.declared > t.derived ? '多' : '少'} ${Math.abs(t.declared - t.derived)} 辆：说明中的总数与“其中”各类将不一致；请核对购置车辆总数或各类数量`,
      },
    ];
  },
});

export const smallBusinessWithinProcurement = defineRule({
  id: 'small-business-within-procurement',
  // the share is printed: above the whole it states more than 100%
  severity: 'error',
  title: '面向中小企业的政府采购预算不超过政府采购预算总额',
  find({ derived }) {
    const s = derived.details.smallBusiness;
    const t = derived.narrative.procurement.total.printed;
    if (s === null || new D(s.amount).lte(new D(t))) return [];
    return [
      {
        path: 'narrative.procurement.smallBusiness',
        related: ['narrative.procurement'],
        message: `政府采购预算中面向中小企业的部分填写为 ${money(s.amount)}，超过政府采购预算总额 ${money(t)}，多 ${money(new D(s.amount).minus(new D(t)))}：“占政府采购预算的%”将印成 ${pct(s.share)}%；请核对面向中小企业的金额或货物、工程、服务的金额`,
      },
    ];
  },
});

export const lastYearActualBase = defineRule({
  id: 'last-year-actual-zero-base',
  // negative 执行数 are refused when the data is read; a zero base is valid but has no percentage
  severity: 'warning',
  title: '“比上年执行数增减”的上年执行数为 0 时，本年也无财政拨款（否则增减幅度无从计算）',
  find({ data, derived }) {
    const out: Finding[] = [];
    derived.details.lines.forEach((l, i) => {
      const c = l.lastYearActual;
      if (c === null || !new D(c.lastYear).isZero() || new D(c.current).isZero()) return;
      out.push({
        path: `expenditure.lines[${i}].lastYearActual`,
        related: [`expenditure.lines[${i}]`],
        message: `${lineName(data.expenditure.lines[i]!)}的上年执行数填写为 0，本年财政拨款 ${money(c.current)}，增加 ${money(c.current)}：以 0 为基数算不出增减百分比（印成百分比时会是 0%）；上年确无此项支出的请只说增加额，否则请填写上年执行数`,
      });
    });
    return out;
  },
});

export const partsRules: Rule[] = [unitFundsBySum, byUnitUnitKnown, byUnitPartsSum, statementPartsSum, statementMatchesProject, plannedVehiclesEqualKinds, smallBusinessWithinProcurement, lastYearActualBase];
