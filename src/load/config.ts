import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { ProjectConfig } from '../schema/config.js';
import { parseJson } from './data.js';

/*
 * The project configuration: the nearest gongkai.config.json from the working directory up,
 * checked against its schema (diagnostics with line:col), its paths made absolute.
 */

export const CONFIG_FILE = 'gongkai.config.json';

export interface LoadedConfig {
  /** The file, when one was found. */
  file?: string;
  config?: ProjectConfig & { dir: string };
  diagnostics: Diagnostic[];
}

export function findConfig(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; ) {
    const f = path.join(dir, CONFIG_FILE);
    if (existsSync(f)) return f;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export async function loadConfig(cwd: string): Promise<LoadedConfig> {
  const file = findConfig(cwd);
  if (!file) return { diagnostics: [] };
  const parsed = parseJson(await readFile(file, 'utf8'), file);
  if (parsed.json === undefined) return { file, diagnostics: parsed.diagnostics };
  const r = ProjectConfig.safeParse(parsed.json);
  if (!r.success) {
    return {
      file,
      diagnostics: r.error.issues.map((issue) => {
        const p = formatPath(issue.path as Array<string | number>);
        const pos = parsed.positions.get(p) ?? parsed.positions.get('');
        const keys = issue.code === 'unrecognized_keys' ? `不认识的设置“${(issue as { keys: string[] }).keys.join('”“')}”` : issue.message;
        return { file, path: p, rule: 'config', severity: 'error' as const, message: `项目配置有误：${keys}`, ...(pos ? { line: pos.line, column: pos.column } : {}) };
      }),
    };
  }
  const dir = path.dirname(file);
  const abs = (p: string) => path.resolve(dir, p);
  const c = r.data;
  return {
    file,
    config: {
      ...c,
      dir,
      ...(c.fontPaths ? { fontPaths: c.fontPaths.map(abs) } : {}),
      ...(c.templates ? { templates: c.templates.map(abs) } : {}),
      ...(c.data ? { data: abs(c.data) } : {}),
      ...(c.out ? { out: abs(c.out) } : {}),
    },
    diagnostics: [],
  };
}
