import { Decimal } from 'decimal.js';

/*
 * A department's data file with every amount given to its budget units: the examples split
 * projects and 机关运行经费 by unit but not their 功能科目 lines, economic items or 三公. Here each
 * line's project money goes to the units whose projects spend it (source by source, in order),
 * its carry-over to the units of the carried-over projects, and the basic expenditure — lines,
 * economic items, 三公 — to the first unit (本级), except that a unit with 机关运行经费 gets
 * 公用经费 items covering them, and as much of the largest basic line. The file's own amounts are
 * not changed.
 */

type Json = Record<string, unknown>;
type Funds = Record<string, string>;
const SOURCES = ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;

/** Economic items the “三公” table is checked against: they stay with the unit that has the 三公. */
const THREE_PUBLIC_CODES = new Set(['30212', '30217', '30231', '31013']);
const dec = (v: unknown) => new Decimal((v as string | number | undefined) ?? 0);

/** What each unit spends by source on these projects. */
function needs(projects: Json[]): Map<string, Map<string, Decimal>> {
  const out = new Map<string, Map<string, Decimal>>();
  for (const p of projects) {
    const unit = p.unit as string;
    const m = out.get(unit) ?? new Map<string, Decimal>();
    for (const [k, v] of Object.entries((p.funds ?? {}) as Funds)) m.set(k, (m.get(k) ?? new Decimal(0)).plus(dec(v)));
    out.set(unit, m);
  }
  return out;
}

/**
 * Fills the lines' amounts (`pick` says which) with the units' needs, source by source, the
 * first line first: each line gets parts naming units. Whatever no project asks for goes to
 * `rest`.
 */
function allocate(lines: Json[], pick: (l: Json) => Funds | undefined, need: Map<string, Map<string, Decimal>>, rest: string, put: (line: Json, unit: string, source: string, amount: Decimal) => void): void {
  for (const source of SOURCES) {
    const queue = [...need.entries()].map(([unit, m]) => ({ unit, left: m.get(source) ?? new Decimal(0) })).filter((q) => q.left.gt(0));
    for (const line of lines) {
      let left = dec(pick(line)?.[source]);
      while (left.gt(0) && queue.length) {
        const q = queue[0]!;
        const take = Decimal.min(left, q.left);
        put(line, q.unit, source, take);
        left = left.minus(take);
        q.left = q.left.minus(take);
        if (q.left.isZero()) queue.shift();
      }
      if (left.gt(0)) put(line, rest, source, left);
    }
  }
}

export function splitByUnit(input: Json): Json {
  const data = structuredClone(input);
  const dept = data.department as Json;
  const units = (dept.units as Json[]).map((u) => u.name as string);
  const home = units[0]!;
  const lines = (data.expenditure as Json).lines as Json[];
  const parts = new Map<Json, Map<string, Json>>();
  const part = (line: Json, unit: string): Json => {
    const m = parts.get(line) ?? new Map<string, Json>();
    parts.set(line, m);
    const p = m.get(unit) ?? { unit };
    m.set(unit, p);
    return p;
  };
  const add = (p: Json, keys: string[], source: string, amount: Decimal) => {
    let at = p;
    for (const k of keys) at = (at[k] ??= {}) as Json;
    at[source] = dec(at[source]).plus(amount).toFixed(2);
  };
  allocate(lines, (l) => l.project as Funds | undefined, needs(data.projects as Json[]), home, (line, unit, source, amount) => add(part(line, unit), ['project'], source, amount));
  allocate(lines, (l) => (l.carryover as { project?: Funds } | undefined)?.project, needs((data.carryoverProjects as Json[] | undefined) ?? []), home, (line, unit, source, amount) =>
    add(part(line, unit), ['carryover', 'project'], source, amount),
  );
  // 公用经费 items for each other unit's 机关运行经费, whole items in order, and as much basic money
  const owner = new Map<Json, string>();
  const carved = new Map<string, Decimal>();
  const publicItems = (data.basicByEconomic as Json[]).flatMap((g) => (g.items as Json[]).filter((it) => dec(it.public).gt(0) && dec(it.personnel).isZero() && !THREE_PUBLIC_CODES.has(it.code as string)));
  for (const unit of units.slice(1)) {
    const need = (data.operatingCosts as Json[]).filter((o) => o.unit === unit).reduce((sum, o) => sum.plus(dec((o.funds as Funds | undefined)?.generalBudget)), new Decimal(0));
    let got = new Decimal(0);
    for (const it of publicItems) {
      if (got.gte(need)) break;
      if (owner.has(it)) continue;
      owner.set(it, unit);
      got = got.plus(dec(it.public));
    }
    if (got.gt(0)) carved.set(unit, got);
  }
  const largest = lines.reduce<Json | undefined>((a, l) => (dec((l.basic as Funds | undefined)?.generalBudget).gt(dec((a?.basic as Funds | undefined)?.generalBudget)) ? l : a), undefined);
  for (const line of lines) {
    for (const [key, keys] of [['basic', ['basic']] as const, ['carryover', ['carryover', 'basic']] as const]) {
      const funds = key === 'basic' ? (line.basic as Funds | undefined) : (line.carryover as { basic?: Funds } | undefined)?.basic;
      for (const [source, v] of Object.entries(funds ?? {})) {
        let left = dec(v);
        if (line === largest && key === 'basic' && source === 'generalBudget')
          for (const [unit, amount] of carved) {
            add(part(line, unit), [...keys], source, amount);
            left = left.minus(amount);
          }
        if (left.gt(0)) add(part(line, home), [...keys], source, left);
      }
    }
    const m = parts.get(line);
    if (m) line.byUnit = [...m.values()];
  }
  for (const g of data.basicByEconomic as Json[])
    for (const item of g.items as Json[]) item.byUnit = [{ unit: owner.get(item) ?? home, ...(item.personnel !== undefined ? { personnel: item.personnel } : {}), ...(item.public !== undefined ? { public: item.public } : {}) }];
  const three = data.threePublic as Json;
  three.byUnit = [{ unit: home, ...Object.fromEntries(['abroad', 'reception', 'vehiclePurchase', 'vehicleOperation'].filter((k) => three[k] !== undefined).map((k) => [k, three[k]])) }];
  return data;
}
