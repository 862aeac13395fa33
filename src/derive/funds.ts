import type { Decimal } from 'decimal.js';
import { FISCAL_SOURCES, SOURCES, type FiscalFunds, type Funds, type Source } from '../schema/index.js';
import { dec, ZERO } from './decimal.js';
import type { FiscalAmounts, Periods, SourceAmounts, Split } from './types.js';

/** The five funding sources (the order the income tables print them); `fiscal` and `total` are derived from them. */
export { SOURCES, FISCAL_SOURCES };

/** Builds a SourceAmounts from the five sources, computing fiscal and total. */
export function sourceAmounts(parts: Record<Source, Decimal>): SourceAmounts {
  const fiscal = parts.generalBudget.plus(parts.govFund).plus(parts.stateCapital);
  return {
    generalBudget: parts.generalBudget,
    govFund: parts.govFund,
    stateCapital: parts.stateCapital,
    specialAccount: parts.specialAccount,
    unitFunds: parts.unitFunds,
    fiscal,
    total: fiscal.plus(parts.specialAccount).plus(parts.unitFunds),
  };
}

export function zeroSources(): SourceAmounts {
  return sourceAmounts({ generalBudget: ZERO, govFund: ZERO, stateCapital: ZERO, specialAccount: ZERO, unitFunds: ZERO });
}

/** A `Funds` (or `FiscalFunds`) object of the data as SourceAmounts; missing = 0. */
export function fromFunds(funds: Funds | FiscalFunds | undefined): SourceAmounts {
  const f = (funds ?? {}) as Funds;
  return sourceAmounts({
    generalBudget: dec(f.generalBudget),
    govFund: dec(f.govFund),
    stateCapital: dec(f.stateCapital),
    specialAccount: dec(f.specialAccount),
    unitFunds: dec(f.unitFunds),
  });
}

export function addSources(a: SourceAmounts, b: SourceAmounts): SourceAmounts {
  return sourceAmounts({
    generalBudget: a.generalBudget.plus(b.generalBudget),
    govFund: a.govFund.plus(b.govFund),
    stateCapital: a.stateCapital.plus(b.stateCapital),
    specialAccount: a.specialAccount.plus(b.specialAccount),
    unitFunds: a.unitFunds.plus(b.unitFunds),
  });
}

export function sumSources(list: Iterable<SourceAmounts>): SourceAmounts {
  let out = zeroSources();
  for (const s of list) out = addSources(out, s);
  return out;
}

/** basic + project = total, per source. */
export function split(basic: SourceAmounts, project: SourceAmounts): Split {
  return { basic, project, total: addSources(basic, project) };
}

export function zeroSplit(): Split {
  return split(zeroSources(), zeroSources());
}

export function addSplits(a: Split, b: Split): Split {
  return split(addSources(a.basic, b.basic), addSources(a.project, b.project));
}

/** current + carryover = all. */
export function periods(current: Split, carryover: Split): Periods {
  return { current, carryover, all: addSplits(current, carryover) };
}

export function zeroPeriods(): Periods {
  return periods(zeroSplit(), zeroSplit());
}

export function addPeriods(a: Periods, b: Periods): Periods {
  return periods(addSplits(a.current, b.current), addSplits(a.carryover, b.carryover));
}

export function sumPeriods(list: Iterable<Periods>): Periods {
  let out = zeroPeriods();
  for (const p of list) out = addPeriods(out, p);
  return out;
}

/** 财政拨款 amounts from the data; total = generalBudget + govFund + stateCapital. */
export function fiscalAmounts(funds: FiscalFunds | undefined): FiscalAmounts {
  const f = funds ?? {};
  return fiscal(dec(f.generalBudget), dec(f.govFund), dec(f.stateCapital));
}

export function fiscal(generalBudget: Decimal, govFund: Decimal, stateCapital: Decimal): FiscalAmounts {
  return { generalBudget, govFund, stateCapital, total: generalBudget.plus(govFund).plus(stateCapital) };
}

export function zeroFiscal(): FiscalAmounts {
  return fiscal(ZERO, ZERO, ZERO);
}

export function addFiscal(a: FiscalAmounts, b: FiscalAmounts): FiscalAmounts {
  return fiscal(a.generalBudget.plus(b.generalBudget), a.govFund.plus(b.govFund), a.stateCapital.plus(b.stateCapital));
}

export function sumFiscal(list: Iterable<FiscalAmounts>): FiscalAmounts {
  let out = zeroFiscal();
  for (const f of list) out = addFiscal(out, f);
  return out;
}

/** Every column of a SourceAmounts, for checks that walk all of them. */
export const SOURCE_COLUMNS = [...SOURCES, 'fiscal', 'total'] as const;
export type SourceColumn = (typeof SOURCE_COLUMNS)[number];

export function isZeroSources(s: SourceAmounts): boolean {
  return SOURCE_COLUMNS.every((k) => s[k].isZero());
}

export function isZeroFiscal(f: FiscalAmounts): boolean {
  return f.generalBudget.isZero() && f.govFund.isZero() && f.stateCapital.isZero() && f.total.isZero();
}

export function isZeroPeriods(p: Periods): boolean {
  return (['current', 'carryover', 'all'] as const).every((period) =>
    (['basic', 'project', 'total'] as const).every((part) => isZeroSources(p[period][part])),
  );
}
