import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { cellAddress, isBlankCell as blank, type Book, type BookCell, type BookSheet } from '../load/workbook.js';
import { LIMITS } from '../schema/common.js';
import { GUIDE_SHEET, SHEETS, type Field, type ParagraphsSheet, type RecordSheet, type TableSheet } from './spec.js';
import { getAt, joinPath, numberText, setAt } from './values.js';

/*
 * A gongkai workbook back to a data file: each sheet by its spec (spec.ts), each cell by its
 * column's type. The result goes through the same validation and audit as a JSON file; every
 * value's place is kept as `sheet › cell`, so those diagnostics point at the cell too. What the
 * workbook itself gets wrong — a missing sheet or column, text in an amount, a formula without a
 * cached value, a merged or hidden row hiding data — is said here, with its cell.
 */

export interface ReadWorkbook {
  json?: Record<string, unknown>;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
}

/** Containers the data format requires even when the workbook leaves them empty. */
const ROOT: Array<[string, () => unknown]> = [
  ['department.units', () => []],
  ['department.duties', () => []],
  ['department.organisation', () => []],
  ['expenditure.subjects', () => []],
  ['expenditure.lines', () => []],
  ['basicByEconomic', () => []],
  ['govFundIncome', () => []],
  ['stateCapitalIncome', () => []],
  ['threePublic', () => ({})],
  ['operatingCosts', () => []],
  ['projects', () => []],
  ['carryoverProjects', () => []],
  ['narrative.reasons', () => ({})],
  ['narrative.procurement', () => ({})],
  ['narrative.performance', () => ({})],
  ['narrative.assets', () => ({})],
  ['narrative.purchaseServices', () => []],
  ['narrative.other', () => []],
  ['performanceSheets', () => []],
];
/** Within an object that exists, the lists it requires. */
const WITHIN: Array<[string, string]> = [
  ['approval', 'approval.items'],
  ['approval', 'approval.attachments'],
  ['glossary', 'glossary.entries'],
];
/** Within each performance sheet. */
const SHEET_ITEM: Array<[string, () => unknown]> = [
  ['funds.implementation', () => ({})],
  ['funds.annual', () => ({})],
  ['goals', () => ({})],
  ['indicators.implementation', () => []],
  ['indicators.annual', () => []],
];
/** Within each project statement: its paragraphs and parts come from child sheets, maybe none. */
const STATEMENT_ITEM: Array<[string, () => unknown]> = [
  ['overview', () => []],
  ['basis', () => []],
  ['plan', () => []],
  ['budget.parts', () => []],
];

type Converted = { value?: unknown; problem?: { message: string; severity?: Severity; rule?: string } };

const DASHES = /^[-—–－―]+$/;

/** A cell as its column's type says. `unit`: the workbook's money unit, for amounts written with one. */
export function convert(cell: BookCell, field: Field, unit: string): Converted {
  if (cell.f !== undefined && (cell.v === undefined || cell.t === 'z')) {
    return { problem: { message: `这一格是公式（=${cell.f}）但没有计算结果：请在 Excel 或 WPS 中打开、计算并保存后再导入`, rule: 'workbook-formula' } };
  }
  if (cell.t === 'e') return { problem: { message: `这一格是错误值 ${cell.w ?? ''}：请改正公式或填写数值`, rule: 'workbook-cell' } };
  const text = typeof cell.v === 'string' ? cell.v.replace(/\r\n?/g, '\n').trim() : undefined;
  switch (field.type) {
    case 'text':
      if (text !== undefined) return { value: text };
      if (typeof cell.v === 'number') return { value: cell.w ?? String(cell.v) };
      if (typeof cell.v === 'boolean') return { value: cell.v ? '是' : '否' };
      return {};
    case 'code':
    case 'digits':
      if (text !== undefined) return { value: text.normalize('NFKC').replace(/\s+/g, '') };
      if (typeof cell.v === 'number') {
        // a format such as 000 shows the zeros the number lost; otherwise the digits are as typed
        const shown = cell.w && /^\d+$/.test(cell.w) ? cell.w : Number.isInteger(cell.v) ? String(cell.v) : undefined;
        if (shown === undefined) return { problem: { message: `编码须为数字，这一格是 ${cell.v}`, rule: 'workbook-cell' } };
        return { value: shown };
      }
      return { problem: { message: '这一格须填编码（数字）', rule: 'workbook-cell' } };
    case 'money':
    case 'yuan':
    case 'decimal': {
      if (typeof cell.v === 'number') return { value: numberText(cell.v, cell.z) };
      if (text === undefined) return { problem: { message: '这一格须填数字', rule: 'workbook-cell' } };
      if (DASHES.test(text)) return {};
      let s = text.normalize('NFKC').replace(/[\s,，]/g, '');
      const own = field.type === 'yuan' ? '元' : field.type === 'money' ? unit : undefined;
      const m = /(万元|元)$/.exec(s);
      if (m) {
        if (own && m[1] !== own) return { problem: { message: `这一格写的是“${text}”（${m[1]}），本表金额单位是${own}：请换算后填写数字`, rule: 'workbook-unit' } };
        s = s.slice(0, -m[1]!.length);
      }
      if (field.type === 'decimal') s = s.replace(/%$/, '');
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { problem: { message: `${field.type === 'decimal' ? '数字' : '金额'}格内是文字“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”：请填写数字${own ? `（单位：${own}）` : ''}`, rule: 'workbook-cell' } };
      return { value: s.replace(/^(-?)0+(?=\d)/, '$1') };
    }
    case 'count': {
      const n = typeof cell.v === 'number' ? cell.v : text !== undefined && /^\d+$/.test(text.normalize('NFKC')) ? Number(text.normalize('NFKC')) : undefined;
      if (n === undefined || !Number.isInteger(n)) return { problem: { message: `这一格须填整数，而不是“${cell.w ?? String(cell.v)}”`, rule: 'workbook-cell' } };
      return { value: n };
    }
    case 'bool': {
      const v = typeof cell.v === 'boolean' ? cell.v : text === undefined ? undefined : ({ 是: true, 否: false, true: true, false: false, TRUE: true, FALSE: false, Y: true, N: false } as Record<string, boolean>)[text];
      if (v === undefined) return { problem: { message: `这一格须填“是”或“否”，而不是“${cell.w ?? String(cell.v)}”`, rule: 'workbook-cell' } };
      if (field.trueOnly && !v) return {};
      return { value: v };
    }
    case 'date': {
      if (typeof cell.v === 'number') {
        const d = cell.w && /^\d{4}-\d{2}-\d{2}$/.test(cell.w) ? cell.w : excelDate(cell.v);
        return d ? { value: d } : { problem: { message: `这一格须填日期（如 2026-02-04），而不是 ${cell.v}`, rule: 'workbook-cell' } };
      }
      const m = text === undefined ? null : /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC'));
      if (!m) return { problem: { message: `这一格须填日期，格式 2026-02-04，而不是“${text ?? cell.w ?? ''}”`, rule: 'workbook-cell' } };
      return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
    }
  }
}

/** An Excel date serial (1900 system) → YYYY-MM-DD. */
function excelDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const days = Math.floor(serial) - (serial >= 60 ? 1 : 0); // Excel's 1900-02-29
  const d = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

interface Ctx {
  file: string;
  unit: string;
  json: Record<string, unknown>;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
}

function at(ctx: Ctx, sheet: BookSheet, r: number, c: number) {
  return { sheet: sheet.name, cell: cellAddress(r, c), line: r + 1, column: c + 1 };
}

function say(ctx: Ctx, sheet: BookSheet, r: number, c: number, message: string, rule = 'workbook-cell', severity: Severity = 'error', path = '') {
  ctx.diagnostics.push({ file: ctx.file, path, rule, severity, message, ...at(ctx, sheet, r, c) });
}

/** A value's place, and its enclosing objects' (the first of their cells) when they have none yet. */
function place(ctx: Ctx, path: string, sheet: BookSheet, r: number, c: number) {
  const here = at(ctx, sheet, r, c);
  if (!ctx.positions.has(path)) ctx.positions.set(path, here);
  // a.b.c → a.b → a, stopping at a list item: performanceSheets[3].goals.annual → …goals
  let p = path;
  while (/\.[^.[\]]+$/.test(p)) {
    p = p.replace(/\.[^.[\]]+$/, '');
    if (!ctx.positions.has(p)) ctx.positions.set(p, here);
  }
}

/** Merged ranges and hidden rows in the data area hide values: said, once each. */
function checkLayout(ctx: Ctx, sheet: BookSheet, firstDataRow: number) {
  for (const m of sheet.merges) {
    if (m.e.r < firstDataRow || m.s.r === m.e.r) continue;
    say(ctx, sheet, m.s.r, m.s.c, `合并的单元格 ${cellAddress(m.s.r, m.s.c)}:${cellAddress(m.e.r, m.e.c)} 跨了几行：合并后只有第一行有值，其余行的数据会丢失。请取消合并，每行都填上`, 'workbook-merged');
  }
  for (const r of sheet.hiddenRows) {
    if (r < firstDataRow) continue;
    const row = sheet.rows[r] ?? [];
    if (row.some((c) => !blank(c))) say(ctx, sheet, r, 0, `第${r + 1}行被隐藏，但有数据：隐藏的行同样会印进文档。请取消隐藏并确认这一行`, 'workbook-hidden-row');
  }
  if (sheet.truncated) say(ctx, sheet, sheet.truncatedAt ?? LIMITS.rows, 0, `工作表超过 ${LIMITS.rows} 行，超出的部分没有读取：一个部门不会有这么多行，请删去多余的行`, 'too-many');
}

/**
 * Values in columns without a header: the reader reads columns by their header, so these would
 * be dropped without a word. Said once per column, at its first such cell.
 */
function headerlessValues(ctx: Ctx, sheet: BookSheet, headerRow: number) {
  const header = sheet.rows[headerRow] ?? [];
  const found = new Map<number, { r: number; n: number }>();
  sheet.rows.forEach((row, r) => {
    if (r <= headerRow || !row) return;
    row.forEach((cell, c) => {
      if (!blank(header[c]) || blank(cell)) return;
      const seen = found.get(c);
      if (seen) seen.n++;
      else found.set(c, { r, n: 1 });
    });
  });
  for (const [c, { r, n }] of [...found].sort((a, b) => a[0] - b[0])) {
    const column = cellAddress(0, c).replace(/\d+$/, '');
    say(ctx, sheet, r, c, `${column} 列没有表头，${n > 1 ? `${cellAddress(r, c)} 等 ${n} 格的内容` : '这一格的内容'}没有读取：请把内容移到对应的列，或删去`, 'workbook-column-unread', 'warning');
  }
}

function headerMap(ctx: Ctx, sheet: BookSheet, columns: Field[], row: number): Map<Field, number> {
  const cells = sheet.rows[row] ?? [];
  const found = new Map<string, number>();
  cells.forEach((c, i) => {
    if (c && typeof c.v === 'string') found.set(c.v.replace(/\s+/g, ''), i);
  });
  const map = new Map<Field, number>();
  const missing: string[] = [];
  for (const f of columns) {
    const i = found.get(f.header.replace(/\s+/g, ''));
    // a column added after workbooks went out: one made before it reads without it
    if (i === undefined) {
      if (!f.addedLater) missing.push(f.header);
    } else map.set(f, i);
  }
  if (missing.length) say(ctx, sheet, row, 0, `缺少列：${missing.map((h) => `“${h}”`).join('、')}。请不要删除或改写表头（第${row + 1}行）；不用的列留空即可`, 'workbook-column-missing');
  const known = new Set(columns.map((f) => f.header.replace(/\s+/g, '')));
  for (const [h, i] of found) if (!known.has(h)) say(ctx, sheet, row, i, `不认识的列“${h}”，已忽略`, 'workbook-column-unknown', 'warning');
  return map;
}

/** A row's fields into `target` (paths relative to it), with their places. */
function readFields(ctx: Ctx, sheet: BookSheet, r: number, fields: Field[], cols: Map<Field, number>, target: Record<string, unknown>, base: string): boolean {
  let any = false;
  for (const f of fields) {
    const c = cols.get(f);
    if (c === undefined || f.path === '#') continue;
    const cell = sheet.rows[r]?.[c];
    const full = f.path ? `${base}.${f.path}` : base;
    if (blank(cell)) {
      if (f.emptyText) setAt(target, f.path, '');
      place(ctx, full, sheet, r, c);
      continue;
    }
    const { value, problem } = convert(cell!, f, ctx.unit);
    if (problem) {
      say(ctx, sheet, r, c, `${f.header}：${problem.message}`, problem.rule, problem.severity, full);
      continue;
    }
    if (value === undefined) continue;
    if (f.options && typeof value === 'string' && !f.options.includes(value)) {
      say(ctx, sheet, r, c, `${f.header}须为 ${f.options.join('、')} 之一，而不是“${value}”`, 'workbook-cell', 'error', full);
      continue;
    }
    if (f.path) setAt(target, f.path, value);
    ctx.positions.set(full, at(ctx, sheet, r, c));
    place(ctx, full, sheet, r, c);
    any = true;
  }
  return any;
}

function readRecord(ctx: Ctx, sheet: BookSheet, spec: RecordSheet) {
  checkLayout(ctx, sheet, 1);
  headerlessValues(ctx, sheet, 0);
  const byLabel = new Map(spec.fields.map((f) => [f.header.replace(/\s+/g, ''), f]));
  const seen = new Set<Field>();
  sheet.rows.forEach((row, r) => {
    if (r === 0 || !row) return;
    const label = row[0];
    if (blank(label)) {
      if (row.slice(1).some((c) => !blank(c))) say(ctx, sheet, r, 0, '这一行有内容但没有“项目”名称：已忽略', 'workbook-row', 'warning');
      return;
    }
    const f = byLabel.get(String(label!.v ?? '').replace(/\s+/g, ''));
    if (!f) {
      say(ctx, sheet, r, 0, `不认识的项目“${String(label!.v)}”，已忽略`, 'workbook-row', 'warning');
      return;
    }
    seen.add(f);
    const cell = row[1];
    if (blank(cell)) {
      place(ctx, f.path, sheet, r, 1);
      return;
    }
    const { value, problem } = convert(cell!, f, ctx.unit);
    if (problem) return say(ctx, sheet, r, 1, `${f.header}：${problem.message}`, problem.rule, problem.severity, f.path);
    if (value === undefined) return place(ctx, f.path, sheet, r, 1);
    if (f.options && typeof value === 'string' && !f.options.includes(value)) return say(ctx, sheet, r, 1, `${f.header}须为 ${f.options.join('、')} 之一，而不是“${value}”`, 'workbook-cell', 'error', f.path);
    setAt(ctx.json, f.path, value);
    ctx.positions.set(f.path, at(ctx, sheet, r, 1));
    place(ctx, f.path, sheet, r, 1);
  });
  const missing = spec.fields.filter((f) => !seen.has(f) && !f.addedLater);
  if (missing.length) say(ctx, sheet, 0, 0, `缺少项目：${missing.map((f) => `“${f.header}”`).join('、')}（请不要删除行）`, 'workbook-row-missing', 'warning');
}

function dataRows(sheet: BookSheet, from: number): number[] {
  const out: number[] = [];
  for (let r = from; r < sheet.rows.length; r++) if ((sheet.rows[r] ?? []).some((c) => !blank(c))) out.push(r);
  return out;
}

/** The 序号 of each performance sheet row, for the indicators. */
type Keys = Map<string, Map<string, number>>;

function readTable(ctx: Ctx, sheet: BookSheet, spec: TableSheet, keys: Keys) {
  checkLayout(ctx, sheet, 1);
  const key = spec.parent?.key;
  const split = spec.parent?.split;
  const splitField: Field | undefined = split ? { header: split.header, path: '@split', type: 'text', note: split.note, options: Object.keys(split.values) } : undefined;
  const indexField = spec.columns.find((f) => f.path === '#');
  const columns = [...(key ? [key] : []), ...(splitField ? [splitField] : []), ...(spec.group?.columns ?? []), ...spec.columns];
  const cols = headerMap(ctx, sheet, columns, 0);
  headerlessValues(ctx, sheet, 0);
  if (!ctx.positions.has(spec.list)) ctx.positions.set(spec.list, at(ctx, sheet, 0, 0));
  const rows = dataRows(sheet, 1);
  if (rows.length > LIMITS.rows) say(ctx, sheet, rows[LIMITS.rows]!, 0, `行数超过 ${LIMITS.rows}：请删去多余的行`, 'too-many');

  if (spec.parent) {
    // rows of another sheet's items: found by their key
    const parents = (getAt(ctx.json, spec.parent.list) as Array<Record<string, unknown>> | undefined) ?? [];
    const index = keys.get(spec.parent.sheet) ?? new Map<string, number>();
    for (const r of rows.slice(0, LIMITS.rows)) {
      const kc = cols.get(key!);
      const kcell = kc === undefined ? undefined : sheet.rows[r]?.[kc];
      if (blank(kcell)) {
        say(ctx, sheet, r, kc ?? 0, `缺少“${key!.header}”：不知道这一行属于哪一张${spec.parent.sheet}`, 'workbook-cell');
        continue;
      }
      const k = String(kcell!.v).trim();
      const i = index.get(k);
      if (i === undefined || !parents[i]) {
        say(ctx, sheet, r, kc!, `“${spec.parent.sheet}”中没有${key!.header} ${k}`, 'workbook-cell');
        continue;
      }
      let into = spec.parent.into;
      if (split) {
        const sc = cols.get(splitField!);
        const scell = sc === undefined ? undefined : sheet.rows[r]?.[sc];
        const where = blank(scell) ? undefined : split.values[String(scell!.v).trim()];
        if (!where) {
          say(ctx, sheet, r, sc ?? 0, `“${split.header}”须为 ${Object.keys(split.values).join('、')} 之一`, 'workbook-cell');
          continue;
        }
        into = joinPath(into, where);
      }
      const list = (getAt(parents[i], into) as unknown[] | undefined) ?? [];
      if (!getAt(parents[i], into)) setAt(parents[i]!, into, list);
      const base = `${joinPath(`${spec.parent.list}[${i}]`, into)}[${list.length}]`;
      const leaf = spec.columns.length === 1 && spec.columns[0]!.path === '' ? spec.columns[0]! : undefined;
      if (leaf) {
        // a list of texts (paragraphs): the row's one cell is the item
        const c = cols.get(leaf);
        const cell = c === undefined ? undefined : sheet.rows[r]?.[c];
        if (blank(cell)) continue;
        const { value, problem } = convert(cell!, leaf, ctx.unit);
        if (problem) say(ctx, sheet, r, c!, `${leaf.header}：${problem.message}`, problem.rule, problem.severity, base);
        else if (value !== undefined) {
          list.push(value);
          ctx.positions.set(base, at(ctx, sheet, r, c!));
        }
        continue;
      }
      const item: Record<string, unknown> = {};
      readFields(ctx, sheet, r, spec.columns, cols, item, base);
      place(ctx, base, sheet, r, 0);
      list.push(item);
    }
    return;
  }

  const list: unknown[] = [];
  const ownKeys = new Map<string, number>();
  let group: { values: string; item: Record<string, unknown>; items: unknown[]; index: number } | undefined;
  for (const r of rows.slice(0, LIMITS.rows)) {
    if (spec.group) {
      const g: Record<string, unknown> = {};
      const gi = group && groupKey(sheet, r, spec.group.columns, cols) === group.values ? group.index : list.length;
      const base = `${spec.list}[${gi}]`;
      const values = groupKey(sheet, r, spec.group.columns, cols);
      if (!group || values !== group.values) {
        readFields(ctx, sheet, r, spec.group.columns, cols, g, base);
        place(ctx, base, sheet, r, 0);
        const items: unknown[] = [];
        setAt(g, spec.group.items, items);
        list.push(g);
        group = { values, item: g, items, index: list.length - 1 };
      }
      const itemBase = `${base}.${spec.group.items}[${group.items.length}]`;
      const leafOnly = spec.columns.length === 1 && spec.columns[0]!.path === '';
      if (leafOnly) {
        const f = spec.columns[0]!;
        const c = cols.get(f);
        const cell = c === undefined ? undefined : sheet.rows[r]?.[c];
        if (!blank(cell)) {
          const { value, problem } = convert(cell!, f, ctx.unit);
          if (problem) say(ctx, sheet, r, c!, `${f.header}：${problem.message}`, problem.rule, problem.severity, itemBase);
          else if (value !== undefined) {
            group.items.push(value);
            ctx.positions.set(itemBase, at(ctx, sheet, r, c!));
          }
        }
      } else {
        const item: Record<string, unknown> = {};
        readFields(ctx, sheet, r, spec.columns, cols, item, itemBase);
        place(ctx, itemBase, sheet, r, 0);
        group.items.push(item);
      }
      continue;
    }
    const base = `${spec.list}[${list.length}]`;
    const item: Record<string, unknown> = {};
    readFields(ctx, sheet, r, spec.columns, cols, item, base);
    place(ctx, base, sheet, r, 0);
    if (indexField) {
      const c = cols.get(indexField);
      const cell = c === undefined ? undefined : sheet.rows[r]?.[c];
      const k = blank(cell) ? String(list.length + 1) : String(cell!.v).trim();
      if (ownKeys.has(k)) say(ctx, sheet, r, c ?? 0, `${indexField.header} ${k} 重复：${children(spec.name)}按它对应，须各不相同`, 'workbook-cell');
      ownKeys.set(k, list.length);
    }
    list.push(item);
  }
  if (indexField) keys.set(spec.name, ownKeys);
  if (list.length || !spec.optional) setAt(ctx.json, spec.list, list);
}

/** The sheets whose rows join this one's by its 序号, as a clerk reads them: “绩效指标”表. */
function children(name: string): string {
  return `${SHEETS.filter((s) => s.kind === 'table' && s.parent?.sheet === name).map((s) => `“${s.name}”`).join('和')}表`;
}

function groupKey(sheet: BookSheet, r: number, fields: Field[], cols: Map<Field, number>): string {
  return fields.map((f) => {
    const c = cols.get(f);
    const cell = c === undefined ? undefined : sheet.rows[r]?.[c];
    return blank(cell) ? '' : String(cell!.v).trim();
  }).join('\u0000');
}

function readParagraphs(ctx: Ctx, sheet: BookSheet, spec: ParagraphsSheet) {
  checkLayout(ctx, sheet, 1);
  const kind: Field = { header: '类别', path: '', type: 'text', note: '', options: spec.lists.map((l) => l.label) };
  const text: Field = { header: '段落', path: '', type: 'text', note: '' };
  const cols = headerMap(ctx, sheet, [kind, text], 0);
  headerlessValues(ctx, sheet, 0);
  const lists = new Map<string, unknown[]>();
  for (const r of dataRows(sheet, 1)) {
    const kc = cols.get(kind);
    const tc = cols.get(text);
    if (kc === undefined || tc === undefined) break;
    const k = sheet.rows[r]?.[kc];
    const t = sheet.rows[r]?.[tc];
    if (blank(k)) {
      say(ctx, sheet, r, kc, '缺少“类别”：不知道这一段属于哪里', 'workbook-cell');
      continue;
    }
    const label = String(k!.v).trim();
    const target = spec.lists.find((l) => l.label === label);
    if (!target) {
      say(ctx, sheet, r, kc, `“类别”须为 ${spec.lists.map((l) => l.label).join('、')} 之一，而不是“${label}”`, 'workbook-cell');
      continue;
    }
    if (blank(t)) continue;
    const { value, problem } = convert(t!, text, ctx.unit);
    const list = lists.get(target.path) ?? [];
    const path = `${target.path}[${list.length}]`;
    if (problem) {
      say(ctx, sheet, r, tc, problem.message, problem.rule, problem.severity, path);
      continue;
    }
    list.push(value);
    lists.set(target.path, list);
    ctx.positions.set(path, at(ctx, sheet, r, tc));
  }
  for (const l of spec.lists) {
    const got = lists.get(l.path);
    if (got) setAt(ctx.json, l.path, got);
    if (!ctx.positions.has(l.path)) ctx.positions.set(l.path, at(ctx, sheet, 0, 0));
  }
}

/** The workbook's sheets, by the names the spec gives them. */
export function readWorkbook(book: Book, file: string): ReadWorkbook {
  const ctx: Ctx = { file, unit: '万元', json: {}, positions: new Map(), diagnostics: [] };
  const byName = new Map(book.sheets.map((s) => [s.name.trim(), s]));
  const known = SHEETS.filter((s) => byName.has(s.name));
  if (known.length === 0) {
    ctx.diagnostics.push({
      file,
      path: '',
      rule: 'workbook-not-gongkai',
      severity: 'error',
      message: `这不是 gongkai 填报表：没有“${SHEETS[0]!.name}”等工作表（工作簿中的工作表：${book.sheets.map((s) => s.name).slice(0, 8).join('、')}）。请用 gongkai init --xlsx 生成的填报表填写`,
    });
    return { positions: ctx.positions, diagnostics: ctx.diagnostics };
  }
  for (const s of SHEETS) {
    // a sheet added later: a workbook made before it reads as it did
    if (s.kind === 'table' && s.addedLater) continue;
    if (!byName.has(s.name)) ctx.diagnostics.push({ file, path: '', rule: 'workbook-sheet-missing', severity: 'error', message: `缺少工作表“${s.name}”（请不要删除或改名工作表；没有内容的表留空即可）`, sheet: s.name });
  }
  const expected = new Set([GUIDE_SHEET, ...SHEETS.map((s) => s.name)]);
  const unknown = book.sheets.filter((s) => !expected.has(s.name.trim()));
  // a few are said each at its sheet; many (a wrong file, a damaged one) are one message
  if (unknown.length <= 3) for (const s of unknown) ctx.diagnostics.push({ file, path: '', rule: 'workbook-sheet-unknown', severity: 'warning', message: `不认识的工作表“${s.name}”，已忽略`, sheet: s.name });
  else ctx.diagnostics.push({ file, path: '', rule: 'workbook-sheet-unknown', severity: 'warning', message: `${unknown.length} 个不认识的工作表已忽略：${unknown.slice(0, 5).map((s) => `“${s.name}”`).join('、')}等`, sheet: unknown[0]!.name });

  // the money unit first: it says how every amount is read
  const info = byName.get(SHEETS[0]!.name);
  if (info) {
    for (const row of info.rows) {
      if (row?.[0]?.v === '金额单位' && typeof row[1]?.v === 'string' && row[1].v.trim() !== '') ctx.unit = row[1].v.trim();
    }
  }
  const keys: Keys = new Map();
  for (const spec of SHEETS) {
    const sheet = byName.get(spec.name);
    if (!sheet) continue;
    if (spec.kind === 'record') readRecord(ctx, sheet, spec);
    else if (spec.kind === 'table') readTable(ctx, sheet, spec, keys);
    else readParagraphs(ctx, sheet, spec);
  }
  for (const [path, make] of ROOT) if (getAt(ctx.json, path) === undefined) setAt(ctx.json, path, make());
  for (const [parent, path] of WITHIN) if (getAt(ctx.json, parent) !== undefined && getAt(ctx.json, path) === undefined) setAt(ctx.json, path, []);
  const sheets = getAt(ctx.json, 'performanceSheets') as Array<Record<string, unknown>>;
  for (const s of sheets) for (const [path, make] of SHEET_ITEM) if (getAt(s, path) === undefined) setAt(s, path, make());
  const statements = (getAt(ctx.json, 'projectStatements') as Array<Record<string, unknown>> | undefined) ?? [];
  for (const s of statements) for (const [path, make] of STATEMENT_ITEM) if (getAt(s, path) === undefined) setAt(s, path, make());
  return { json: ctx.json, positions: ctx.positions, diagnostics: ctx.diagnostics };
}
