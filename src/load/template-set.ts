import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { formatPath, hasErrors, type Diagnostic } from '../diagnostics/index.js';
import type { MoneyDefaults, SheetDecl, TableDecl, TemplateSet, Theme } from '../render/template-set.js';
import { ClassesFile, SetFile, SheetFile, TableFile, ThemeFile } from '../schema/template-set.js';
import { parseJson } from './data.js';
import { templateSetDir } from './templates.js';

export { templateSetDir };

/*
 * A template set from disk: every JSON file read with positions and checked against its zod
 * schema (schema/template-set.ts), every template read as text. Problems are diagnostics with
 * file, path and line:col, never exceptions; the set is handed over only when all files are
 * sound. Cross-file rules (styles, partials, table ids) are the render stage's (render/check.ts).
 */

export interface LoadedTemplateSet {
  set?: TemplateSet;
  diagnostics: Diagnostic[];
}

/** Reads a whole template set from its folder; each call reads again (the World keeps what it read). */
export function loadTemplateSet(name: string, options: { root?: string; dir?: string } = {}): Promise<LoadedTemplateSet> {
  return readTemplateSet(name, options.dir ?? templateSetDir(name, options.root));
}

async function readText(file: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    diagnostics.push({ file, path: '', rule: 'template-file', severity: 'error', message: code === 'ENOENT' ? '模板文件不存在' : `模板文件无法读取（${code ?? (e as Error).message}）` });
    return undefined;
  }
}

/** A JSON file of the set, checked against its schema; undefined (with diagnostics) when it is not sound. */
async function jsonFile<T extends z.ZodType>(file: string, schema: T, diagnostics: Diagnostic[]): Promise<z.infer<T> | undefined> {
  const text = await readText(file, diagnostics);
  if (text === undefined) return undefined;
  const parsed = parseJson(text, file);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.json === undefined) return undefined;
  const r = schema.safeParse(parsed.json);
  if (r.success) return r.data;
  for (const issue of r.error.issues.slice(0, 20)) {
    const p = formatPath(issue.path as Array<string | number>);
    // a key that is not allowed is named, and placed where it is written
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    const at = keys.length ? (p ? `${p}.${keys[0]}` : keys[0]!) : p;
    const pos = parsed.positions.get(at) ?? parsed.positions.get(p);
    const message = keys.length ? `不认识的字段“${keys.join('”“')}”（拼写错误？）` : issue.message;
    diagnostics.push({ file, path: at, rule: 'template-schema', severity: 'error', message: `模板集文件格式错误：${message}`, ...(pos ? { line: pos.line, column: pos.column } : {}) });
  }
  return undefined;
}

/** set.json's money with its defaults: tables and text in 万元, two decimals, half-up. */
function moneyDefaults(m: SetFile['money']): MoneyDefaults {
  const unit = m?.unit ?? '万元';
  return { unit, textUnit: m?.textUnit ?? '万元', textDecimals: m?.textDecimals ?? 2, rounding: m?.rounding ?? 'ROUND_HALF_UP', changes: m?.changes ?? 'exact' };
}

async function readTemplateSet(name: string, dir: string): Promise<LoadedTemplateSet> {
  const diagnostics: Diagnostic[] = [];
  const setFile = await jsonFile(path.join(dir, 'set.json'), SetFile, diagnostics);
  const templates: TemplateSet['templates'] = {};
  const documentFile = path.join(dir, 'document.hbs');
  const document = await readText(documentFile, diagnostics);
  if (document !== undefined) templates.document = { source: document, file: documentFile };
  const partialDir = path.join(dir, 'partials');
  let partials: string[] = [];
  try {
    partials = (await readdir(partialDir)).filter((f) => f.endsWith('.hbs')).sort();
  } catch {
    // a set without partials is allowed; a partial it uses but lacks is reported by render/check.ts
  }
  for (const f of partials) {
    const file = path.join(partialDir, f);
    const source = await readText(file, diagnostics);
    if (source !== undefined) templates[f.slice(0, -4)] = { source, file };
  }
  const tables: Record<string, TableDecl> = {};
  for (const id of setFile?.tables ?? []) {
    const t = await jsonFile(path.join(dir, 'tables', `${id}.json`), TableFile, diagnostics);
    if (t) tables[id] = { ...(t as Omit<TableDecl, 'id'>), id };
  }
  const classes = await jsonFile(path.join(dir, 'classes.json'), ClassesFile, diagnostics);
  const sheet = await jsonFile(path.join(dir, 'sheet.json'), SheetFile, diagnostics);
  const theme = await jsonFile(path.join(dir, 'theme.json'), ThemeFile, diagnostics);
  if (hasErrors(diagnostics) || !setFile || !classes || !sheet || !theme) return { diagnostics };
  return {
    set: {
      name,
      dir,
      money: moneyDefaults(setFile.money),
      templates,
      tables,
      tableOrder: setFile.tables,
      documents: setFile.documents ?? ['department'],
      meta: setFile.meta,
      charts: setFile.charts ?? {},
      classes: classes.classes,
      sheet: sheet as SheetDecl,
      theme: theme as unknown as Theme,
    },
    diagnostics,
  };
}
