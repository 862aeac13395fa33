import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputFiles, inputPlaces, worldPaths } from '../pipeline/world-inputs.js';
import { packageRoot } from '../load/root.js';

/*
 * Which startup snapshot fits this process. A snapshot freezes the code, the template sets and
 * the fonts its builder loaded, and V8 refuses it under another node binary or other V8 flags: so
 * its key covers all of these, and a change to any of them (an upgrade, an edited template, a
 * font dropped into fonts/, another GONGKAI_FONT_PATHS) names another file — the old one is
 * simply not used.
 */

/**
 * The heap a render started from the snapshot may take (issue 20 F2): well below a clerk's
 * machine (8 GB is common), above what the largest department the limits allow needs
 * (LIMITS.documentChars; measured by `npm run bench`). Beyond it the render stops, and the
 * launcher says so, instead of the machine swapping for minutes.
 */
export const RENDER_HEAP_MB = 2048;
/**
 * The V8 flags a snapshot is built and run with (one-shot commands: see cli/tiering.ts). V8 keys
 * a snapshot by its flags, the heap limit included: it is given at build and at run alike.
 */
export const SNAPSHOT_FLAGS = ['--no-opt', `--max-old-space-size=${RENDER_HEAP_MB}`] as const;
/** Bumped when what a snapshot holds changes shape. */
const FORMAT = 1;

export interface SnapshotPlace {
  key: string;
  /** The bundle the snapshot is built from (dist/snapshot/gongkai.cjs, made by `npm run build`). */
  bundle: string;
  /** The cache folder, and the snapshot file in it for this key. */
  dir: string;
  blob: string;
  /** Markers beside it: this key's snapshot crashed once (rebuilt), or failed for good (not retried). */
  crashed: string;
  failed: string;
}

/** GONGKAI_CACHE, else the platform's user cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GONGKAI_CACHE) return path.resolve(env.GONGKAI_CACHE);
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'gongkai', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'gongkai');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'gongkai');
}

/** Is a .js file under `dir` newer than `than`? */
function newerJs(dir: string, than: number): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() ? newerJs(p, than) : e.name.endsWith('.js') && (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0) > than) return true;
  }
  return false;
}

/** The snapshot this process would use, or undefined when there is no bundle to build one from. */
export function snapshotPlace(env: NodeJS.ProcessEnv = process.env, root = packageRoot()): SnapshotPlace | undefined {
  const bundle = path.join(root, 'dist', 'snapshot', 'gongkai.cjs');
  if (!existsSync(bundle)) return undefined;
  // compiled again without bundling (`tsc` alone): the bundle is older code than dist/, never used
  if (newerJs(path.join(root, 'dist'), statSync(bundle).mtimeMs)) return undefined;
  const files: Array<[string, number, number]> = [];
  for (const d of [bundle, path.join(root, 'package.json')]) {
    const st = statSync(d);
    files.push([d, st.size, st.mtimeMs]);
  }
  // what the snapshot's builder loaded: every input the World supplies (one list, world-inputs.ts)
  const places = inputPlaces(worldPaths(root));
  const dirs = places.map((p) => p.path);
  for (const f of inputFiles(places)) files.push([f.rel ? path.join(f.place, f.rel) : f.place, f.size, f.mtimeMs]);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  const inputs = {
    format: FORMAT,
    node: process.version,
    execPath: process.execPath,
    platform: process.platform,
    arch: process.arch,
    flags: SNAPSHOT_FLAGS,
    // V8 flags from the environment reach the snapshot's process too, and V8 refuses a mismatch
    nodeOptions: process.env.NODE_OPTIONS ?? '',
    version: pkg.version,
    dirs,
    files,
  };
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 32);
  const dir = cacheDir(env);
  const file = (ext: string) => path.join(dir, `startup-${key}.${ext}`);
  return { key, bundle, dir, blob: file('blob'), crashed: file('crashed'), failed: file('failed') };
}
