import { Decimal } from 'decimal.js';

/*
 * A department's data file with every amount given to its budget units: the examples split
 * projects and 机关运行经费 by unit but not their 功能科目 lines, economic items or 三公. Here each
 * line's project money goes to the units whose projects spend it (source by source, in order),
 * its carry-over to the units of the carried-over projects, and the basic expenditure — lines,
 * economic items, 三公 — to the first unit (本级). The file's own amounts are not changed.
 */

type Json = Record<string, unknown>;
type Funds = Record<string, string>;
const SOURCES = ['generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;

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
  for (const line of lines) {
    for (const [key, keys] of [['basic', ['basic']] as const, ['carryover', ['carryover', 'basic']] as const]) {
      const funds = key === 'basic' ? (line.basic as Funds | undefined) : (line.carryover as { basic?: Funds } | undefined)?.basic;
      for (const [source, v] of Object.entries(funds ?? {})) if (dec(v).gt(0)) add(part(line, home), [...keys], source, dec(v));
    }
    const m = parts.get(line);
    if (m) line.byUnit = [...m.values()];
  }
  for (const g of data.basicByEconomic as Json[]) for (const item of g.items as Json[]) item.byUnit = [{ unit: home, ...(item.personnel !== undefined ? { personnel: item.personnel } : {}), ...(item.public !== undefined ? { public: item.public } : {}) }];
  const three = data.threePublic as Json;
  three.byUnit = [{ unit: home, ...Object.fromEntries(['abroad', 'reception', 'vehiclePurchase', 'vehicleOperation'].filter((k) => three[k] !== undefined).map((k) => [k, three[k]])) }];
  return data;
}
