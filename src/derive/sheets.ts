import { distance } from 'fastest-levenshtein';
import type { Decimal } from 'decimal.js';
import type { Department, Indicator, PerformanceSheet } from '../schema/index.js';
import { dec, sum, TEN_THOUSAND } from './decimal.js';
import type { Checked, DerivedSheet, SheetFundsDerived } from './types.js';

type SheetFunds = PerformanceSheet['funds']['annual'];

export function checked<T>(derived: T, declared: T | undefined): Checked<T> {
  return declared === undefined ? { derived, printed: derived } : { derived, declared, printed: declared };
}

const part = (x: SheetFunds[keyof SheetFunds]): Decimal | null => (x === undefined ? null : dec(x));

/** The parts as entered (null = not entered, printed blank); total = Σ parts, printed = declaredTotal ?? Σ. */
export function sheetFunds(f: SheetFunds): SheetFundsDerived {
  const parts = {
    central: part(f.central),
    provincial: part(f.provincial),
    local: part(f.local),
    selfRaised: part(f.selfRaised),
    other: part(f.other),
  };
  const derived = sum(Object.values(parts).filter((p): p is Decimal => p !== null));
  return { ...parts, total: checked(derived, f.declaredTotal === undefined ? undefined : dec(f.declaredTotal)) };
}

/**
 * How close two project names are, 0 … 1: one less the edit distance (fastest-levenshtein) over
 * the longer name's length. Names are "close" when one contains the other (the shorter having at
 * least two characters and half the longer's length) or when the score is at least 0.8 —
 * 政务中心物业费 / 政务中心房物业费 scores 7/8.
 */
export function nameCloseness(a: string, b: string): { score: number; close: boolean } {
  const la = [...a].length;
  const lb = [...b].length;
  const longer = Math.max(la, lb);
  const shorter = Math.min(la, lb);
  if (longer === 0) return { score: 0, close: false };
  const score = 1 - distance(a, b) / longer;
  const contains = shorter >= 2 && shorter * 2 >= longer && (a.includes(b) || b.includes(a));
  return { score, close: contains || score >= 0.8 };
}

/**
 * The closest name among candidates (highest score among the close ones), or undefined when none
 * is close or two different names tie for closest.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  let tie = false;
  for (const c of new Set(candidates)) {
    const { score, close } = nameCloseness(name, c);
    if (!close) continue;
    if (score > bestScore) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

const LEVEL1_ORDER = ['产出指标', '效益指标', '成本指标', '满意度指标'] as const;

type Line = { level2: string; level3: string; value: string };
const line = (i: Indicator): Line => ({ level2: i.level2, level3: i.level3 ?? '', value: i.value ?? '' });

/**
 * Indicator rows paired for the grid: by 一级 in the order 产出指标, 效益指标, 成本指标, 满意度指标
 * (only those present); within a 一级, by 二级 in order of first appearance (implementation side
 * first); the lines of one 二级 are paired by position, the shorter side padded with null.
 */
export function indicatorRows(implementation: readonly Indicator[], annual: readonly Indicator[]): DerivedSheet['indicatorRows'] {
  const rows: DerivedSheet['indicatorRows'] = [];
  for (const level1 of LEVEL1_ORDER) {
    const impl = implementation.filter((i) => i.level1 === level1);
    const ann = annual.filter((i) => i.level1 === level1);
    const level2s: string[] = [];
    for (const i of [...impl, ...ann]) if (!level2s.includes(i.level2)) level2s.push(i.level2);
    for (const level2 of level2s) {
      const left = impl.filter((i) => i.level2 === level2);
      const right = ann.filter((i) => i.level2 === level2);
      for (let k = 0; k < Math.max(left.length, right.length); k++) {
        const l = left[k];
        const r = right[k];
        rows.push({ level1, implementation: l ? line(l) : null, annual: r ? line(r) : null });
      }
    }
  }
  return rows;
}

/**
 * Matches each sheet with a current project (projectRows): the project of the same name (preferring one in the
 * sheet's unit when several units have it), else a near one (see DerivedSheet.nearProject).
 */
function matchSheets(data: Department): Array<{ matched?: number; near?: number }> {
  const projects = data.projects;
  const exact = data.performanceSheets.map((s) => {
    const same = projects.map((p, i) => ({ p, i })).filter(({ p }) => p.name === s.project);
    return (same.find(({ p }) => p.unit === s.unit) ?? same[0])?.i;
  });
  const namedExactly = new Set(exact.filter((i): i is number => i !== undefined).map((i) => projects[i]!.name));
  const free = projects.map((p) => p.name).filter((n) => !namedExactly.has(n));
  return data.performanceSheets.map((s, k) => {
    const m = exact[k];
    if (m !== undefined) return { matched: m };
    const near = closestName(s.project, free);
    if (near === undefined) return {};
    const candidates = projects.map((p, i) => ({ p, i })).filter(({ p }) => p.name === near);
    return { near: (candidates.find(({ p }) => p.unit === s.unit) ?? candidates[0])!.i };
  });
}

export function derivedSheets(data: Department, fullName: string): DerivedSheet[] {
  const matches = matchSheets(data);
  // a department whose published text states no code: the name alone, nothing invented
  const authority = data.department.code === undefined ? fullName : `${data.department.code}-${fullName}`;
  return data.performanceSheets.map((source, index) => {
    const implementation = sheetFunds(source.funds.implementation);
    const annual = sheetFunds(source.funds.annual);
    const m = matches[index] ?? {};
    const sheet: DerivedSheet = {
      source,
      index,
      authority,
      fundsYuan: { implementation, annual },
      annualWan: annual.total.printed.div(TEN_THOUSAND),
      indicatorRows: indicatorRows(source.indicators.implementation, source.indicators.annual),
    };
    if (m.matched !== undefined) {
      sheet.matchedProject = data.projects[m.matched]!.name;
      sheet.projectIndex = m.matched;
    } else if (m.near !== undefined) {
      sheet.nearProject = data.projects[m.near]!.name;
      sheet.projectIndex = m.near;
    }
    return sheet;
  });
}
