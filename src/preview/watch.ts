import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
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
  const fontsDir = path.join(root, 'fonts');
  const file = path.resolve(options.file);
  let templatesDir = options.templateSet ? templateSetDir(options.templateSet, root) : undefined;
  const watcher: FSWatcher = watch([file, fontsDir, ...(templatesDir ? [templatesDir] : [])], {
    ignoreInitial: true,
    persistent: true,
    ignored: (p: string) => path.resolve(p) !== file && isScratch(path.basename(p)),
  });
  watcher.on('all', (_event, changed) => {
    const reason = classify(changed, file, templatesDir, fontsDir);
    if (reason) options.onChange(reason, changed);
  });
  watcher.on('error', (err) => options.onError?.(err));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    setTemplateSet(name: string) {
      const next = templateSetDir(name, root);
      if (next === templatesDir) return;
      if (templatesDir) watcher.unwatch(templatesDir);
      templatesDir = next;
      watcher.add(next);
    },
    close: () => watcher.close(),
  };
}
