import { readFile } from 'node:fs/promises';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { catalogueFor } from '../load/catalogue.js';
import { isWorkbookFile, loadBook } from '../load/workbook.js';
import { renderDocument } from '../render/index.js';
import { loadWorkbookData } from '../workbook/index.js';
import { compareTables, importTables } from '../workbook/tables-import.js';
import { checkLoaded, type CheckedFile } from './check.js';
import { processWorld, type World } from './world.js';

/*
 * A template set's tables as exported (by a budget system or `gongkai export`) → the data file
 * they stand for. The set is the base data's; the tables are found by its declarations, or by an
 * import layout's texts where a system words them otherwise:
 *
 *   load the workbook (and the import layout)    load/workbook.ts, load/import-layout.ts
 *   the tables' facts into the base data          workbook/tables-import.ts
 *   validate → derive → audit                     checkLoaded
 *   every exported figure against the derived     compareTables (render's table models)
 */

export interface TablesImportResult {
  json?: Record<string, unknown>;
  checked?: CheckedFile;
  diagnostics: Diagnostic[];
}

async function rawData(file: string): Promise<{ json?: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  if (isWorkbookFile(file)) {
    const r = await loadWorkbookData(file);
    return { ...(r.json ? { json: r.json as Record<string, unknown> } : {}), diagnostics: r.diagnostics };
  }
  try {
    return { json: JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [{ file, path: '', rule: 'file-unreadable', severity: 'error', message: `基础数据文件无法读取：${(e as Error).message}` }] };
  }
}

/** A department's name and year as the exported tables print them, for a base made from nothing. */
function minimalBase(book: Awaited<ReturnType<typeof loadBook>>['book'], skeleton: (o: { name: string; year: number; code: string }) => Record<string, unknown>): Record<string, unknown> {
  let name = '';
  let year = 0;
  for (const s of book?.sheets ?? []) {
    for (const row of s.rows.slice(0, 6)) {
      for (const c of row ?? []) {
        const t = String(c?.v ?? '');
        const n = /部门名称[:：]\s*(.+)$/.exec(t);
        if (n && !name) name = n[1]!.trim();
        const y = /^(20\d\d)年/.exec(t.trim());
        if (y && !year) year = Number(y[1]);
      }
    }
  }
  return skeleton({ name: name || '（待填写：部门名称）', year: year || 2026, code: '000' });
}

export async function importTablesFile(file: string, options: { layout?: string; into?: string; skeleton: (o: { name: string; year: number; code: string }) => Record<string, unknown>; world?: World }): Promise<TablesImportResult> {
  const world = options.world ?? processWorld();
  const { layout, diagnostics: layoutDiagnostics } = options.layout !== undefined ? await world.importLayout(options.layout) : { layout: undefined, diagnostics: [] };
  if (options.layout !== undefined && !layout) return { diagnostics: layoutDiagnostics };
  const { book, diagnostics: bookDiagnostics } = await loadBook(file);
  if (!book) return { diagnostics: bookDiagnostics };
  const base = options.into ? await rawData(options.into) : { json: minimalBase(book, options.skeleton), diagnostics: [] };
  if (!base.json) return { diagnostics: base.diagnostics };
  const year = Number(base.json.year);
  const catalogue = catalogueFor(await world.catalogues(), year);
  const classes = new Map(Object.entries(catalogue?.departmentEconomic ?? {}).filter(([code]) => code.length === 3));
  // the base's template set declares the tables (a skeleton's is the default one)
  const setName = typeof base.json.templateSet === 'string' ? base.json.templateSet : String(options.skeleton({ name: '', year: year || 2026, code: '000' }).templateSet);
  const { env, diagnostics: envDiagnostics } = await world.environment(setName);
  if (!env) return { diagnostics: [...base.diagnostics, ...envDiagnostics] };
  const imported = importTables(book, env.set, layout, file, { base: base.json, economicClasses: classes, ownUnit: options.into !== undefined });
  const diagnostics = [...base.diagnostics, ...imported.diagnostics];
  if (!imported.json || hasErrors(diagnostics)) return { diagnostics };
  const checked = await checkLoaded(file, { json: imported.json, positions: imported.positions, diagnostics: [] }, { world });
  diagnostics.push(...checked.diagnostics);
  if (checked.data && checked.derived) diagnostics.push(...compareTables(imported.found, renderDocument(checked.derived, checked.data, env.set).tables, file));
  return { json: imported.json, checked, diagnostics };
}
