import type { Decimal } from 'decimal.js';
import type { Department, ProjectStatement } from '../schema/index.js';
import { dec, share, sum } from './decimal.js';
import { change } from './narrative.js';
import { checked } from './sheets.js';
import type { Change, Checked, SourceAmounts } from './types.js';

/*
 * The optional facts some formats print and others do not (what each 项 is for, income by kind,
 * prior-year 财政拨款 and 三公 items, the 中小企业 share of 政府采购, vehicles by every kind and
 * planned purchases, project statements), derived once under neutral names. Amounts in 万元,
 * exact; null where the data states nothing (a template then asserts no number).
 */

export const VEHICLE_KINDS = ['ministerial', 'principal', 'leader', 'confidential', 'emergency', 'lawEnforcement', 'special', 'retired', 'institution', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export interface VehicleCount {
  kind: VehicleKind;
  count: number;
}

export interface Details {
  /** The year the prior-year figures are of (a sentence says “比2024年预算…”). */
  priorYear: number;
  /**
   * Per 项 line (code order as in the data): its 类 and 款 names (a sentence names a 项 by its
   * place in the tree: 一般公共服务支出（类）商贸事务（款）行政运行（项）), what it is for, its 财政拨款
   * amount and the prior 执行数 change.
   */
  lines: Array<{ code: string; name: string; className: string; sectionName: string; purpose: string | null; fiscal: Decimal; lastYearActual: Change | null }>;
  /**
   * 本年收入 by kind: 财政拨款 (the three budgets), 事业收入 (财政专户 + the stated 事业收入 of 单位资金),
   * 事业单位经营收入, 其他收入, and `unsplit`: 单位资金 of lines that state no split.
   */
  incomeByKind: { fiscal: Decimal; business: Decimal; operating: Decimal; other: Decimal; unsplit: Decimal; total: Decimal };
  /** Changes against the prior-year figures beyond the narrative's own; null = not stated. */
  changes: Record<'fiscalIncome' | 'fiscalExpenditure' | 'govFundExpenditure' | 'stateCapitalExpenditure' | 'threePublicAbroad' | 'threePublicReception' | 'threePublicVehicle' | 'threePublicVehiclePurchase' | 'threePublicVehicleOperation', Change | null>;
  /** 中小企业 part of 政府采购 and its share of the procurement total (percent); null = not stated. */
  smallBusiness: { amount: Decimal; share: Decimal } | null;
  /** Vehicles held and planned, every kind stated (in VEHICLE_KINDS order). */
  vehicles: { held: VehicleCount[]; planned: VehicleCount[] | null; plannedTotal: Checked<number> | null; plannedEquipmentOver100: number | null };
  /** 项目经费情况说明, with the sum of the parts against the stated total. */
  projectStatements: Array<ProjectStatement & { partsTotal: Decimal; totalAmount: Decimal }>;
}

const stated = <T>(x: T | null | undefined): T | null => (x === undefined || x === null ? null : x);

export function details(data: Department, current: { income: SourceAmounts; threePublic: Record<'abroad' | 'reception' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation', Decimal> }, procurementTotal: Decimal, expenditureFiscal: { total: Decimal; govFund: Decimal; stateCapital: Decimal }): Details {
  const last = data.narrative.lastYear ?? {};
  const against = (now: Decimal, before: string | number | null | undefined) => (before === undefined || before === null ? null : change(now, dec(before)));

  let business = current.income.specialAccount;
  let operating = dec(0);
  let other = dec(0);
  let unsplit = dec(0);
  for (const l of data.expenditure.lines) {
    const unitFunds = dec(l.basic?.unitFunds).plus(dec(l.project?.unitFunds));
    if (!l.unitFundsBy) {
      unsplit = unsplit.plus(unitFunds);
      continue;
    }
    business = business.plus(dec(l.unitFundsBy.business));
    operating = operating.plus(dec(l.unitFundsBy.operating));
    other = other.plus(dec(l.unitFundsBy.other));
  }

  const a = data.narrative.assets;
  const held = VEHICLE_KINDS.flatMap((kind) => {
    const n = stated(a.vehicles?.[kind]);
    return n === null ? [] : [{ kind, count: n }];
  });
  const plannedKinds = a.planned?.vehicles;
  const planned = plannedKinds
    ? VEHICLE_KINDS.flatMap((kind) => {
        const n = stated(plannedKinds[kind]);
        return n === null ? [] : [{ kind, count: n }];
      })
    : null;
  const declaredPlanned = stated(a.planned?.declaredVehicles);
  const plannedTotal = planned && planned.length ? checked(planned.reduce((s, v) => s + v.count, 0), declaredPlanned ?? undefined) : declaredPlanned === null ? null : { derived: declaredPlanned, declared: declaredPlanned, printed: declaredPlanned };

  const small = stated(data.narrative.procurement.smallBusiness);
  // the 类 / 款 names as the tables print them (derive/subjects.ts: the first given name)
  const subjectName = new Map<string, string>();
  for (const s of data.expenditure.subjects) if (!subjectName.has(s.code)) subjectName.set(s.code, s.name);
  return {
    priorYear: data.year - 1,
    lines: data.expenditure.lines.map((l) => {
      const fiscal = sum([l.basic, l.project].flatMap((f) => [f?.generalBudget, f?.govFund, f?.stateCapital]).map(dec));
      return { code: l.code, name: l.name, className: subjectName.get(l.code.slice(0, 3)) ?? '', sectionName: subjectName.get(l.code.slice(0, 5)) ?? '', purpose: l.purpose ?? null, fiscal, lastYearActual: against(fiscal, l.lastYearActual) };
    }),
    incomeByKind: { fiscal: current.income.fiscal, business, operating, other, unsplit, total: current.income.fiscal.plus(business).plus(operating).plus(other).plus(unsplit) },
    changes: {
      fiscalIncome: against(current.income.fiscal, last.fiscalIncome),
      fiscalExpenditure: against(expenditureFiscal.total, last.fiscalExpenditure),
      govFundExpenditure: against(expenditureFiscal.govFund, last.govFundExpenditure),
      stateCapitalExpenditure: against(expenditureFiscal.stateCapital, last.stateCapitalExpenditure),
      threePublicAbroad: against(current.threePublic.abroad, last.threePublicAbroad),
      threePublicReception: against(current.threePublic.reception, last.threePublicReception),
      threePublicVehicle: against(current.threePublic.vehicle, last.threePublicVehicle),
      threePublicVehiclePurchase: against(current.threePublic.vehiclePurchase, last.threePublicVehiclePurchase),
      threePublicVehicleOperation: against(current.threePublic.vehicleOperation, last.threePublicVehicleOperation),
    },
    smallBusiness: small === null ? null : { amount: dec(small), share: share(dec(small), procurementTotal) },
    vehicles: { held, planned, plannedTotal, plannedEquipmentOver100: stated(a.planned?.equipmentOver100) },
    projectStatements: (data.projectStatements ?? []).map((s) => ({ ...s, partsTotal: sum(s.budget.parts.map((p) => dec(p.amount))), totalAmount: dec(s.budget.total) })),
  };
}
