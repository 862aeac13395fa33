import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { ImportLayout } from '../schema/import-layout.js';
import { parseJson } from './data.js';
import { importLayoutDir } from './paths.js';

/*
 * Import layouts (data/import-layouts/<name>.json): read and checked against their schema.
 */

export { importLayoutDir };

export async function importLayoutNames(root?: string): Promise<string[]> {
  try {
    return (await readdir(importLayoutDir(root))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

export async function loadImportLayout(name: string, root?: string): Promise<{ layout?: ImportLayout; diagnostics: Diagnostic[] }> {
  const file = path.join(importLayoutDir(root), `${name}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = await importLayoutNames(root);
    return { diagnostics: [{ file, path: '', rule: 'import-layout', severity: 'error', message: `没有导入格式“${name}”（可用：${known.join('、') || '无'}；格式文件在 data/import-layouts/）` }] };
  }
  const parsed = parseJson(text, file);
  if (parsed.json === undefined) return { diagnostics: parsed.diagnostics };
  const r = ImportLayout.safeParse(parsed.json);
  if (r.success) return { layout: r.data, diagnostics: [] };
  return {
    diagnostics: r.error.issues.slice(0, 10).map((issue) => {
      const p = formatPath(issue.path as Array<string | number>);
      const pos = parsed.positions.get(p);
      return { file, path: p, rule: 'import-layout', severity: 'error' as const, message: `导入格式文件有误：${issue.message}`, ...(pos ? { line: pos.line, column: pos.column } : {}) };
    }),
  };
}
