import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { DEFAULT_TEMPLATE_SET } from '../schema/default-set.js';
import { GlossaryEntry } from '../schema/index.js';
import { parseJson } from './data.js';
import { templateRoots } from './paths.js';
import { packageRoot } from './root.js';

export interface TemplateGlossaryEntry {
  term: string;
  definition: string[];
}

export interface TemplateDefaults {
  /** The template set's default 名词解释 (derive merges the department's entries into it). */
  glossary: TemplateGlossaryEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Where a template set lives: `<folder>/<name>/` in the first template folder that has it (a
 * user's --templates / GONGKAI_TEMPLATES first, then gongkai's templates/); a set found nowhere
 * is looked for (and reported missing) in gongkai's own.
 */
export function templateSetDir(templateSet: string, root = packageRoot(), roots = templateRoots(root)): string {
  for (const r of roots) if (existsSync(path.join(r, templateSet, 'set.json'))) return path.join(r, templateSet);
  return path.join(roots[roots.length - 1]!, templateSet);
}

/** The template sets found along the search path: each folder of a template folder that holds a set.json, by name, once. */
export function templateSetNames(roots: readonly string[]): string[] {
  const names = new Set<string>();
  for (const r of roots) {
    let entries: string[];
    try {
      entries = readdirSync(r);
    } catch {
      continue; // a template folder named but missing: nothing found there
    }
    for (const name of entries) if (/^[a-z0-9-]+$/.test(name) && existsSync(path.join(r, name, 'set.json'))) names.add(name);
  }
  return [...names].sort();
}

const GlossaryFile = z.union([z.array(GlossaryEntry), z.strictObject({ $schema: z.string().optional(), entries: z.array(GlossaryEntry) })]);

/**
 * Reads what a template set contributes to the derived model: its default glossary
 * (`templates/<set>/glossary.json`: an array of `{term, definition}` or `{entries: [...]}`).
 * An unknown template set is a data problem (the data file names it, path `templateSet`); a set
 * without a glossary file has an empty default glossary.
 */
export async function loadTemplateDefaults(templateSet: string, options: { root?: string; file?: string; dir?: string } = {}): Promise<TemplateDefaults> {
  const dataFile = options.file ?? '';
  const diagnostics: Diagnostic[] = [];
  const unknown = (): TemplateDefaults => ({
    glossary: [],
    diagnostics: [
      {
        file: dataFile,
        path: 'templateSet',
        rule: 'unknown-template-set',
        severity: 'error',
        message: `模板集“${templateSet}”不存在（应为 templates/ 下的目录名，如 "${DEFAULT_TEMPLATE_SET}"）`,
      },
    ],
  });
  if (!/^[a-z0-9-]+$/.test(templateSet)) return unknown();
  const dir = options.dir ?? templateSetDir(templateSet, options.root);
  try {
    if (!(await stat(dir)).isDirectory()) return unknown();
  } catch {
    return unknown();
  }

  const glossaryFile = path.join(dir, 'glossary.json');
  let text: string;
  try {
    text = await readFile(glossaryFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { glossary: [], diagnostics };
    diagnostics.push({ file: glossaryFile, path: '', rule: 'read-error', severity: 'error', message: `无法读取模板名词解释“${glossaryFile}”：${(err as Error).message}` });
    return { glossary: [], diagnostics };
  }

  const parsed = parseJson(text, glossaryFile);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.json === undefined) return { glossary: [], diagnostics };
  const result = GlossaryFile.safeParse(parsed.json);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const p = formatPath(issue.path);
      const pos = parsed.positions.get(p);
      diagnostics.push({ file: glossaryFile, path: p, rule: 'schema', severity: 'error', message: `模板名词解释格式错误：${issue.message}`, ...(pos ? { line: pos.line, column: pos.column } : {}) });
    }
    return { glossary: [], diagnostics };
  }
  const entries = Array.isArray(result.data) ? result.data : result.data.entries;
  return { glossary: entries.map((e) => ({ term: e.term, definition: [...e.definition] })), diagnostics };
}
