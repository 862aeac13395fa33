import type { Decimal } from 'decimal.js';
import { SOURCE_COLUMNS } from './funds.js';
import type { Derived, FiscalAmounts, SourceAmounts, Split, SubjectRow, TableId } from './types.js';

export const TABLE_IDS: readonly TableId[] = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10', 't11', 't12', 't13'];

const allZero = (values: Iterable<Decimal>): boolean => {
  for (const v of values) if (!v.isZero()) return false;
  return true;
};
const sources = (s: SourceAmounts): Decimal[] => SOURCE_COLUMNS.map((k) => s[k]);
const fiscal = (f: FiscalAmounts): Decimal[] => [f.generalBudget, f.govFund, f.stateCapital, f.total];
const splitOf = (s: Split, pick: (x: SourceAmounts) => Decimal): Decimal[] => [pick(s.basic), pick(s.project), pick(s.total)];
const rowsOf = (rows: readonly SubjectRow[], f: (r: SubjectRow) => Decimal[]): Decimal[] => rows.flatMap(f);

/**
 * Per table, whether every amount it prints is zero — the renderer then prints the table's
 * heading and "注：本表无数据". Computed from the rows each table prints, not from its 合计 alone.
 */
export function emptyTables(d: Omit<Derived, 'emptyTables'>): Record<TableId, boolean> {
  const rows = d.subjectRows;
  const current = (pick: (x: SourceAmounts) => Decimal) => rowsOf(rows, (r) => splitOf(r.current, pick));
  return {
    t1: allZero([
      ...sources(d.income.current),
      ...sources(d.income.carryover),
      d.income.total,
      ...rowsOf(rows, (r) => [r.all.total.total, r.current.total.total, r.carryover.total.total]),
      d.expenditure.yearEndCarryover,
      d.expenditure.total,
    ]),
    t2: allZero([...rowsOf(rows, (r) => [...sources(r.current.total), r.carryover.total.total]), ...sources(d.income.current)]),
    t3: allZero(rowsOf(rows, (r) => splitOf(r.all, (x) => x.total))),
    t4: allZero([
      d.income.current.generalBudget,
      d.income.current.govFund,
      d.income.current.stateCapital,
      d.income.carryover.generalBudget,
      d.income.carryover.govFund,
      d.income.carryover.stateCapital,
      ...rowsOf(rows, (r) => [r.all.total.fiscal, r.all.total.generalBudget, r.all.total.govFund, r.all.total.stateCapital]),
    ]),
    t5: allZero(current((x) => x.generalBudget)),
    t6: allZero(d.economicRows.flatMap((r) => [r.personnel, r.public, r.total])),
    t7: allZero(d.govFundIncomeRows.map((r) => r.amount)),
    t8: allZero(current((x) => x.govFund)),
    t9: allZero([...d.stateCapitalIncomeRows.map((r) => r.amount), ...current((x) => x.stateCapital)]),
    t10: allZero(
      [d.threePublic.abroad, d.threePublic.reception, d.threePublic.vehicle, d.threePublic.vehiclePurchase, d.threePublic.vehicleOperation, d.threePublic.total].flatMap(
        fiscal,
      ),
    ),
    t11: allZero(d.operatingRows.flatMap((r) => fiscal(r.funds))),
    t12: allZero(d.projectRows.flatMap((r) => sources(r.funds))),
    t13: allZero(d.carryoverProjectRows.flatMap((r) => sources(r.funds))),
  };
}
