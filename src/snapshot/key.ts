import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputFiles, inputPlaces, worldPaths } from '../pipeline/world-inputs.js';
import { packageRoot } from '../load/root.js';
import { ContentHashes, sha256 } from './hashes.js';

/*
 * Which startup snapshot fits this process. A snapshot freezes the code, the template sets and
 * the fonts its builder loaded, and V8 refuses it under another node binary or other V8 flags: so
 * its key covers all of these, and a change to any of them (an upgrade, an edited template, a
 * font dropped into fonts/, another GONGKAI_FONT_PATHS) names another file — the old one is
 * simply not used. Files count by content, never by their times (hashes.ts remembers the hashes):
 * a re-install of the same version keeps its snapshot, a copy with old times and new bytes does not.
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
const FORMAT = 2;

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

/** Every .js file under dist/, in name order, by its path from there: the compiled code. */
export function compiledFiles(dist: string): Array<[rel: string, file: string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name.endsWith('.js')) out.push([r, path.join(dir, e.name)]);
    }
  };
  walk(dist, '');
  return out;
}

/** The compiled code by name and content: what the bundle was made beside. */
export function compiledDigest(files: ReadonlyArray<[string, string]>, hashes: ContentHashes): string {
  return sha256(files.map(([rel, file]) => `${rel}\0${hashes.hash(file) ?? ''}\n`).join(''));
}

/** The first line of the bundle: the compiled code it was bundled beside (bundle.ts writes it). */
export const BUNDLE_MARK = '// gongkai dist/**/*.js ';

function bundleMark(bundle: string): string | undefined {
  const head = Buffer.alloc(BUNDLE_MARK.length + 64);
  let fd: number | undefined;
  try {
    fd = openSync(bundle, 'r');
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('latin1');
    return text.startsWith(BUNDLE_MARK) ? text.slice(BUNDLE_MARK.length) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Where the content hashes of the inputs are remembered (hashes.ts). */
export const hashCacheFile = (env: NodeJS.ProcessEnv = process.env) => path.join(cacheDir(env), 'startup-hashes.json');

export interface PlaceOptions {
  /** The clock the hash cache judges recently changed files by (tests). */
  now?: () => number;
  /**
   * At most this many bytes are hashed now; beyond it (a fresh install: ~230 MB, about a second)
   * there is no answer, `deferred` says so, and the background maker hashes them (launch.ts).
   */
  hashBudget?: number;
}

export interface Located {
  place?: SnapshotPlace;
  /** Bytes not hashed: over the budget. */
  deferred?: number;
}

/** The snapshot this process would use, or undefined when there is no bundle to build one from. */
export function snapshotPlace(env: NodeJS.ProcessEnv = process.env, root = packageRoot(), options: Omit<PlaceOptions, 'hashBudget'> = {}): SnapshotPlace | undefined {
  return locateSnapshot(env, root, options).place;
}

export function locateSnapshot(env: NodeJS.ProcessEnv = process.env, root = packageRoot(), options: PlaceOptions = {}): Located {
  const bundle = path.join(root, 'dist', 'snapshot', 'gongkai.cjs');
  if (!existsSync(bundle)) return {};
  const hashes = new ContentHashes(hashCacheFile(env), options.now);
  try {
    const compiled = compiledFiles(path.join(root, 'dist'));
    // what the snapshot's builder loaded: every input the World supplies (one list, world-inputs.ts)
    const places = inputPlaces(worldPaths(root));
    const dirs = places.map((p) => p.path);
    const inputs = [bundle, path.join(root, 'package.json'), ...inputFiles(places).map((f) => (f.rel ? path.join(f.place, f.rel) : f.place))];
    if (options.hashBudget !== undefined) {
      const unhashed = hashes.unhashedBytes([...compiled.map(([, f]) => f), ...inputs]);
      if (unhashed > options.hashBudget) return { deferred: unhashed };
    }
    // compiled again without bundling (`tsc` alone): the bundle is other code than dist/, never
    // used. By content: an installed copy's file times are whatever its package manager wrote
    const mark = bundleMark(bundle);
    if (mark === undefined || mark !== compiledDigest(compiled, hashes)) return {};
    const files = inputs.map((f) => [f, hashes.hash(f) ?? '']);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
    const identity = {
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
    const key = sha256(JSON.stringify(identity)).slice(0, 32);
    const dir = cacheDir(env);
    const file = (ext: string) => path.join(dir, `startup-${key}.${ext}`);
    return { place: { key, bundle, dir, blob: file('blob'), crashed: file('crashed'), failed: file('failed') } };
  } finally {
    hashes.save();
  }
}
