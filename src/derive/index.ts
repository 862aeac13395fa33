import type { Decimal } from 'decimal.js';
import type { Catalogue } from '../schema/catalogue.js';
import type { Department } from '../schema/index.js';
import { dec, share, ZERO } from './decimal.js';
import { details } from './details.js';
import { mergeGlossary, type GlossaryEntry } from './glossary.js';
import { assets, change, classShares, performance, procurement } from './narrative.js';
import { derivedSheets } from './sheets.js';
import { currentRowsFor, linePeriods, subjectTree } from './subjects.js';
import { sumPeriods } from './funds.js';
import { carryoverProjectRows, currentProjectRows, economicRows, incomeRows, operatingRows, threePublic } from './tables.js';
import type { Derived } from './types.js';

export type * from './types.js';
export { D } from './decimal.js';

export interface DeriveDefaults {
  /** The template set's 名词解释, merged with the department's (see mergeGlossary). */
  glossary: GlossaryEntry[];
  /** The 政府收支分类科目 of the budget year, when one is available (derives a missing govName). */
  catalogue?: Catalogue;
}

/**
 * The derived model: every total, subtotal, rollup, share and change, computed exactly with
 * decimal.js from the validated data. Pure: no I/O, no clock, no rounding (format.ts rounds at
 * print time).
 */
export function derive(data: Department, defaults: DeriveDefaults): Derived {
  const dept = data.department;
  const fullName = dept.altName ? `${dept.name}（${dept.altName}）` : dept.name;

  const tree = subjectTree(data);
  // The whole expenditure straight from the 项 lines, independently of the tree's rollup (and
  // sharing no object with it): the audit compares the two (the 收支总表 side against the 合计 rows of the income and expenditure tables).
  const exp = sumPeriods(data.expenditure.lines.map(linePeriods));
  const allTotal = exp.all.total.total;
  const yearEndCarryover = ZERO;
  const expenditureTotal = allTotal.plus(yearEndCarryover);

  // A budget balances: 本年收入 by source is the current expenditure by source, 上年结转 the
  // carryover expenditure (copies: the model shares no object between two places it prints).
  const incomeCurrent = { ...exp.current.total };
  const incomeCarryover = { ...exp.carryover.total };
  const incomeTotal = incomeCurrent.total.plus(incomeCarryover.total);

  const economic = economicRows(data, defaults.catalogue);
  const basicPersonnel = economic.rows[0]!.personnel;
  const basicPublic = economic.rows[0]!.public;
  const projects = currentProjectRows(data, fullName);
  const carryoverProjects = carryoverProjectRows(data, fullName);
  const operating = operatingRows(data);
  const three = threePublic(data);
  const sheets = derivedSheets(data, fullName);
  const lastYear = data.narrative.lastYear ?? {};
  /** A prior-year figure the department states: compared; one it does not: no change is printed. */
  const against = (current: Decimal, last: string | number | null | undefined) => (last === undefined || last === null ? null : change(current, dec(last)));
  const classRows = Object.values(tree.byClass);
  const gbCurrent = exp.current.total.generalBudget;
  const procurementOf = procurement(data);

  const model: Derived = {
    year: data.year,
    creationDate: new Date(`${data.publishedOn}T00:00:00Z`),
    templateSet: data.templateSet,
    department: { ...dept, fullName, shortName: dept.shortName ?? dept.name },
    income: {
      current: incomeCurrent,
      carryover: incomeCarryover,
      total: incomeTotal,
      fiscalTotal: incomeCurrent.fiscal.plus(incomeCarryover.fiscal),
      // 上年结转 is stated when a line carries it, or the department says it has none
      carryoverStated: data.expenditure.noCarryover === true || data.expenditure.lines.some((l) => l.carryover !== undefined),
      shares: {
        generalBudget: share(incomeCurrent.generalBudget, incomeTotal),
        govFund: share(incomeCurrent.govFund, incomeTotal),
        stateCapital: share(incomeCurrent.stateCapital, incomeTotal),
        specialAccount: share(incomeCurrent.specialAccount, incomeTotal),
        unitFunds: share(incomeCurrent.unitFunds, incomeTotal),
        carryover: share(incomeCarryover.total, incomeTotal),
      },
    },
    expenditure: {
      current: exp.current,
      carryover: exp.carryover,
      all: exp.all,
      yearEndCarryover,
      total: expenditureTotal,
      shares: { basic: share(exp.all.basic.total, allTotal), project: share(exp.all.project.total, allTotal) },
    },
    subjectRows: tree.rows,
    byClass: tree.byClass,
    currentRowsBySource: {
      generalBudget: currentRowsFor(tree.rows, 'generalBudget'),
      govFund: currentRowsFor(tree.rows, 'govFund'),
      stateCapital: currentRowsFor(tree.rows, 'stateCapital'),
    },
    economicRows: economic.rows,
    basicCosts: {
      personnel: basicPersonnel,
      public: basicPublic,
      total: economic.rows[0]!.total,
      personnelItems: economic.personnelItems,
      publicItems: economic.publicItems,
    },
    govFundIncomeRows: incomeRows(data.govFundIncome),
    stateCapitalIncomeRows: incomeRows(data.stateCapitalIncome),
    threePublic: three,
    operatingRows: operating.rows,
    operatingTotal: operating.total,
    projectRows: projects.rows,
    projectTotal: projects.total,
    carryoverProjectRows: carryoverProjects.rows,
    carryoverProjectTotal: carryoverProjects.total,
    narrative: {
      changes: {
        income: against(incomeTotal, lastYear.incomeTotal),
        expenditure: against(expenditureTotal, lastYear.expenditureTotal),
        generalBudget: against(gbCurrent, lastYear.generalBudgetExpenditure),
        threePublic: against(three.total.total, lastYear.threePublic),
        operatingCosts: against(operating.total.total, lastYear.operatingCosts),
      },
      generalBudgetByClass: classShares(classRows, (r) => r.current.total.generalBudget, gbCurrent),
      expenditureByClass: classShares(classRows, (r) => r.all.total.total, allTotal),
      personnelItems: [...(data.narrative.personnelItems ?? economic.personnelItems)],
      publicItems: [...(data.narrative.publicItems ?? economic.publicItems)],
      procurement: procurementOf,
      performance: performance(data, projects.total.total, sheets),
      assets: assets(data),
    },
    sheets,
    glossary: mergeGlossary(defaults.glossary, data.glossary),
    details: details(data, { income: incomeCurrent, threePublic: { abroad: three.abroad.total, reception: three.reception.total, vehicle: three.vehicle.total, vehiclePurchase: three.vehiclePurchase.total, vehicleOperation: three.vehicleOperation.total } }, procurementOf.total.printed, { total: exp.current.total.fiscal, govFund: exp.current.total.govFund, stateCapital: exp.current.total.stateCapital }),
  };
  return model;
}
