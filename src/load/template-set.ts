import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SheetWording, TableDecl, TemplateSet, Theme } from '../render/template-set.js';
import { templateSetDir } from './templates.js';

export { templateSetDir };

async function json<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`模板文件无法读取：${file}：${(e as Error).message}`);
  }
}


const cache = new Map<string, Promise<TemplateSet>>();

/** Reads a whole template set. Cached per process unless `fresh` (the preview watches files). */
export function loadTemplateSet(name: string, options: { fresh?: boolean; root?: string } = {}): Promise<TemplateSet> {
  const dir = templateSetDir(name, options.root);
  if (!options.fresh) {
    const hit = cache.get(dir);
    if (hit) return hit;
  }
  const p = readTemplateSet(name, dir);
  cache.set(dir, p);
  p.catch(() => cache.delete(dir));
  return p;
}

async function readTemplateSet(name: string, dir: string): Promise<TemplateSet> {
  const set = await json<{ tables: string[]; meta: TemplateSet['meta'] }>(path.join(dir, 'set.json'));
  const templates: TemplateSet['templates'] = {};
  const documentFile = path.join(dir, 'document.hbs');
  templates.document = { source: await readFile(documentFile, 'utf8'), file: documentFile };
  const partialDir = path.join(dir, 'partials');
  for (const f of (await readdir(partialDir)).filter((f) => f.endsWith('.hbs')).sort()) {
    const file = path.join(partialDir, f);
    templates[f.slice(0, -4)] = { source: await readFile(file, 'utf8'), file };
  }
  const tables: Record<string, TableDecl> = {};
  for (const id of set.tables) {
    tables[id] = { ...(await json<Omit<TableDecl, 'id'>>(path.join(dir, 'tables', `${id}.json`))), id };
  }
  const classes = (await json<{ classes: TemplateSet['classes'] }>(path.join(dir, 'classes.json'))).classes;
  return {
    name,
    dir,
    templates,
    tables,
    tableOrder: set.tables,
    meta: set.meta,
    classes,
    sheet: await json<SheetWording>(path.join(dir, 'sheet.json')),
    theme: await json<Theme>(path.join(dir, 'theme.json')),
  };
}
