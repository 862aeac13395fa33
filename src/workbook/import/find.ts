import { cellAddress, type Book, type BookCell, type BookSheet } from '../../load/workbook.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { ColumnPlan, TablePlan } from './plan.js';
import type { Unit } from './cells.js';

/*
 * Where a table is in a workbook: its sheet (by the layout's text, else the declared title or
 * label), its money unit (stated above the header), its header rows and each declared column's
 * sheet column (by its header texts; a spanning heading above tells apart columns of one name).
 */

export interface FoundTable {
  id: string;
  plan: TablePlan;
  sheet: BookSheet;
  /** The money unit its heading states. */
  unit: Unit;
  /** Column key → sheet column. */
  cols: Map<string, number>;
  /** First data row. */
  from: number;
}

export const textOf = (c: BookCell | undefined) => (c === undefined || c.v === undefined ? '' : String(c.v));

const squash = (s: unknown) => String(s ?? '').normalize('NFKC').replace(/\s+/g, '');

export const norm = (s: unknown) =>
  squash(s)
    // the year in a heading (2026年预算数) is not part of its meaning
    .replace(/^\d{4}年?/, '');

/**
 * Does a printed text match a declared one? A declared text with `{{…}}` in it (the year, the
 * department) matches whatever stands there; a literal one matches but for spacing, width and a
 * leading year.
 */
export function matcher(template: string): (text: string) => boolean {
  if (!template.includes('{{')) {
    const want = norm(template);
    return (text) => norm(text) === want;
  }
  const parts = squash(template).split(/\{\{[^}]*\}\}/);
  const re = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`);
  return (text) => re.test(squash(text));
}

/** A text's literal part that finds a sheet: the declared title without its `{{…}}` pieces. */
const containsMatcher = (template: string): ((text: string) => boolean) => {
  const want = norm(template.replace(/\{\{[^}]*\}\}/g, ''));
  return (text) => want !== '' && norm(text).includes(want);
};

const DEFAULT_UNIT = '单位[:：]\\s*(万元|元)';

/** Each cell's text spread over the merged range it heads: a spanning heading covers its columns. */
function spread(sheet: BookSheet, r: number, c: number): string {
  const own = textOf(sheet.rows[r]?.[c]);
  if (own.trim() !== '') return own;
  for (const m of sheet.merges) if (r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c) return textOf(sheet.rows[m.s.r]?.[m.s.c]);
  return '';
}

interface Say {
  (sheet: BookSheet | undefined, r: number, c: number, message: string, rule?: string): void;
}

function sheetFor(book: Book, plan: TablePlan, taken: Set<BookSheet>): BookSheet | undefined {
  const top = (s: BookSheet) => s.rows.slice(0, 6).flatMap((r) => (r ?? []).map(textOf));
  const free = book.sheets.filter((s) => !taken.has(s));
  if (plan.find !== undefined) {
    const want = norm(plan.find);
    return free.find((s) => norm(s.name).includes(want) || top(s).some((t) => norm(t).includes(want)));
  }
  // the title as printed first; then the label as the sheet's name; then a title that contains it
  const title = matcher(plan.title);
  const label = matcher(plan.label);
  const loose = containsMatcher(plan.title);
  return free.find((s) => top(s).some(title)) ?? free.find((s) => label(s.name) || top(s).some(label)) ?? free.find((s) => top(s).some(loose));
}

export function findTable(book: Book, plan: TablePlan, unitPattern: string | undefined, taken: Set<BookSheet>, say: Say): FoundTable | undefined {
  const sheet = sheetFor(book, plan, taken);
  if (!sheet) return undefined;
  taken.add(sheet);
  const name = plan.find ?? plan.label;
  const columns = plan.columns.filter((c) => c.headers.length > 0);
  const leaf = (c: ColumnPlan) => matcher(c.headers[c.headers.length - 1]!);
  const any = columns.flatMap((c) => c.headers.map(matcher));
  const isHeader = (t: string) => any.some((m) => m(t));
  let start = -1;
  for (let r = 0; r < Math.min(sheet.rows.length, 15) && start < 0; r++) if ((sheet.rows[r] ?? []).some((c) => isHeader(textOf(c)))) start = r;
  if (start < 0) {
    say(sheet, 0, 0, `${name}：找不到表头（应有“${[...new Set(columns.map((c) => c.headers[c.headers.length - 1]))].join('”“')}”等列）`);
    return undefined;
  }
  let end = start;
  while (end + 1 < sheet.rows.length && end - start < Math.max(4, plan.headerRows + 1)) {
    const row = (sheet.rows[end + 1] ?? []).map(textOf).filter((t) => t.trim() !== '');
    const numbering = (t: string) => /^\d{1,2}$/.test(t.trim());
    const header = row.length > 0 && row.every((t) => isHeader(t) || numbering(t) || !/\d/.test(t)) && row.some((t) => isHeader(t) || numbering(t));
    if (!header) break;
    end++;
  }
  const width = Math.max(40, ...sheet.rows.slice(start, end + 1).map((r) => (r ?? []).length));
  const texts = (c: number) => Array.from({ length: end - start + 1 }, (_, i) => spread(sheet, start + i, c));
  const cols = new Map<string, number>();
  const used = new Set<number>();
  for (const col of columns) {
    const own = leaf(col);
    const above = col.headers.slice(0, -1).map(matcher);
    let best = -1;
    let score = -1;
    for (let c = 0; c < width; c++) {
      if (used.has(c)) continue;
      const t = texts(c);
      if (!t.some(own)) continue;
      const s = above.filter((m) => t.some(m)).length;
      if (s > score) [best, score] = [c, s];
    }
    if (best >= 0) {
      cols.set(col.key, best);
      used.add(best);
    }
  }
  const missing = columns.filter((c) => !cols.has(c.key)).map((c) => c.headers[c.headers.length - 1]!);
  if (missing.length) say(sheet, start, 0, `${name}缺少列：${[...new Set(missing)].map((t) => `“${t}”`).join('、')}`);
  const unitRe = new RegExp(unitPattern ?? DEFAULT_UNIT);
  let unit: Unit | undefined;
  for (let r = 0; r < start && !unit; r++) {
    for (const c of sheet.rows[r] ?? []) {
      const m = unitRe.exec(norm(textOf(c)));
      if (m) unit = m[1] as Unit;
    }
  }
  if (!unit) {
    say(sheet, 0, 0, `${name}没有写明金额单位（表头上方应有“单位：万元”或“单位：元”）：单位不能猜`, 'tables-unit');
    return undefined;
  }
  return { id: plan.id, plan, sheet, unit, cols, from: end + 1 };
}

export const placeOf = (sheet: BookSheet, r: number, c: number) => ({ sheet: sheet.name, cell: cellAddress(r, c), line: r + 1, column: c + 1 });

export type { Diagnostic };
