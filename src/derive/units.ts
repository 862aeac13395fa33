import type { Decimal } from 'decimal.js';
import type { Department, FiscalFunds, Funds } from '../schema/index.js';
import { FISCAL_SOURCES, SOURCES } from '../schema/common.js';
import { dec } from './decimal.js';

/*
 * One budget unit's view of a department's data, so that a template set may make a 单位 document
 * beside the 部门 document from the same file. The view is data of the same shape (a Department),
 * so derive, audit and render run on it unchanged.
 *
 * What splits by unit: the 项 lines (a line's `byUnit` parts), the economic items (their
 * `byUnit`), 三公 (`threePublic.byUnit`), 机关运行经费 (rows naming a unit), projects, carry-over
 * projects, performance sheets (实施单位) and project statements (their `unit`). What the data
 * does not split goes to the department's only separately budgeted unit when there is exactly one
 * (its budget is the department's: units that are 不单列预算 spend through it); otherwise it is
 * nobody's, and `unitViews` returns it as the `unattributed` part, so that the units and that part
 * always add up to the department.
 *
 * What cannot be split at all is department-level narrative: 职能, 机构设置, reasons, 政府采购,
 * 国有资产, 名词解释, 批复, and the 政府性基金 / 国有资本经营 income items. The sole unit's view keeps it (it is the same budget). Any other view
 * keeps the texts and amounts as the department's and names them in `notSplit` (a set printing a
 * 单位 document leaves those sections out or words them as the department's), and drops the
 * prior-year figures and the declared performance counts: compared with the unit's own derived
 * figures they would state changes that are not the unit's.
 */

export interface UnitView {
  /** The unit's name; '' for the part of the data that no unit carries. */
  unit: string;
  data: Department;
  /** Paths of department-level facts the view carries unchanged (or dropped) because the data does not split them. */
  notSplit: string[];
  /**
   * Where each element of a list the view filtered came from: list path in the view → the index
   * in the department's data of each element kept (`basicByEconomic[1].items` is the view's
   * group 1). So a finding about the view is placed at the department's line:col or cell.
   */
  origins: Record<string, number[]>;
}

export interface UnitViews {
  /** One view per separately budgeted unit, in the order of department.units. */
  units: UnitView[];
  /** What no unit carries (lines without `byUnit` when several units have budgets, a department-total 机关运行经费 row…); null when nothing is left. */
  unattributed: UnitView | null;
}

/** Department-level facts no view can split, in the order a document prints them. */
export const NOT_SPLIT = [
  'department.duties',
  'department.organisation',
  'narrative.reasons',
  'narrative.personnelItems',
  'narrative.publicItems',
  'narrative.procurement',
  'narrative.assets',
  'narrative.purchaseServices',
  'narrative.other',
  'glossary',
  'approval',
  // the department's 政府性基金 / 国有资本经营 income items: the data gives them for the department only
  'govFundIncome',
  'stateCapitalIncome',
] as const;
/** Dropped from a view that is not the whole budget (see above). */
const DROPPED = ['narrative.lastYear', 'narrative.performance'] as const;

type Amount = string | number;
type Line = Department['expenditure']['lines'][number];
type EconomicItem = Department['basicByEconomic'][number]['items'][number];
type ThreePublic = Department['threePublic'];
const THREE_PUBLIC_ITEMS = ['abroad', 'reception', 'vehiclePurchase', 'vehicleOperation'] as const;

/** The separately budgeted units (separateBudget is not false). */
export function budgetedUnits(data: Department): Department['department']['units'] {
  return data.department.units.filter((u) => u.separateBudget !== false);
}

/** Every unit's view, and what no unit carries. */
export function unitViews(data: Department): UnitViews {
  const budgeted = budgetedUnits(data);
  const sole = budgeted.length === 1 ? budgeted[0]!.name : undefined;
  const units = budgeted.map((u) => view(data, u.name, sole));
  const rest = view(data, '', sole);
  return { units, unattributed: sole !== undefined || isEmpty(rest.data) ? null : rest };
}

/** One unit's view (`name` must be a separately budgeted unit of the department). */
export function unitView(data: Department, name: string): UnitView | undefined {
  return unitViews(data).units.find((v) => v.unit === name);
}

function view(data: Department, unit: string, sole: string | undefined): UnitView {
  const budgeted = new Set(budgetedUnits(data).map((u) => u.name));
  /** Whose is a fact that names `owner` (or none)? A budgeted unit's own; else the sole unit's; else nobody's (''). */
  const ownerOf = (owner: string | undefined) => (owner !== undefined && budgeted.has(owner) ? owner : (sole ?? ''));
  const mine = (owner: string | undefined) => ownerOf(owner) === unit;
  const whole = sole !== undefined && unit === sole;

  const origins: Record<string, number[]> = {};
  /** The elements of a list kept (maybe as a part), and where they came from. */
  const keep = <T, U>(at: string, xs: readonly T[], part: (x: T) => U | undefined): U[] => {
    const out: U[] = [];
    const from: number[] = [];
    xs.forEach((x, i) => {
      const p = part(x);
      if (p === undefined) return;
      out.push(p);
      from.push(i);
    });
    origins[at] = from;
    return out;
  };
  const lines = keep('expenditure.lines', data.expenditure.lines, (line) => linePart(line, mine));
  // a 类 or 款 is named for the lines under it: the view's lines only, or its tables print empty rows
  const subjects = keep('expenditure.subjects', data.expenditure.subjects, (sub) => (lines.some((l) => l.code.startsWith(sub.code)) ? sub : undefined));
  const groups = keep('basicByEconomic', data.basicByEconomic, (g) => {
    const from: number[] = [];
    const items = g.items.flatMap((it, i) => {
      const part = economicPart(it, mine);
      if (part) from.push(i);
      return part ? [part] : [];
    });
    return items.length ? { group: { ...g, items }, from } : undefined;
  });
  const basicByEconomic = groups.map((g, i) => {
    origins[`basicByEconomic[${i}].items`] = g.from;
    return g.group;
  });

  const self = data.department.units.find((u) => u.name === unit);
  const department: Department['department'] = whole
    ? data.department
    : {
        name: unit === '' ? data.department.name : unit,
        ...(self?.code !== undefined ? { code: self.code } : {}),
        ...(data.department.region !== undefined ? { region: data.department.region } : {}),
        units: self ? [self] : [],
        duties: data.department.duties,
        organisation: data.department.organisation,
      };
  const narrative: Department['narrative'] = whole
    ? data.narrative
    : (() => {
        const { lastYear: _lastYear, ...rest } = data.narrative;
        return { ...rest, performance: {} };
      })();

  if (!whole) origins['department.units'] = self ? [data.department.units.indexOf(self)] : [];
  const owned = <T extends { unit?: string | undefined }>(at: string, xs: readonly T[]) => keep(at, xs, (x) => (mine(x.unit) ? x : undefined));
  const out: Department = {
    ...data,
    department,
    expenditure: { ...data.expenditure, subjects, lines },
    basicByEconomic,
    threePublic: threePublicPart(data.threePublic, mine),
    operatingCosts: owned('operatingCosts', data.operatingCosts),
    projects: owned('projects', data.projects),
    carryoverProjects: owned('carryoverProjects', data.carryoverProjects),
    performanceSheets: owned('performanceSheets', data.performanceSheets),
    narrative,
  };
  if (data.projectStatements !== undefined) out.projectStatements = owned('projectStatements', data.projectStatements);
  return { unit, data: out, notSplit: whole ? [] : [...NOT_SPLIT, ...DROPPED], origins };
}

/**
 * The department's source positions (line:col, or sheet › cell) as the view's paths: an element
 * the view kept is found where the department's data has it; what the view dropped has none.
 * Element paths are translated outermost first, so `basicByEconomic[3].items[5]` finds its group,
 * then its item.
 */
export function viewPositions<P>(view: Pick<UnitView, 'origins'>, positions: ReadonlyMap<string, P>): Map<string, P> {
  // outer lists first: a nested list (`basicByEconomic[1].items`) is named by the view's index of its group
  const lists = Object.keys(view.origins).sort((a, b) => a.length - b.length);
  const index = new Map(lists.map((l) => [l, new Map(view.origins[l]!.map((from, i) => [from, i]))]));
  const out = new Map<string, P>();
  next: for (const [path, pos] of positions) {
    let p = path;
    for (const list of lists) {
      const m = p.startsWith(`${list}[`) ? /^\[(\d+)\]/.exec(p.slice(list.length)) : null;
      if (!m) continue;
      const i = index.get(list)!.get(Number(m[1]));
      // an element the view does not have: no place in it
      if (i === undefined) continue next;
      p = `${list}[${i}]${p.slice(list.length + m[0].length)}`;
    }
    out.set(p, pos);
  }
  return out;
}

/** The department's path of a view's path: the inverse of `viewPositions`. */
export function departmentPath(view: Pick<UnitView, 'origins'>, path: string): string {
  // inner lists first: `basicByEconomic[1].items[0]` is named by the view's group index
  const lists = Object.keys(view.origins).sort((a, b) => b.length - a.length);
  let p = path;
  for (const list of lists) {
    const m = p.startsWith(`${list}[`) ? /^\[(\d+)\]/.exec(p.slice(list.length)) : null;
    const from = m ? view.origins[list]![Number(m[1])] : undefined;
    if (m && from !== undefined) p = `${list}[${from}]${p.slice(list.length + m[0].length)}`;
  }
  return p;
}

type Mine = (owner: string | undefined) => boolean;
/** A line's amounts, or one unit's part of them. */
type Amounts = { basic?: Funds; project?: Funds; carryover?: { basic?: Funds; project?: Funds } };

/**
 * What `unit` carries of an amount split by `byUnit`: the parts naming it (or naming a unit that is
 * not separately budgeted, when it is the sole unit), and — when it owns what the data does not
 * split — the whole less all parts (zero when the parts add up).
 */
function carried(whole: Amount | undefined, parts: ReadonlyArray<{ unit: string; value: Amount | undefined }>, mine: Mine): Decimal {
  const own = total(parts.filter((p) => mine(p.unit)).map((p) => p.value));
  return mine(undefined) ? own.plus(minus(whole, parts.map((p) => p.value))) : own;
}

function fundsCarried<K extends string>(keys: readonly K[], whole: Partial<Record<K, Amount>> | undefined, parts: ReadonlyArray<{ unit: string; funds: Partial<Record<K, Amount>> | undefined }>, mine: Mine): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, carried(whole?.[k], parts.map((p) => ({ unit: p.unit, value: p.funds?.[k] })), mine).toFixed()])) as Record<K, string>;
}

function linePart(line: Line, mine: Mine): Line | undefined {
  const { byUnit, ...rest } = line;
  if (byUnit === undefined) return mine(undefined) ? line : undefined;
  const part = (pick: (x: Amounts) => Funds | undefined) =>
    fundsCarried(SOURCES, pick(line), byUnit.map((p) => ({ unit: p.unit, funds: pick(p) })), mine);
  const out: Line = {
    ...rest,
    basic: part((x) => x.basic),
    project: part((x) => x.project),
    carryover: { basic: part((x) => x.carryover?.basic), project: part((x) => x.carryover?.project) },
  };
  return isZeroLine(out) ? undefined : out;
}

function economicPart(item: EconomicItem, mine: Mine): EconomicItem | undefined {
  const { byUnit, ...rest } = item;
  if (byUnit === undefined) return mine(undefined) ? item : undefined;
  const personnel = carried(item.personnel, byUnit.map((p) => ({ unit: p.unit, value: p.personnel })), mine);
  const pub = carried(item.public, byUnit.map((p) => ({ unit: p.unit, value: p.public })), mine);
  return personnel.isZero() && pub.isZero() ? undefined : { ...rest, personnel: personnel.toFixed(), public: pub.toFixed() };
}

function threePublicPart(t: ThreePublic, mine: Mine): ThreePublic {
  const { byUnit, ...items } = t;
  if (byUnit === undefined) return mine(undefined) ? items : {};
  const out: ThreePublic = {};
  for (const k of THREE_PUBLIC_ITEMS) out[k] = fundsCarried(FISCAL_SOURCES, items[k], byUnit.map((p) => ({ unit: p.unit, funds: p[k] })), mine);
  return out;
}


const total = (xs: ReadonlyArray<Amount | undefined>): Decimal => xs.reduce<Decimal>((s, x) => s.plus(dec(x)), dec(0));
const minus = (whole: Amount | undefined, parts: ReadonlyArray<Amount | undefined>): Decimal => dec(whole).minus(total(parts));

const zeroFunds = (f: Funds | FiscalFunds | undefined) => Object.values(f ?? {}).every((v) => dec(v as Amount).isZero());
const isZeroLine = (l: Line) => zeroFunds(l.basic) && zeroFunds(l.project) && zeroFunds(l.carryover?.basic) && zeroFunds(l.carryover?.project);

/** Nothing in it that a table would print. */
function isEmpty(d: Department): boolean {
  return (
    d.expenditure.lines.every(isZeroLine) &&
    d.basicByEconomic.length === 0 &&
    THREE_PUBLIC_ITEMS.every((k) => zeroFunds(d.threePublic[k])) &&
    d.operatingCosts.length === 0 &&
    d.projects.length === 0 &&
    d.carryoverProjects.length === 0 &&
    d.performanceSheets.length === 0 &&
    (d.projectStatements ?? []).length === 0
  );
}
