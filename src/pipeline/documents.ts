import { Decimal } from 'decimal.js';
import { departmentPath, unitViews, viewPositions, type UnitView } from '../derive/units.js';
import { at, money, wordTables } from '../diagnostics/place.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Department } from '../schema/index.js';
import { setTableWording } from '../render/table-reads.js';
import { locate } from '../validate/index.js';
import { inRouteWords, type CheckedFile } from './check.js';
import { run, type Placed, type RunOptions, type RunResult } from './compose.js';
import type { World } from './world.js';

/*
 * The documents one data file makes. A set says which in set.json `documents`: the 部门 document
 * (always), and with "unit" a 单位 document per separately budgeted unit. A 单位 document is
 * another `run` of the one composition over the unit's view of the data (derive/units.ts): checked,
 * audited, rendered with the same templates (which know it by `document.unit`), laid out and
 * written like the 部门 document.
 *
 * A 单位 document states only what the data says of its unit:
 * - the units must add up to the department. When the data leaves part of the budget to no unit
 *   (功能科目 lines without their units' parts while several units have budgets…), no 单位
 *   document is made, and one message says what is not split: each unit's document would
 *   otherwise leave out money that is its own, and the 单位 documents would not add up to the
 *   部门 document.
 * - department-level narrative (职能, 机构设置, reasons, 政府采购, 国有资产 …: the view's `notSplit`)
 *   is the department's, not the unit's. The view keeps it; a set that prints it in a 单位
 *   document must word it as the department's (`document.department`) or leave it out
 *   (`{{#unless document.unit}}`) — docs/template-sets.md, "Documents".
 */

/** One unit's document: which unit, and its run. */
export interface UnitRun {
  unit: string;
  result: RunResult;
}

export interface UnitRuns {
  units: UnitRun[];
  /** About the 单位 documents as a whole (the data does not split): none made. */
  diagnostics: Diagnostic[];
}

export interface UnitRunOptions extends Pick<RunOptions, 'force' | 'draft' | 'isCurrent' | 'carried' | 'created'> {
  /** Where a unit's document goes; without, its bytes are only returned. */
  place?: (unit: string, checked: Parameters<NonNullable<RunOptions['place']>>[0], forced: { errors: number } | undefined) => Promise<Placed>;
}

/** Does the department's set make 单位 documents? */
export async function makesUnitDocuments(world: World, data: Department): Promise<boolean> {
  const { set } = await world.templateSet(data.templateSet);
  return set?.documents?.includes('unit') ?? false;
}

/**
 * The 单位 documents of a department whose 部门 document was made (`checked`: its check). Undefined
 * when its set makes none.
 */
export async function runUnits(world: World, checked: CheckedFile, options: UnitRunOptions = {}): Promise<UnitRuns | undefined> {
  const data = checked.data;
  if (!data || !(await makesUnitDocuments(world, data))) return undefined;
  const views = unitViews(data);
  if (views.unattributed) return { units: [], diagnostics: [await notSplit(world, checked, data, views.unattributed)] };
  const units: UnitRun[] = [];
  for (const view of views.units) {
    const place = options.place;
    const result = await run(world, unitSource(checked, view), {
      ...(options.force ? { force: true } : {}),
      ...(options.draft ? { draft: options.draft } : {}),
      ...(options.isCurrent ? { isCurrent: options.isCurrent } : {}),
      // the department's data, as its 部门 document carries it; the XMP says which unit
      ...(options.carried ? { carried: options.carried } : {}),
      ...(options.created ? { created: options.created } : {}),
      unit: view.unit,
      document: { unit: true, department: data.department.name },
      // the department's narrative and income items, carried unsplit: its own check said what they hold
      checkedElsewhere: view.notSplit,
      ...(place ? { place: (c, forced) => place(view.unit, c, forced) } : {}),
    });
    const found = result.diagnostics.map((d) => ({ ...d, path: departmentPath(view, d.path), ...(d.related ? { related: d.related.map((p) => departmentPath(view, p)) } : {}) }));
    units.push({ unit: view.unit, result: { ...result, diagnostics: ofUnit(found, checked.diagnostics, view.unit) } });
  }
  return { units, diagnostics: [] };
}

/**
 * A unit's view as the data of a run: already in 万元 (validation converted the file's 元), its
 * values placed where the department's data has them (line:col, or sheet › cell).
 */
function unitSource(checked: CheckedFile, view: UnitView) {
  const json: Department = { ...view.data, moneyUnit: '万元' };
  return { file: checked.file, loaded: { json, positions: viewPositions(view, checked.positions ?? new Map()), diagnostics: [] } };
}

/** A unit's findings, less those the 部门 document's check said already; each says whose document it is about. */
function ofUnit(found: readonly Diagnostic[], department: readonly Diagnostic[], unit: string): Diagnostic[] {
  const said = new Set(department.map(key));
  return found.filter((d) => !said.has(key(d))).map((d) => ({ ...d, message: `单位预算“${unit}”：${d.message}` }));
}
const key = (d: Diagnostic) => `${d.rule}\u0000${d.path}\u0000${d.message}`;

/** What of the budget no unit carries: said once, with the first place to fill in. */
async function notSplit(world: World, checked: CheckedFile, data: Department, rest: UnitView): Promise<Diagnostic> {
  const parts: string[] = [];
  let first: string | undefined;
  const lines = rest.data.expenditure.lines;
  if (lines.length) {
    const total = lines.reduce((s, l) => s.plus(amounts(l.basic)).plus(amounts(l.project)).plus(amounts(l.carryover?.basic)).plus(amounts(l.carryover?.project)), new Decimal(0));
    first = `expenditure.lines[${rest.origins['expenditure.lines']![0]}]`;
    parts.push(`支出功能分类科目 ${lines.length} 项共 ${money(total)}（如 ${lines[0]!.code} ${lines[0]!.name}）`);
  }
  const items = rest.data.basicByEconomic.flatMap((g) => g.items);
  if (items.length) {
    first ??= `basicByEconomic[${rest.origins['basicByEconomic']![0]}].items[${rest.origins['basicByEconomic[0].items']![0]}]`;
    parts.push(`基本支出经济分类 ${items.length} 项`);
  }
  const threePublic = Object.values(rest.data.threePublic).reduce((s, f) => s.plus(amounts(f as Record<string, string> | undefined)), new Decimal(0));
  if (!threePublic.isZero()) {
    first ??= 'threePublic';
    parts.push(`“三公”经费 ${money(threePublic)}`);
  }
  const listed = (at: 'operatingCosts' | 'projects' | 'carryoverProjects' | 'performanceSheets' | 'projectStatements', what: string) => {
    const n = rest.origins[at]?.length ?? 0;
    if (n === 0) return;
    first ??= `${at}[${rest.origins[at]![0]}]`;
    parts.push(`${what} ${n} 项`);
  };
  listed('operatingCosts', '机关运行经费');
  listed('projects', '项目');
  listed('carryoverProjects', '上年结转项目');
  listed('performanceSheets', '绩效目标表');
  listed('projectStatements', '项目经费情况说明');
  const path = first ?? '';
  const message =
    `未生成单位预算：数据中有部分预算没有分到预算单位——${parts.join('，')}${path ? `（第一处：${at(path)}）` : ''}。` +
    `各单位的单位预算相加须等于部门预算，请为这些数额填写各单位的分配（按单位的分配）后再生成；部门预算已生成。`;
  const { set } = await world.templateSet(data.templateSet);
  const d: Diagnostic = { file: checked.file, path, rule: 'unit-not-split', severity: 'warning', message: set ? wordTables(message, setTableWording(set)) : message };
  const positions = checked.positions ?? new Map();
  return inRouteWords(locate([d], positions), positions)[0]!;
}

const amounts = (f: Record<string, string | number | undefined> | undefined): Decimal => Object.values(f ?? {}).reduce<Decimal>((s, v) => s.plus(new Decimal(v ?? 0)), new Decimal(0));
