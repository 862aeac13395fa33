import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import type { LoadedRole } from '../fonts/index.js';
import { resolveRoles, type ResolvedRole } from '../fonts/resolve.js';
import { fontSearchDirs, readFontBytes, readRoleMap, scanFonts } from './fonts.js';
import { roleMapFile } from './paths.js';
import { packageRoot } from './root.js';

export interface LoadedFontSet {
  roles: LoadedRole[];
  resolved: ResolvedRole[];
  diagnostics: Diagnostic[];
}

/** Each role's font file, found from fonts/roles.json and the fonts installed (no bytes read). */
export async function resolveFontRoles(root = packageRoot()): Promise<ResolvedRole[]> {
  // a role's explicit file is relative to the folder of the roles.json that names it
  return resolveRoles(await readRoleMap(root), await scanFonts(fontSearchDirs(root)), path.dirname(roleMapFile(root)));
}

/** The font files the roles resolve to: what a batch shares with its workers. */
export async function fontFiles(resolved?: readonly ResolvedRole[]): Promise<string[]> {
  return (resolved ?? (await resolveFontRoles())).flatMap((r) => (r.file ? [r.file.path] : []));
}

/**
 * Reads the bytes of each role's font (fonts are 10–15 MB each: the World reads them once). A
 * role without a font is an error diagnostic, never tofu.
 */
export async function loadFontSet(options: { root?: string; resolved?: readonly ResolvedRole[] } = {}): Promise<LoadedFontSet> {
  const root = options.root ?? packageRoot();
  const resolved = [...(options.resolved ?? (await resolveFontRoles(root)))];
  const diagnostics: Diagnostic[] = [];
  const bytes = new Map<string, Promise<Buffer>>();
  // every file asked for at once, read side by side (one after another was ~50 ms for five faces)
  for (const r of resolved) if (r.file && !bytes.has(r.file.path)) bytes.set(r.file.path, readFontBytes(r.file.path));
  // settled here, so a file that cannot be read is not an unhandled rejection while another is awaited
  for (const b of bytes.values()) b.catch(() => undefined);
  const loaded: LoadedRole[] = [];
  for (const r of resolved) {
    if (!r.file) {
      diagnostics.push({
        file: roleMapFile(root),
        path: r.role,
        rule: 'font-missing',
        severity: 'error',
        message: `字体角色“${r.role}”找不到字体“${r.spec.family}”（字重 ${r.spec.weight}）：请安装 gongkai 的依赖（含 Noto 字体：npm install），或把字体文件放入字体目录（--font-path 或 GONGKAI_FONT_PATHS，或 gongkai 的 fonts/）`,
      });
      continue;
    }
    const p = r.file.path;
    if (!bytes.has(p)) bytes.set(p, readFontBytes(p));
    loaded.push({ role: r.role, face: { path: p, bytes: await bytes.get(p)! } });
  }
  return { roles: loaded, resolved, diagnostics };
}
