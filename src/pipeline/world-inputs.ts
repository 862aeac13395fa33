import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogueDir, fontDirs, importLayoutDir, roleMapFile, templateRoots } from '../load/paths.js';
import { packageRoot } from '../load/root.js';

/*
 * The one list of what a document depends on besides its data: the folders the World (world.ts)
 * supplies from. The startup snapshot's key (snapshot/key.ts) and the batch fingerprint
 * (World.key) are both computed from this list, so an input added here reaches both. Kept free
 * of the loaders: the snapshot key is computed before every one-shot command, where loading a
 * module costs more than the walk.
 */

/** Where a World's inputs are found: decided once, when the World is made. */
export interface WorldPaths {
  root: string;
  templateRoots: string[];
  fontDirs: string[];
  roleMap: string;
  catalogueDir: string;
  importLayoutDir: string;
}

/** The paths this process looks in now (gongkai's own folders, plus a user's from the environment). */
export function worldPaths(root = packageRoot()): WorldPaths {
  return { root, templateRoots: templateRoots(root), fontDirs: fontDirs(root), roleMap: roleMapFile(root), catalogueDir: catalogueDir(root), importLayoutDir: importLayoutDir(root) };
}

export type InputKind = 'tool' | 'template-sets' | 'fonts' | 'catalogues' | 'import-layouts';

/** A folder (or single file) of one kind of input. */
export interface InputPlace {
  kind: InputKind;
  path: string;
}

/**
 * Every input place, in a fixed order. `templateSet`: only that set's folder stands for the
 * template sets (a batch department depends on its own set, not on the others).
 */
export function inputPlaces(paths: WorldPaths, scope: { templateSetDir?: string } = {}): InputPlace[] {
  return [
    { kind: 'tool', path: path.join(paths.root, 'package.json') },
    ...(scope.templateSetDir ? [scope.templateSetDir] : paths.templateRoots).map((p) => ({ kind: 'template-sets' as const, path: p })),
    { kind: 'fonts', path: paths.roleMap },
    ...paths.fontDirs.map((p) => ({ kind: 'fonts' as const, path: p })),
    { kind: 'catalogues', path: paths.catalogueDir },
    { kind: 'import-layouts', path: paths.importLayoutDir },
  ];
}

export interface InputFile {
  kind: InputKind;
  /** The place it was found under, and its path from there (a moved project keeps its identity). */
  place: string;
  rel: string;
  size: number;
  mtimeMs: number;
}

/** Every file of every input place, walked in name order (no node_modules, four levels down). */
export function inputFiles(places: readonly InputPlace[]): InputFile[] {
  const out: InputFile[] = [];
  for (const p of places) walk(p, p.path, '', out, 0);
  return out;
}

function walk(place: InputPlace, abs: string, rel: string, out: InputFile[], depth: number): void {
  let st;
  try {
    st = statSync(abs);
  } catch {
    return; // an absent folder is an input with no files: creating one changes the identity
  }
  if (!st.isDirectory()) {
    out.push({ kind: place.kind, place: place.path, rel, size: st.size, mtimeMs: st.mtimeMs });
    return;
  }
  if (depth > 4) return;
  let names: string[];
  try {
    names = readdirSync(abs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch {
    return;
  }
  for (const n of names) if (n !== 'node_modules') walk(place, path.join(abs, n), rel ? `${rel}/${n}` : n, out, depth + 1);
}
