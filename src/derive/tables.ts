import type { Catalogue } from '../schema/catalogue.js';
import type { Department } from '../schema/index.js';
import { standardGovName } from './catalogue.js';
import { dec, sum } from './decimal.js';
import { addFiscal, fiscalAmounts, fromFunds, sumFiscal, sumSources, zeroSources } from './funds.js';
import type { EconomicRow, FiscalAmounts, IncomeRow, OperatingRow, ProjectRow, SourceAmounts } from './types.js';

/** Basic expenditure by economic classification: 合计, then each group followed by its items (data order); personnel + public = total. */
export function economicRows(data: Department, catalogue?: Catalogue): { rows: EconomicRow[]; personnelItems: string[]; publicItems: string[] } {
  const body: EconomicRow[] = [];
  const groups: EconomicRow[] = [];
  const personnelItems: string[] = [];
  const publicItems: string[] = [];
  for (const g of data.basicByEconomic) {
    const items: EconomicRow[] = g.items.map((i) => {
      const personnel = dec(i.personnel);
      const pub = dec(i.public);
      if (!personnel.isZero() && !personnelItems.includes(i.name)) personnelItems.push(i.name);
      if (!pub.isZero() && !publicItems.includes(i.name)) publicItems.push(i.name);
      // as entered, else as the catalogue maps the code for the department's kind of units
      const govName = i.govName ?? standardGovName(catalogue, data, i.code) ?? '';
      return { kind: 'item', level: 2, code: i.code ?? '', name: i.name, govName, personnel, public: pub, total: personnel.plus(pub) };
    });
    const group = economic('group', 1, g.code ?? '', g.name, items);
    groups.push(group);
    body.push(group, ...items);
  }
  return { rows: [economic('total', 0, '', '合计', groups), ...body], personnelItems, publicItems };
}

function economic(kind: 'total' | 'group', level: 0 | 1, code: string, name: string, parts: EconomicRow[]): EconomicRow {
  const personnel = sum(parts.map((p) => p.personnel));
  const pub = sum(parts.map((p) => p.public));
  return { kind, level, code, name, govName: '', personnel, public: pub, total: personnel.plus(pub) };
}

/** Income rows of one fund (政府性基金 or 国有资本经营 income): 合计 row (name '合计', code '') then items in data order. */
export function incomeRows(items: Department['govFundIncome']): IncomeRow[] {
  const rows: IncomeRow[] = items.map((i) => ({ kind: 'item', code: i.code ?? '', name: i.name, amount: dec(i.amount) }));
  return [{ kind: 'total', code: '', name: '合计', amount: sum(rows.map((r) => r.amount)) }, ...rows];
}

/** The “三公” items by fiscal source. vehicle = vehiclePurchase + vehicleOperation; total = abroad + reception + vehicle. */
export function threePublic(data: Department) {
  const abroad = fiscalAmounts(data.threePublic.abroad);
  const reception = fiscalAmounts(data.threePublic.reception);
  const vehiclePurchase = fiscalAmounts(data.threePublic.vehiclePurchase);
  const vehicleOperation = fiscalAmounts(data.threePublic.vehicleOperation);
  const vehicle = addFiscal(vehiclePurchase, vehicleOperation);
  const total = sumFiscal([abroad, reception, vehicle]);
  return { abroad, reception, vehicle, vehiclePurchase, vehicleOperation, total };
}

/**
 * 机关运行经费 by unit: the total row (name '') first, then one row per unit entry of operatingCosts (data
 * order). An entry without a unit is the department's total alone (all a department may know
 * of its 机关运行经费): then the total row is the only row — no unit is said to spend it.
 */
export function operatingRows(data: Department): { rows: OperatingRow[]; total: FiscalAmounts } {
  const items: OperatingRow[] = data.operatingCosts.flatMap((o) => (o.unit === undefined ? [] : [{ kind: 'item' as const, name: o.unit, funds: fiscalAmounts(o.funds) }]));
  const departmentOnly = data.operatingCosts.filter((o) => o.unit === undefined).map((o) => fiscalAmounts(o.funds));
  const total = sumFiscal([...items.map((i) => i.funds), ...departmentOnly]);
  return { rows: [{ kind: 'total', name: '', funds: { ...total } }, ...items], total };
}

/**
 * The unit order of the project tables: department.units in data order, then any unit a project names
 * that is not among them (the audit reports it as an error; the derive keeps its amounts so the
 * totals stay whole).
 */
function unitOrder(data: Department, used: readonly { unit: string }[]): string[] {
  const order = data.department.units.map((u) => u.name);
  for (const p of used) if (!order.includes(p.unit)) order.push(p.unit);
  return order;
}

/**
 * Projects by unit (current or carried over): the department row (kind 'total', name = the department's full name), then for
 * each unit that has projects a unit row followed by its projects (data order).
 */
export function projectRows<P extends { unit: string; name: string }>(
  data: Department,
  fullName: string,
  projects: readonly P[],
  fundsOf: (p: P) => SourceAmounts,
  categoryOf: (p: P) => string,
): { rows: ProjectRow[]; total: SourceAmounts } {
  const body: ProjectRow[] = [];
  const unitTotals: SourceAmounts[] = [];
  for (const unit of unitOrder(data, projects)) {
    const mine = projects.filter((p) => p.unit === unit);
    if (mine.length === 0) continue;
    const items: ProjectRow[] = mine.map((p) => ({ kind: 'item', level: 2, name: p.name, category: categoryOf(p), funds: fundsOf(p) }));
    const unitFunds = sumSources(items.map((i) => i.funds));
    unitTotals.push(unitFunds);
    body.push({ kind: 'unit', level: 1, name: unit, category: '', funds: unitFunds }, ...items);
  }
  const total = unitTotals.length ? sumSources(unitTotals) : zeroSources();
  return { rows: [{ kind: 'total', level: 0, name: fullName, category: '', funds: { ...total } }, ...body], total };
}

export function currentProjectRows(data: Department, fullName: string) {
  return projectRows(data, fullName, data.projects, (p) => fromFunds(p.funds), (p) => p.category);
}

export function carryoverProjectRows(data: Department, fullName: string) {
  return projectRows(data, fullName, data.carryoverProjects, (p) => fromFunds(p.funds), () => '');
}
