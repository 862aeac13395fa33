import type { Derived } from '../derive/types.js';
import type { Department } from '../schema/index.js';
import { parseBlocks, type Block } from './blocks.js';
import { compileSet } from './handlebars.js';
import { resolveTable, type TableModel } from './table.js';
import { chartModel, isChartKind, shareItems, type ChartModel } from './chart.js';
import { TemplateError } from './handlebars.js';
import { sheetModel, type SheetModel, type SheetWording } from './sheet.js';
import { sealContext, unseal } from './text.js';
import { META_KEYS, UNRENDERED_META_KEYS } from '../schema/template-set.js';
import type { TemplateSet } from './template-set.js';

/*
 * Render stage: the derived model through the template set's Handlebars templates into blocks
 * of printed text and resolved tables. Pure: the template set arrives loaded.
 */

export interface RenderedDocument {
  blocks: Block[];
  tables: Record<string, TableModel>;
  /** The 项目支出绩效目标表, in order (the `::sheets` block places them). */
  sheets: SheetModel[];
  /** Each `::chart` block's model, by the block's index in `blocks`. */
  charts: Record<number, ChartModel>;
  /** The set's short wording, rendered: metadata, table meta line, notes, footer pattern, page labels. */
  meta: RenderedMeta;
}

export interface RenderedMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  tableMeta: string;
  tableUnit: string;
  emptyNote: string;
  /** `{{page}}` is the printed page number, filled in per page by the layout. */
  footer: string;
  /** Over a table's continuation on the next page; `{{label}}` and `{{title}}` are the table's, filled in by the layout. Empty: none. */
  continued: string;
  draft: string;
  forced: string;
  /** What the PDF viewer calls the pages that carry no printed number. */
  pageLabels: { cover: string; toc: string };
  /** The document's date (from the data): the PDF's creation and modification dates. */
  created: Date;
}

/**
 * Which document is printed: the 部门 document, or one unit's 单位 document (its data is the
 * unit's view, so `department.name` is the unit's name there; `department` here names the
 * department it belongs to). Templates and meta read it as `document.unit` / `document.department`.
 */
export interface DocumentContext {
  unit: boolean;
  /** The department's name (the 部门 document's own name in the 部门 document). */
  department: string;
}

/**
 * What the templates see: the derived model, the data as `source`, the table order, which
 * document this is (`document`), and the set's own meta keys (those the code does not read) as
 * `meta`, each rendered — every string sealed (text.ts).
 */
export function renderContext(derived: Derived, data: Department, set: TemplateSet, hbs = compileSet(set), document?: DocumentContext): Record<string, unknown> {
  const base = sealContext({ ...derived, source: data, tables: set.tableOrder, document: document ?? { unit: false, department: data.department.name } });
  const own = Object.keys(set.meta).filter((k) => !(META_KEYS as readonly string[]).includes(k) && !(UNRENDERED_META_KEYS as readonly string[]).includes(k));
  if (own.length === 0) return base;
  return { ...base, meta: Object.fromEntries(own.map((k) => [k, hbs.inline(set.meta[k]!)(base)])) };
}

/** A path of the derived model (`$.a.b`), or undefined. */
function derivedAt(derived: Derived, path: string): unknown {
  let v: unknown = derived;
  for (const key of path.slice(2).split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * `forcedErrors`: the audit errors a forced build prints despite (the 未通过审核 mark says how
 * many). `created`: the PDF's date when the build says so (SOURCE_DATE_EPOCH, --creation-date);
 * otherwise the data's 公开日期.
 */
export function renderDocument(derived: Derived, data: Department, set: TemplateSet, options: { forcedErrors?: number; created?: Date; document?: DocumentContext } = {}): RenderedDocument {
  const hbs = compileSet(set);
  const context = renderContext(derived, data, set, hbs, options.document);
  const blocks = parseBlocks(hbs.document(context), `${set.name}/document.hbs`);
  const tables: Record<string, TableModel> = {};
  const charts: Record<number, ChartModel> = {};
  blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      const decl = set.tables[b.text];
      if (!decl) throw new TemplateError(`${set.name}/document.hbs`, b.line, `模板引用了不存在的表格“${b.text}”（模板集的表格：${set.tableOrder.join('、')}）`);
      tables[b.text] = resolveTable(decl, set, hbs, context);
    } else if (b.kind === 'chart') {
      const [key = '', ...title] = b.text.split(' ');
      const decl = set.charts[key];
      if (!decl || !isChartKind(decl.kind)) throw new TemplateError(`${set.name}/document.hbs`, b.line, `未知的图表“${key}”（set.json 的 charts：${Object.keys(set.charts).join('、') || '无'}）`);
      const items = shareItems(derivedAt(derived, decl.items));
      if (!items) throw new TemplateError(`${set.name}/set.json`, undefined, `图表“${key}”的数据“${decl.items}”不是派生模型中的占比列表`);
      const label = hbs.inline(decl.label ?? set.meta.chartLabel);
      const model = chartModel(decl.kind, title.join(' '), items, (it) => unseal(label(sealContext(it), { d: context })));
      // what a reader who cannot see the chart hears: the set's words over its items, else the title and legend
      const alt = decl.alt ?? set.meta.chartAlt;
      charts[i] = { ...model, alt: alt ? unseal(hbs.inline(alt)(sealContext({ title: model.title, items }), { d: context })) : [model.title, ...model.slices.map((s) => s.label)].join(' ') };
    }
  });
  const m = (key: (typeof META_KEYS)[number]) => unseal(hbs.inline(set.meta[key])(context));
  const inline = (source: string) => unseal(hbs.inline(source)(context));
  const sheetWording: SheetWording = { title: inline(set.sheet.title), subtitle: inline(set.sheet.subtitle) };
  return {
    blocks,
    tables,
    sheets: derived.sheets.map((s) => sheetModel(s, set.sheet, sheetWording, set.theme.numbers)),
    charts,
    meta: {
      title: m('title'),
      author: derived.department.fullName,
      subject: m('subject'),
      keywords: m('keywords'),
      tableMeta: m('tableMeta'),
      // the set's unit; each table renders its own line too (its unit may differ)
      tableUnit: unseal(hbs.inline(set.meta.tableUnit)({ ...context, unit: set.money.unit })),
      emptyNote: m('emptyNote'),
      // {{page}} is filled per page by the layout
      footer: set.meta.footer,
      // {{label}} and {{title}} are each continued table's, filled in by the layout
      continued: set.meta.continued ?? '',
      draft: m('draft'),
      forced: unseal(hbs.inline(set.meta.forced)({ ...context, errors: options.forcedErrors ?? 0 })),
      pageLabels: { cover: m('labelCover'), toc: m('labelToc') },
      created: options.created ?? derived.creationDate,
    },
  };
}
