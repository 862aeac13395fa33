import type { MoneyUnit } from '../derive/format.js';
import { resolveFormat, type FormatEnv, type FormatSpec, type ResolvedFormat } from './formats.js';
import type { CompiledSet } from './handlebars.js';
import { getPath, TemplateError } from './handlebars.js';
import type { CellSpec, RowGroup, TableDecl, TemplateSet } from './template-set.js';
import { unseal } from './text.js';

/*
 * The table engine, first half: a declaration from the template set plus the derived model
 * become a grid of printed strings. The layout half (src/layout/table.ts) draws any such grid.
 * Thirteen tables are thirteen declarations read by this one function.
 */

export interface ModelCell {
  text: string;
  align: 'left' | 'center' | 'right';
  /** indentation level (0 = none) */
  indent: number;
  colSpan?: number;
  rowSpan?: number;
  /**
   * The amount behind a printed figure, exact, in the unit the cell prints (万元 or 元; text is it
   * rounded): what the exported workbook stores, so the tables read back give the data, not its
   * rounding. The declaration's format (render/formats.ts) says the unit and reads it back.
   */
  exact?: string;
}

export interface ModelRow {
  kind: 'total' | 'item';
  cells: ModelCell[];
}

export interface TableModel {
  id: string;
  label: string;
  title: string;
  toc: string;
  widths: number[];
  /** The table's money unit (its cells may still say another) and its 单位 line, rendered. */
  unit?: MoneyUnit;
  unitLine?: string;
  /** Landscape pages for this table; absent = portrait. */
  orientation?: 'landscape';
  header: ModelCell[][];
  rows: ModelRow[];
  /** Every amount the table prints is zero: it is printed with 注：本表无数据. */
  empty: boolean;
  notes: string[];
}

interface Ctx {
  set: TemplateSet;
  hbs: CompiledSet;
  root: Record<string, unknown>;
  decl: TableDecl;
  env: FormatEnv;
  nonZero: boolean;
}

/** Each declaration's `f`, resolved once (the schema has checked it at load). */
const resolved = new Map<FormatSpec | undefined, ResolvedFormat>();
function formatOf(ctx: Ctx, f: FormatSpec | undefined): ResolvedFormat {
  const key = typeof f === 'object' ? JSON.stringify(f) : f;
  let hit = resolved.get(key);
  if (!hit) {
    const r = resolveFormat(f);
    if ('issues' in r) fail(ctx, `格式 ${JSON.stringify(f)}：${r.issues.map((i) => i.message).join('；')}`);
    resolved.set(key, (hit = r));
  }
  return hit;
}

function fail(ctx: Ctx, message: string): never {
  throw new TemplateError(`${ctx.set.name}/tables/${ctx.decl.id}.json`, undefined, message);
}

/**
 * A template source over the (sealed) context; the result stays sealed until it is printed. A
 * row of an `each` group reads its place in the group as `@index` (a region numbering its
 * printed rows: 一、一般公共服务支出, 二、科学技术支出 …).
 */
function expand(ctx: Ctx, source: string, item: unknown, index?: number): string {
  return source.includes('{{') ? ctx.hbs.inline(source)(item ?? {}, index === undefined ? { d: ctx.root } : { d: ctx.root, index }) : source;
}

/** What a cell prints: the sealed text as the characters it stands for. */
const printed = (c: ModelCell): ModelCell => ({ ...c, text: unseal(c.text) });

interface Scope {
  item: unknown;
  at: unknown;
  label: string;
  kind: 'total' | 'item';
  level: number;
  /** The row's place among the rows its `each` group prints (from 0). */
  index?: number;
}

/**
 * A cell's value by its path. A key written in the declaration must exist on the object it is
 * read from — a misspelt path is a template error, not a blank cell; a key produced by `{{…}}`
 * (a class code looked up in a table of classes) may be absent, and so may anything below a
 * value that is not stated (null).
 */
function readValue(ctx: Ctx, v: string, scope: Scope): unknown {
  if (v === '@label') return scope.label;
  if (v === '@') return scope.at;
  const fromRoot = v.startsWith('$.');
  let cur: unknown = fromRoot ? ctx.root : scope.at !== undefined ? scope.at : scope.item;
  const segments = (fromRoot ? v.slice(2) : v).split('.').filter((k) => k !== '');
  for (const [i, raw] of segments.entries()) {
    const computed = raw.includes('{{');
    const key = computed ? expand(ctx, raw, scope.item) : raw;
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object') fail(ctx, `路径“${v}”在“${segments.slice(0, i).join('.')}”处已是一个值，不能再读“${key}”`);
    if (!Object.prototype.hasOwnProperty.call(cur, key)) {
      if (computed) return undefined;
      const known = Object.keys(cur as object).filter((k) => !k.startsWith('_')).slice(0, 12);
      fail(ctx, `路径“${v}”找不到“${key}”${i ? `（在“${segments.slice(0, i).join('.')}”之下）` : ''}：可用的有 ${known.join('、')}${known.length === 12 ? ' 等' : ''}`);
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function cell(ctx: Ctx, spec: CellSpec, scope: Scope): ModelCell {
  if (typeof spec === 'string') return { text: expand(ctx, spec, scope.item, scope.index), align: 'left', indent: 0 };
  const indent = spec.indent === true ? scope.level : typeof spec.indent === 'number' ? spec.indent : 0;
  const out = (text: string, align: ModelCell['align']): ModelCell => {
    const c: ModelCell = { text, align: spec.align ?? align, indent: Math.max(0, indent) };
    if (spec.colSpan) c.colSpan = spec.colSpan;
    return c;
  };
  const kindText = spec.byKind?.[scope.kind];
  if (kindText !== undefined) return out(expand(ctx, kindText, scope.item, scope.index), 'left');
  if (spec.t !== undefined) return out(expand(ctx, spec.t, scope.item, scope.index), 'left');
  if (spec.v === undefined) fail(ctx, '单元格声明须有 v 或 t');
  const value = readValue(ctx, spec.v, scope);
  const { name, format, options } = formatOf(ctx, spec.f);
  const p = format.print(value, options, ctx.env);
  if (!p) fail(ctx, `“${spec.v}”的值不能按格式“${name}”打印（${typeof value === 'object' ? '不是数字或文字' : JSON.stringify(value)}）`);
  if (p.nonZero) ctx.nonZero = true;
  const c = out(p.text, p.align);
  if (p.exact !== undefined) c.exact = p.exact;
  return c;
}

function rowsOf(ctx: Ctx, groups: RowGroup[], columns: CellSpec[] | undefined): ModelRow[] {
  const out: ModelRow[] = [];
  for (const g of groups) {
    const specs = g.row ?? columns;
    if (!specs) fail(ctx, '行声明既无 row 也无 columns');
    if (g.each) {
      const list = g.each === '@classes' ? ctx.set.classes : g.each.startsWith('$.') ? getPath(ctx.root, g.each.slice(2)) : undefined;
      if (!Array.isArray(list)) fail(ctx, `“${g.each}”不是列表`);
      let index = 0;
      for (const item of list) {
        if (g.levels) {
          const l = getPath(item, 'level');
          if (typeof l === 'number' && !g.levels.includes(l)) continue;
        }
        const kind = (getPath(item, 'kind') === 'total' ? 'total' : 'item') as Scope['kind'];
        const levelRaw = getPath(item, 'level');
        const level = typeof levelRaw === 'number' ? levelRaw : (g.level ?? 0);
        const scope: Scope = { item, at: undefined, label: g.label ?? '', kind, level, index: index++ };
        out.push({ kind, cells: specs.map((s) => cell(ctx, s, scope)) });
      }
    } else {
      const at = g.at ? (g.at.startsWith('$.') ? getPath(ctx.root, g.at.slice(2)) : fail(ctx, `at 须以 $. 开头：${g.at}`)) : undefined;
      const kind = g.kind ?? 'item';
      const scope: Scope = { item: {}, at, label: g.label ?? '', kind, level: g.level ?? 0 };
      out.push({ kind, cells: specs.map((s) => cell(ctx, s, scope)) });
    }
  }
  return out;
}

function blankCells(n: number): ModelCell[] {
  return Array.from({ length: n }, () => ({ text: '', align: 'left' as const, indent: 0 }));
}

export function resolveTable(decl: TableDecl, set: TemplateSet, hbs: CompiledSet, root: Record<string, unknown>): TableModel {
  const unit = decl.unit ?? set.money.unit;
  const env: FormatEnv = { unit, grouping: { 万元: set.theme.numbers.wan.grouping, 元: set.theme.numbers.yuan.grouping }, rounding: set.money.rounding };
  const ctx: Ctx = { set, hbs, root, decl, env, nonZero: false };
  const text = (s: string) => expand(ctx, s, root);
  const header = decl.header.map((r) =>
    r.map((h): ModelCell => {
      const c: ModelCell = { text: text(typeof h === 'string' ? h : h.text), align: 'center', indent: 0 };
      if (typeof h !== 'string') {
        if (h.colSpan) c.colSpan = h.colSpan;
        if (h.rowSpan) c.rowSpan = h.rowSpan;
      }
      return c;
    }),
  );
  let rows: ModelRow[];
  if (decl.sides) {
    const left = rowsOf(ctx, decl.sides.left.rows, decl.sides.left.columns);
    const right = rowsOf(ctx, decl.sides.right.rows, decl.sides.right.columns);
    const nl = decl.sides.left.columns.length;
    const nr = decl.sides.right.columns.length;
    rows = [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const l = left[i];
      const r = right[i];
      rows.push({
        kind: l?.kind === 'total' || r?.kind === 'total' ? 'total' : 'item',
        cells: [...(l?.cells ?? blankCells(nl)), ...(r?.cells ?? blankCells(nr))],
      });
    }
  } else {
    rows = rowsOf(ctx, decl.body ?? [], decl.columns);
  }
  if (decl.footer) rows.push(...rowsOf(ctx, decl.footer, undefined));
  const width = decl.widths.length;
  for (const r of [...header, ...rows.map((x) => x.cells)]) {
    // pdfmake wants every cell present, spanned ones as placeholders
    const covered = r.length;
    if (covered !== width) fail(ctx, `行的单元格数 ${covered} 与列数 ${width} 不符`);
  }
  const plain = (s: string) => unseal(text(s));
  return {
    id: decl.id,
    label: plain(decl.label),
    title: plain(decl.title),
    toc: plain(decl.toc),
    widths: decl.widths,
    unit,
    unitLine: unseal(hbs.inline(set.meta.tableUnit)({ ...root, unit })),
    ...(decl.orientation === 'landscape' ? { orientation: 'landscape' as const } : {}),
    header: header.map((r) => r.map(printed)),
    rows: rows.map((r) => ({ kind: r.kind, cells: r.cells.map(printed) })),
    empty: !ctx.nonZero,
    notes: (decl.notes ?? []).map(plain),
  };
}
