import path from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { derive, type Derived } from '../../src/derive/index.js';
import { budgetedUnits, NOT_SPLIT, unitView, unitViews, type UnitView } from '../../src/derive/units.js';
import { packageRoot } from '../../src/load/root.js';
import { checkDataFile } from '../../src/pipeline/index.js';
import type { Department } from '../../src/schema/index.js';

/*
 * A 单位 document's figures, added up over the department's units (and the part no unit carries),
 * are the 部门 document's: checked on every figure a table prints from a split fact.
 */

const root = packageRoot();
const SHANGHAI = path.join(root, 'data', 'shanghai-putuo-commerce.json');
const EXAMPLES = ['yangqu-agriculture-mixed-kinds', 'yingze-culture-tourism', 'yuci-government-services'].map((n) => path.join(root, 'data', 'examples', `${n}.json`));

const run = (d: Department): Derived => derive(d, { glossary: [] });

/** The figures a set prints from facts that split by unit, as exact strings, keyed by what they are. */
function figures(d: Derived): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  const put = (k: string, v: Decimal) => out.set(k, (out.get(k) ?? new Decimal(0)).plus(v));
  for (const period of ['current', 'carryover'] as const)
    for (const part of ['basic', 'project'] as const)
      for (const src of ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const) put(`expenditure.${period}.${part}.${src}`, d.expenditure[period][part][src]);
  for (const r of d.subjectRows) if (r.kind !== 'total') put(`subject ${r.code}`, r.all.total.total);
  for (const r of d.economicRows) if (r.kind === 'item') put(`economic ${r.code} ${r.name}`, r.total);
  put('economic personnel', d.basicCosts.personnel);
  put('economic public', d.basicCosts.public);
  for (const k of ['abroad', 'reception', 'vehiclePurchase', 'vehicleOperation', 'total'] as const) put(`threePublic ${k}`, d.threePublic[k].total);
  put('operating', d.operatingTotal.total);
  put('projects', d.projectTotal.total);
  put('carryoverProjects', d.carryoverProjectTotal.total);
  put('income', d.income.total);
  return out;
}

function expectSums(department: Derived, views: UnitView[]): void {
  const whole = figures(department);
  const sum = new Map<string, Decimal>();
  for (const v of views) for (const [k, x] of figures(run(v.data))) sum.set(k, (sum.get(k) ?? new Decimal(0)).plus(x));
  const zero = new Decimal(0);
  const keys = new Set([...whole.keys(), ...sum.keys()]);
  for (const k of keys) expect((sum.get(k) ?? zero).toFixed(), k).toBe((whole.get(k) ?? zero).toFixed());
}

async function load(file: string): Promise<{ data: Department; derived: Derived }> {
  const checked = await checkDataFile(file);
  expect(checked.data, file).toBeDefined();
  return { data: checked.data!, derived: checked.derived! };
}

describe('unit views: the Shanghai department (one unit with a budget, one 不单列预算)', () => {
  it('gives the only separately budgeted unit the whole budget, and leaves nothing over', async () => {
    const { data, derived } = await load(SHANGHAI);
    expect(budgetedUnits(data).map((u) => u.name)).toEqual(['上海市普陀区商务委员会']);
    const { units, unattributed } = unitViews(data);
    expect(units.map((u) => u.unit)).toEqual(['上海市普陀区商务委员会']);
    expect(unattributed).toBeNull();
    expect(units[0]!.notSplit).toEqual([]);
    expectSums(derived, units);
    expect(run(units[0]!.data).expenditure.total.toFixed()).toBe('37151.4655');
    expect(unitView(data, '上海市普陀区中小企业服务中心')).toBeUndefined();
  });

  it('splits lines, economic items and 三公 by their byUnit parts once both units have budgets', async () => {
    const { data, derived } = await load(SHANGHAI);
    const centre = '上海市普陀区中小企业服务中心';
    const split: Department = structuredClone(data);
    split.department.units = split.department.units.map((u) => ({ ...u, separateBudget: true }));
    // 事业运行 is wholly the centre's, 行政运行 is split, the rest is left unsplit (nobody's)
    for (const l of split.expenditure.lines) {
      if (l.code === '2011350') l.byUnit = [{ unit: centre, basic: l.basic }];
      if (l.code === '2011301') l.byUnit = [{ unit: '上海市普陀区商务委员会', basic: { generalBudget: '900' } }, { unit: centre, basic: { generalBudget: '38.9913' } }];
    }
    const office = split.basicByEconomic[1]!.items[0]!;
    office.byUnit = [{ unit: centre, public: '7.39' }, { unit: '上海市普陀区商务委员会', public: '20' }];
    split.threePublic.byUnit = [{ unit: '上海市普陀区商务委员会', reception: { generalBudget: '0.6' } }];

    const { units, unattributed } = unitViews(split);
    expect(units.map((u) => u.unit)).toEqual(['上海市普陀区商务委员会', centre]);
    expect(unattributed).not.toBeNull();
    expectSums(derived, [...units, unattributed!]);

    const c = run(units[1]!.data);
    expect(c.expenditure.current.basic.total.toFixed()).toBe('329.1733'); // 290.182 + 38.9913
    expect(c.subjectRows.filter((r) => r.kind === 'item').map((r) => r.code)).toEqual(['2011301', '2011350']);
    expect(c.basicCosts.public.toFixed()).toBe('7.39');
    expect(c.threePublic.total.total.toFixed()).toBe('0');
    const rest = run(unattributed!.data);
    expect(rest.threePublic.reception.total.toFixed()).toBe('0.4');
    // a unit that is not the whole budget carries the department's narrative, said, and no prior-year figure
    expect(units[1]!.notSplit).toEqual(expect.arrayContaining([...NOT_SPLIT, 'narrative.lastYear']));
    expect(units[1]!.data.narrative.lastYear).toBeUndefined();
    expect(units[1]!.data.department.name).toBe(centre);
  });
});

describe('unit views: the examples with several units', () => {
  for (const file of EXAMPLES)
    it(`${path.basename(file)}: the units and the unattributed part add up to the department`, async () => {
      const { data, derived } = await load(file);
      const { units, unattributed } = unitViews(data);
      expect(units.length).toBe(data.department.units.length);
      expect(units.length).toBeGreaterThan(1);
      // the examples split projects and 机关运行经费 by unit, not their 项 lines: those are nobody's
      expect(unattributed).not.toBeNull();
      expectSums(derived, [...units, unattributed!]);
      // every project lands in its unit's view and none in the rest
      for (const v of units) expect(v.data.projects.every((p) => p.unit === v.unit)).toBe(true);
      expect(unattributed!.data.projects).toEqual([]);
      expect(units.reduce((n, v) => n + v.data.projects.length, 0)).toBe(data.projects.length);
    });
});
