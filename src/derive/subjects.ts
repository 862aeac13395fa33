import type { Department, ExpenditureLine } from '../schema/index.js';
import { fromFunds, periods, split, sumPeriods } from './funds.js';
import type { Periods, SubjectRow } from './types.js';

/** The amounts of one 项 line: current (basic/project) and carryover (basic/project), by source. */
export function linePeriods(line: ExpenditureLine): Periods {
  return periods(
    split(fromFunds(line.basic), fromFunds(line.project)),
    split(fromFunds(line.carryover?.basic), fromFunds(line.carryover?.project)),
  );
}

function row(kind: SubjectRow['kind'], code: string, name: string, amounts: Periods): SubjectRow {
  const level = kind === 'total' ? 0 : kind === 'class' ? 1 : kind === 'section' ? 2 : 3;
  return { kind, level, code, name, ...amounts };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export interface SubjectTree {
  /** 合计 first, then 类 → 款 → 项 in code order. */
  rows: SubjectRow[];
  total: SubjectRow;
  byClass: Record<string, SubjectRow>;
}

/**
 * The 功能分类 tree. Amounts sit on the 项 lines; a 款 is the sum of its 项, a 类 the sum of its
 * 款, the 合计 the sum of the 类. A 类 or 款 appears only when a 项 exists below it (a subject
 * without lines carries nothing to print); its name comes from `expenditure.subjects` ('' when
 * the data has none: the validate stage reports that).
 */
export function subjectTree(data: Department): SubjectTree {
  const names = new Map<string, string>();
  for (const s of data.expenditure.subjects) if (!names.has(s.code)) names.set(s.code, s.name);

  // Stable sort: lines sharing a code (reported by validate) keep their data order.
  const lines = data.expenditure.lines.map((line) => ({ code: line.code, name: line.name, amounts: linePeriods(line) }));
  lines.sort(byCode);

  const classes = new Map<string, Map<string, typeof lines>>();
  for (const line of lines) {
    const c = line.code.slice(0, 3);
    const s = line.code.slice(0, 5);
    let sections = classes.get(c);
    if (!sections) classes.set(c, (sections = new Map()));
    let items = sections.get(s);
    if (!items) sections.set(s, (items = []));
    items.push(line);
  }

  const body: SubjectRow[] = [];
  const classRows: SubjectRow[] = [];
  const byClass: Record<string, SubjectRow> = {};
  for (const [c, sections] of [...classes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const sectionBlocks: SubjectRow[][] = [];
    const sectionRows: SubjectRow[] = [];
    for (const [s, items] of [...sections].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const itemRows = items.map((i) => row('item', i.code, i.name, i.amounts));
      const sectionRow = row('section', s, names.get(s) ?? '', sumPeriods(itemRows));
      sectionRows.push(sectionRow);
      sectionBlocks.push([sectionRow, ...itemRows]);
    }
    const classRow = row('class', c, names.get(c) ?? '', sumPeriods(sectionRows));
    classRows.push(classRow);
    byClass[c] = classRow;
    body.push(classRow, ...sectionBlocks.flat());
  }
  const total = row('total', '', '合计', sumPeriods(classRows));
  return { rows: [total, ...body], total, byClass };
}

/**
 * The rows a single-source table prints (一般公共预算, 政府性基金 or 国有资本经营
 * alone, 不含上年结转): the 合计 row, then the rows whose current amount from that source is non-zero.
 */
export function currentRowsFor(rows: SubjectRow[], source: 'generalBudget' | 'govFund' | 'stateCapital'): SubjectRow[] {
  return rows.filter((r) => r.kind === 'total' || !r.current.total[source].isZero());
}
