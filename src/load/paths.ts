import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './root.js';

/*
 * Where fonts and template sets are looked for, Typst-style: the folders a user names first
 * (`--font-path` / GONGKAI_FONT_PATHS, `--templates` / GONGKAI_TEMPLATES, or the project's
 * gongkai.config.json — the CLI passes all three on as these environment variables, so batch
 * workers and the preview's render thread see the same), then gongkai's own fonts/ and
 * templates/, then the Noto packages wherever npm installed them (found by module resolution:
 * a dependency install hoists them out of gongkai's folder).
 */

const split = (v: string | undefined) => (v ?? '').split(path.delimiter).map((s) => s.trim()).filter((s) => s !== '');

/**
 * A package's folder as Node's resolution finds it from gongkai's own folder: node_modules/<pkg>
 * here or in a folder above (where a dependency install hoists it). Walked by hand rather than
 * with require.resolve, which a startup snapshot (src/snapshot/) does not have.
 */
export function packageDir(pkg: string, from = packageRoot()): string | undefined {
  for (let dir = from; ; ) {
    const candidate = path.join(dir, 'node_modules', pkg);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The Noto font packages (not installed: the font check says which role lacks its font). */
function notoDirs(): string[] {
  return ['@expo-google-fonts/noto-serif-sc', '@expo-google-fonts/noto-sans-sc'].map((pkg) => packageDir(pkg)).filter((d): d is string => d !== undefined);
}

/** The folders a user can put fonts in (theirs, then gongkai's fonts/): what the preview watches. */
export function userFontDirs(root = packageRoot()): string[] {
  return [...split(process.env.GONGKAI_FONT_PATHS).map((d) => path.resolve(d)), path.join(root, 'fonts')];
}

/** Font folders, in the order they are searched. */
export function fontDirs(root = packageRoot()): string[] {
  return [...split(process.env.GONGKAI_FONT_PATHS).map((d) => path.resolve(d)), path.join(root, 'fonts'), ...notoDirs()];
}

/** The role map: the first roles.json in a user's font folders, else gongkai's own. */
export function roleMapFile(root = packageRoot()): string {
  for (const d of split(process.env.GONGKAI_FONT_PATHS)) {
    const f = path.resolve(d, 'roles.json');
    if (existsSync(f)) return f;
  }
  return path.join(root, 'fonts', 'roles.json');
}

/** Folders holding template sets (each set a folder of its name), in the order searched. */
export function templateRoots(root = packageRoot()): string[] {
  return [...split(process.env.GONGKAI_TEMPLATES).map((d) => path.resolve(d)), path.join(root, 'templates')];
}

/** The 政府收支分类科目 catalogues, data/catalogue/*.json. */
export const catalogueDir = (root = packageRoot()) => path.join(root, 'data', 'catalogue');

/** The import layouts of budget systems' exports, data/import-layouts/<name>.json. */
export const importLayoutDir = (root = packageRoot()) => path.join(root, 'data', 'import-layouts');
