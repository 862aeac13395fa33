import type { Decimal } from 'decimal.js';
import type { Department } from '../schema/index.js';
import { dec, share, sum } from './decimal.js';
import { checked } from './sheets.js';
import type { Change, Checked, Derived, DerivedSheet, ShareItem, SubjectRow } from './types.js';

/** current vs last year: signed delta, |delta|, direction, |delta| / lastYear × 100 (0 over 0). */
export function change(current: Decimal, lastYear: Decimal): Change {
  const delta = current.minus(lastYear);
  const deltaAbs = delta.abs();
  const direction = delta.isZero() ? 'flat' : delta.isPositive() ? 'increase' : 'decrease';
  return { current, lastYear, delta, deltaAbs, direction, percentAbs: share(deltaAbs, lastYear) };
}

/** The 类 rows with a non-zero amount, each with its share of the base (percent, exact). */
export function classShares(classRows: readonly SubjectRow[], amountOf: (r: SubjectRow) => Decimal, base: Decimal): ShareItem[] {
  return classRows
    .map((r) => ({ code: r.code, name: r.name, amount: amountOf(r) }))
    .filter((i) => !i.amount.isZero())
    .map((i) => ({ ...i, share: share(i.amount, base) }));
}

type CountAmount = { count: number; amount: Decimal };
const countAmount = (x: { count: number; amount: string | number } | undefined): CountAmount | undefined =>
  x === undefined ? undefined : { count: x.count, amount: dec(x.amount) };

function tally(items: Iterable<Decimal>): CountAmount {
  const list = [...items];
  return { count: list.length, amount: sum(list) };
}

/** 十、绩效管理: managed from 表12, published from the sheets; each with what the data declares. */
export function performance(data: Department, projectTotal: Decimal, sheets: readonly DerivedSheet[]): Derived['narrative']['performance'] {
  const declared = data.narrative.performance;
  const amounts = data.projects.map((p) => ({ category: p.category, amount: sumFunds(p.funds) }));
  const managed = tally(amounts.map((a) => a.amount));
  const managedOperating = tally(amounts.filter((a) => a.category === '其他运转类').map((a) => a.amount));
  const managedSpecific = tally(amounts.filter((a) => a.category === '特定目标类').map((a) => a.amount));

  const seen = new Set<number>();
  const published: Array<{ category: string; amount: Decimal }> = [];
  for (const s of sheets) {
    if (s.projectIndex === undefined || seen.has(s.projectIndex)) continue;
    seen.add(s.projectIndex);
    published.push({ category: data.projects[s.projectIndex]!.category, amount: s.annualWan });
  }
  const pub = tally(published.map((p) => p.amount));
  const pubOperating = tally(published.filter((p) => p.category === '其他运转类').map((p) => p.amount));
  const pubSpecific = tally(published.filter((p) => p.category === '特定目标类').map((p) => p.amount));

  return {
    managed: checked(managed, countAmount(declared.managed)),
    managedOperating: checked(managedOperating, countAmount(declared.managedOperating)),
    managedSpecific: checked(managedSpecific, countAmount(declared.managedSpecific)),
    published: checked(pub, countAmount(declared.published)),
    publishedOperating: checked(pubOperating, countAmount(declared.publishedOperating)),
    publishedSpecific: checked(pubSpecific, countAmount(declared.publishedSpecific)),
    publishedShare: checked(
      share(pub.amount, projectTotal),
      declared.declaredPublishedShare === undefined ? undefined : dec(declared.declaredPublishedShare),
    ),
  };
}

function sumFunds(f: Department['projects'][number]['funds']): Decimal {
  return sum([f.generalBudget, f.govFund, f.stateCapital, f.specialAccount, f.unitFunds].map(dec));
}

export function procurement(data: Department): Derived['narrative']['procurement'] {
  const p = data.narrative.procurement;
  const goods = dec(p.goods);
  const works = dec(p.works);
  const services = dec(p.services);
  const total: Checked = checked(goods.plus(works).plus(services), p.declaredTotal === undefined ? undefined : dec(p.declaredTotal));
  return { goods, works, services, total };
}

/** "YYYY-MM-DD" as numbers (the schema has validated the form). */
export function dateParts(iso: string): { year: number; month: number; day: number } {
  const [y, m, d] = iso.split('-');
  return { year: Number(y), month: Number(m), day: Number(d) };
}

export function assets(data: Department): Derived['narrative']['assets'] {
  const a = data.narrative.assets;
  const v = a.vehicles;
  const actual = v.leader + v.confidential + v.emergency + v.lawEnforcement + v.special + v.institution + v.other;
  return { asOf: dateParts(a.asOf), vehiclesActual: checked(actual, v.declaredActual) };
}
