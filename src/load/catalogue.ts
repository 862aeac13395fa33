import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { Catalogue } from '../schema/catalogue.js';
import { parseJson } from './data.js';
import { catalogueDir } from './paths.js';

/*
 * The catalogue files (data/catalogue/*.json), read and checked (once per World): the one whose
 * `years` holds a budget year serves it. A broken file is a diagnostic naming it; a year no file
 * serves is answered with no catalogue (the audit says so once).
 */

export { catalogueDir };

export interface LoadedCatalogues {
  files: Array<{ file: string; catalogue: Catalogue }>;
  diagnostics: Diagnostic[];
}

/** Reads every catalogue file under `dir`: each call reads again (the World keeps what it read). */
export function loadCatalogues(dir = catalogueDir()): Promise<LoadedCatalogues> {
  return readCatalogues(dir);
}

async function readCatalogues(dir: string): Promise<LoadedCatalogues> {
  const out: LoadedCatalogues = { files: [], diagnostics: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = parseJson(await readFile(file, 'utf8'), file);
    out.diagnostics.push(...parsed.diagnostics);
    if (parsed.json === undefined) continue;
    const r = Catalogue.safeParse(parsed.json);
    if (!r.success) {
      for (const issue of r.error.issues.slice(0, 10)) {
        const p = formatPath(issue.path);
        const pos = parsed.positions.get(p);
        out.diagnostics.push({ file, path: p, rule: 'catalogue-schema', severity: 'error', message: `科目目录格式错误：${issue.message}`, ...(pos ? { line: pos.line, column: pos.column } : {}) });
      }
      continue;
    }
    out.files.push({ file, catalogue: r.data });
  }
  return out;
}

/** The catalogue serving `year`, if any (the newest edition when several do). */
export function catalogueFor(loaded: LoadedCatalogues, year: number): Catalogue | undefined {
  const serving = loaded.files.filter((f) => f.catalogue.years.includes(year));
  return serving.sort((a, b) => (a.catalogue.edition < b.catalogue.edition ? 1 : -1))[0]?.catalogue;
}
