import type { Decimal } from 'decimal.js';
import { D } from '../derive/decimal.js';
import type { FiscalAmounts } from '../derive/types.js';
import { defineRule, roundsTo, total, type Finding, type Rule } from './rule.js';
import { money, printedIn } from '../diagnostics/place.js';

/*
 * Cross-table rules a reviewer applies that the totals do not cover: each 三公 item against the
 * basic-expenditure economic row of the same code. That row is the basic expenditure only, so it can
 * never exceed the 三公 item (an error: both are published); a 三公 item above it must be project
 * spending (a warning asking to confirm — an error when there are no projects to hold it).
 *
 * The project spending is the expenditure totals' 项目支出 (they define it), not the project list:
 * a department may publish its 项目支出 without listing projects. A figure stated in 万元 to two
 * decimals (0.83) agrees with a 元 figure that prints as it (8,265 元 → 0.83): both tables print
 * the same number, so nothing published disagrees.
 */

const PAIRS = [
  { key: 'abroad', code: '30212', name: '因公出国（境）费用', t10: '因公出国（境）费' },
  { key: 'reception', code: '30217', name: '公务接待费', t10: '公务接待费' },
  { key: 'vehicleOperation', code: '30231', name: '公务用车运行维护费', t10: '公务用车运行维护费' },
  { key: 'vehiclePurchase', code: '31013', name: '公务用车购置', t10: '公务用车购置费' },
] as const;

export const threePublicMatchesT6 = defineRule({
  id: 'three-public-matches-t6',
  severity: 'error',
  title: `${printedIn('threePublic')}“三公”经费各项与${printedIn('economicRows')}对应经济科目一致（${printedIn('economicRows')}不多于${printedIn('threePublic')}）`,
  find({ data, derived }) {
    const out: Finding[] = [];
    const projects = derived.expenditure.all.project.generalBudget;
    for (const p of PAIRS) {
      const items = derived.economicRows.filter((r) => r.kind === 'item' && (r.code === p.code || (r.code === '' && r.name === p.name)));
      const t6: Decimal = total(items.map((r) => r.total));
      const t10 = (derived.threePublic[p.key] as FiscalAmounts).generalBudget;
      if (new D(t6).eq(new D(t10)) || roundsTo(t6, t10) || roundsTo(t10, t6)) continue;
      const where = items.length ? 'basicByEconomic' : 'threePublic';
      if (new D(t6).gt(new D(t10))) {
        out.push({ path: `threePublic.${p.key}`, related: ['basicByEconomic'], message: `${printedIn('economicRows')}“${p.name}”${money(t6)}多于${printedIn('threePublic')}“${p.t10}”（一般公共预算）${money(t10)}：${printedIn('economicRows')}只含基本支出，不会多于${printedIn('threePublic')}；请核对两表` });
      } else if (new D(projects).isZero()) {
        out.push({ path: `threePublic.${p.key}`, related: [where], message: `${printedIn('threePublic')}“${p.t10}”（一般公共预算）${money(t10)}，${printedIn('economicRows')}“${p.name}”只有 ${money(t6)}，而本部门没有一般公共预算项目支出可以列支其余 ${money(new D(t10).minus(new D(t6)))}` });
      }
    }
    return out;
  },
});

export const threePublicInProjects = defineRule({
  id: 'three-public-in-projects',
  severity: 'warning',
  title: `${printedIn('threePublic')}“三公”经费多于${printedIn('economicRows')}的部分列在项目支出中（请确认）`,
  find({ derived }) {
    const out: Finding[] = [];
    if (new D(derived.expenditure.all.project.generalBudget).isZero()) return out; // three-public-matches-t6 says it
    for (const p of PAIRS) {
      const items = derived.economicRows.filter((r) => r.kind === 'item' && (r.code === p.code || (r.code === '' && r.name === p.name)));
      const t6 = total(items.map((r) => r.total));
      const t10 = (derived.threePublic[p.key] as FiscalAmounts).generalBudget;
      if (!new D(t10).gt(new D(t6)) || roundsTo(t6, t10) || roundsTo(t10, t6)) continue;
      out.push({ path: `threePublic.${p.key}`, related: ['basicByEconomic', 'expenditure.lines'], message: `${printedIn('threePublic')}“${p.t10}”（一般公共预算）${money(t10)}比${printedIn('economicRows')}“${p.name}”${money(t6)}多 ${money(new D(t10).minus(new D(t6)))}：这部分应列在项目支出中，请确认` });
    }
    return out;
  },
});

export const crossRules: Rule[] = [threePublicMatchesT6, threePublicInProjects];
