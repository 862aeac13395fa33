import { tableWording, type TableReads, type TableWording } from '../diagnostics/place.js';
import type { CellSpec, RowGroup, TemplateSet } from './template-set.js';

/*
 * What each table of a set prints, as paths of the derived model: the wording step names a table
 * in a message by the source it prints (diagnostics/place.ts). A row group's `each` / `at` is a
 * source; a cell's relative path is read under it (`subjectRows.current.total.total`), a `$.`
 * path as it is.
 */

function cellPaths(cells: readonly CellSpec[], base: string | undefined): string[] {
  return cells.flatMap((c) => {
    if (typeof c === 'string' || !c.v) return [];
    if (c.v.startsWith('$.')) return [c.v.slice(2)];
    return base && !c.v.startsWith('@') ? [`${base}.${c.v}`] : [];
  });
}

function groupPaths(groups: readonly RowGroup[] | undefined, columns: readonly CellSpec[] | undefined): string[] {
  return (groups ?? []).flatMap((g) => {
    const from = g.each ?? g.at;
    const base = from?.startsWith('$.') ? from.slice(2) : undefined;
    return [...(base ? [base] : []), ...cellPaths(g.row ?? columns ?? [], base)];
  });
}

export function tableReads(set: TemplateSet): TableReads[] {
  return set.tableOrder.flatMap((id) => {
    const t = set.tables[id];
    if (!t) return [];
    const paths = [
      ...groupPaths(t.body, t.columns),
      ...groupPaths(t.sides?.left.rows, t.sides?.left.columns),
      ...groupPaths(t.sides?.right.rows, t.sides?.right.columns),
      ...groupPaths(t.footer, t.columns),
    ];
    return [{ label: t.label, paths }];
  });
}

/** How a message names the set's tables, and its amounts in the set's unit for text. */
export function setTableWording(set: TemplateSet): TableWording {
  const unit = set.money.textUnit === '元' ? { name: '元', perWan: 10000 } : { name: '万元', perWan: 1 };
  return tableWording(tableReads(set), unit);
}
