import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { userFontDirs } from '../load/paths.js';
import { templateSetDir } from '../load/templates.js';
import { packageRoot } from '../load/root.js';
import type { ChangeReason } from './scheduler.js';

/*
 * What the preview watches: the data file, its template set (templates/<set>/**, theme.json
 * included) and the fonts folder (fonts/**: roles.json and any font files put there). Each change
 * is classified so that only template and font changes reload templates and fonts.
 */

export interface PreviewWatcher {
  /** Follow another template set (the data file's `templateSet` changed). */
  setTemplateSet(name: string): void;
  /** Resolves once the initial scan is done and changes are being reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  file: string;
  templateSet?: string;
  root?: string;
  onChange: (reason: ChangeReason, file: string) => void;
  onError?: (error: unknown) => void;
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Editors' swap, lock, backup and temporary files: not the document. */
export function isScratch(name: string): boolean {
  return name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#')) || name.endsWith('~') || /\.sw[a-p]$/.test(name) || /\.tmp$/i.test(name);
}

export function classify(file: string, dataFile: string, templatesDir: string | undefined, fontsDir: string): ChangeReason | undefined {
  const f = path.resolve(file);
  if (f === path.resolve(dataFile)) return 'data';
  if (templatesDir && inside(f, templatesDir)) return 'templates';
  if (inside(f, fontsDir)) return 'fonts';
  return undefined;
}

export function watchPreview(options: WatchOptions): PreviewWatcher {
  const root = options.root ?? packageRoot();
  const fontsDirs = userFontDirs(root);
  const fontsDir = fontsDirs[fontsDirs.length - 1]!;
  const file = path.resolve(options.file);
  const dataDir = path.dirname(file);
  let templatesDir = options.templateSet ? templateSetDir(options.templateSet, root) : undefined;
  const report = (_event: string, changed: string) => {
    const reason = classify(changed, file, templatesDir, fontsDirs.find((d) => inside(path.resolve(changed), d)) ?? fontsDir);
    if (reason) options.onChange(reason, changed);
  };
  // The data file is watched through its folder (nothing else in it, no subfolders): editors that
  // save by writing a temporary file and renaming it over the original, or by deleting and
  // re-creating it, replace the file a watch on the file itself would follow.
  const data: FSWatcher = watch(dataDir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (p: string) => {
      const r = path.resolve(p);
      return r !== dataDir && r !== file;
    },
  });
  const assets: FSWatcher = watch([...fontsDirs, ...(templatesDir ? [templatesDir] : [])], {
    ignoreInitial: true,
    ignored: (p: string) => isScratch(path.basename(p)),
  });
  for (const w of [data, assets]) {
    w.on('all', report);
    w.on('error', (err) => options.onError?.(err));
  }
  // chokidar re-attaches to a file replaced by rename a moment later, and an edit in that moment
  // would be missed: the folder's own (raw) events for the file's name catch it. Duplicates are
  // harmless, the scheduler coalesces them.
  const base = path.basename(file);
  data.on('raw', (_event, name, details) => {
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (name === base && (watched === dataDir || watched === file)) options.onChange('data', file);
  });
  const ready = Promise.all([data, assets].map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve())))).then(() => undefined);
  return {
    ready,
    setTemplateSet(name: string) {
      const next = templateSetDir(name, root);
      if (next === templatesDir) return;
      if (templatesDir) assets.unwatch(templatesDir);
      templatesDir = next;
      assets.add(next);
    },
    close: async () => {
      await Promise.all([data.close(), assets.close()]);
    },
  };
}
