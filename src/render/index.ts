import type { Derived } from '../derive/types.js';
import type { Department } from '../schema/index.js';
import { parseBlocks, type Block } from './blocks.js';
import { compileSet } from './handlebars.js';
import { resolveTable, type TableModel } from './table.js';
import { sealContext, unseal } from './text.js';
import type { SheetWording, TemplateSet } from './template-set.js';

/*
 * Render stage: the derived model through the template set's Handlebars templates into blocks
 * of printed text and resolved tables. Pure: the template set arrives loaded.
 */

export interface RenderedDocument {
  blocks: Block[];
  tables: Record<string, TableModel>;
  /** The performance-sheet wording with its placeholders rendered. */
  sheet: SheetWording;
  /** The set's short wording, rendered: metadata, table meta line, notes, footer pattern. */
  meta: { title: string; author: string; subject: string; keywords: string; tableMeta: string; tableUnit: string; emptyNote: string; footer: string; draft: string; forced: string };
}

/** What the templates see: the derived model, the data as `source`, the table order — every string sealed (text.ts). */
export function renderContext(derived: Derived, data: Department, set: TemplateSet): Record<string, unknown> {
  return sealContext({ ...derived, source: data, tables: set.tableOrder });
}

/** `forcedErrors`: the audit errors a forced build prints despite (the 未通过审核 mark says how many). */
export function renderDocument(derived: Derived, data: Department, set: TemplateSet, options: { forcedErrors?: number } = {}): RenderedDocument {
  const hbs = compileSet(set);
  const context = renderContext(derived, data, set);
  const blocks = parseBlocks(hbs.document(context), `${set.name}/document.hbs`);
  const tables: Record<string, TableModel> = {};
  for (const b of blocks) {
    if (b.kind === 'table') {
      const decl = set.tables[b.text];
      if (!decl) throw new Error(`模板引用了不存在的表格“${b.text}”`);
      tables[b.text] = resolveTable(decl, set, hbs, context);
    }
  }
  const m = (key: keyof TemplateSet['meta']) => unseal(hbs.inline(set.meta[key])(context));
  const inline = (source: string) => unseal(hbs.inline(source)(context));
  return {
    blocks,
    tables,
    sheet: { title: inline(set.sheet.title), subtitle: inline(set.sheet.subtitle), labels: set.sheet.labels },
    meta: {
      title: m('title'),
      author: derived.department.fullName,
      subject: m('subject'),
      keywords: m('keywords'),
      tableMeta: m('tableMeta'),
      tableUnit: m('tableUnit'),
      emptyNote: m('emptyNote'),
      // {{page}} is filled per page by the layout
      footer: set.meta.footer,
      draft: m('draft'),
      forced: unseal(hbs.inline(set.meta.forced)({ ...context, errors: options.forcedErrors ?? 0 })),
    },
  };
}
