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

/** The 绩效管理 section: managed from the current projects, published from the sheets; each with what the data declares. */
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

  const managedSplit = split(checked(managed, countAmount(declared.managed)), checked(managedOperating, countAmount(declared.managedOperating)), checked(managedSpecific, countAmount(declared.managedSpecific)));
  const publishedSplit = split(checked(pub, countAmount(declared.published)), checked(pubOperating, countAmount(declared.publishedOperating)), checked(pubSpecific, countAmount(declared.publishedSpecific)));
  return {
    managed: managedSplit.total,
    managedOperating: managedSplit.operating,
    managedSpecific: managedSplit.specific,
    published: publishedSplit.total,
    publishedOperating: publishedSplit.operating,
    publishedSpecific: publishedSplit.specific,
    publishedShare: checked(
      share(pub.amount, projectTotal),
      declared.declaredPublishedShare === undefined ? undefined : dec(declared.declaredPublishedShare),
    ),
  };
}

/**
 * A stated total with no stated split: the split derived from the current projects is printed only when it adds up
 * to the stated total; otherwise the department has not stated it (null), and nothing is
 * invented under its total ("其他运转类0个" beneath a stated 20).
 */
function split(total: Checked<CountAmount>, operating: Checked<CountAmount>, specific: Checked<CountAmount>) {
  const t = total.declared;
  if (t === undefined || operating.declared !== undefined || specific.declared !== undefined) return { total, operating, specific };
  const fits = operating.derived.count + specific.derived.count === t.count && operating.derived.amount.plus(specific.derived.amount).eq(t.amount);
  return fits ? { total, operating, specific } : { total, operating: null, specific: null };
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

const VEHICLE_KINDS = ['leader', 'confidential', 'emergency', 'lawEnforcement', 'special', 'institution', 'other'] as const;
const stated = <T>(x: T | null | undefined): T | null => (x === undefined || x === null ? null : x);

/**
 * 十一、国有资产: every figure as stated, null where the department states nothing (then the
 * templates assert no number). 实有 vehicles are the sum of the kinds when every kind is stated,
 * else only what is declared.
 */
export function assets(data: Department): Derived['narrative']['assets'] {
  const a = data.narrative.assets;
  const v = a.vehicles ?? {};
  const kinds = Object.fromEntries(VEHICLE_KINDS.map((k) => [k, stated(v[k])])) as Record<(typeof VEHICLE_KINDS)[number], number | null>;
  const counts = VEHICLE_KINDS.map((k) => kinds[k]);
  const declared = stated(v.declaredActual);
  const actual = counts.every((c) => c !== null) ? checked(counts.reduce<number>((s, c) => s + c!, 0), declared ?? undefined) : declared === null ? null : { derived: declared, declared, printed: declared };
  return {
    asOf: dateParts(a.asOf),
    vehicles: { quota: stated(v.quota), ...kinds },
    vehicleCounts: VEHICLE_KINDS.flatMap((kind) => (kinds[kind] === null ? [] : [{ kind, count: kinds[kind]! }])),
    vehiclesActual: actual,
    buildingArea: stated(a.buildingArea),
    equipmentOver50: stated(a.equipmentOver50),
    equipmentOver100: stated(a.equipmentOver100),
  };
}
