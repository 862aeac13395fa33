import { readFile, stat } from 'node:fs/promises';
import { LIMITS } from '../schema/common.js';
import { PreviewSession, type PreviewRenderer, type PreviewState } from './session.js';
import { startPreviewServer, type PreviewServer } from './server.js';
import { watchPreview, type PreviewWatcher } from './watch.js';
import type { ChangeReason } from './scheduler.js';
import type { SetChoice } from '../pipeline/set-choice.js';

/*
 * `gongkai preview`: watcher → session (scheduler + renderer + state) → HTTP server.
 *
 *   data file, templates/<set>/**, fonts/**  ──chokidar──▶  session.notify(reason)
 *   session: debounce, generation counter, render (草稿), keep the last good PDF
 *   server:  / (page)  /events (SSE)  /document.pdf  /diagnostics.json   on 127.0.0.1 only
 */

export { PreviewSession, type PreviewState } from './session.js';
export type { ChangeReason } from './scheduler.js';

export interface PreviewOptions {
  /** Absolute path of the data file. */
  file: string;
  displayFile?: string;
  /** 0 = any free port. */
  port: number;
  /** Fall back to any free port when `port` is taken (true for the default port). */
  fallback?: boolean;
  debounceMs?: number;
  /** Not watching (tests of the server alone); default true. */
  watch?: boolean;
  render?: PreviewRenderer;
  /** Each change noticed, for logging. */
  onChange?: (reason: ChangeReason, file: string) => void;
  onError?: (error: unknown) => void;
  /** The run's choice of template set (--template-set, the project's): rendered with, and watched. */
  set?: SetChoice;
}

export interface PreviewHandle {
  url: string;
  port: number;
  session: PreviewSession;
  server: PreviewServer;
  watcher?: PreviewWatcher;
  /** The first render has been published (ok or error). */
  firstRender: Promise<PreviewState>;
  /** Closes watcher, event streams, server, in that order; waits for a render in flight. */
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<PreviewHandle> {
  const session = new PreviewSession({ file: options.file, displayFile: options.displayFile, render: options.render, debounceMs: options.debounceMs, onError: options.onError, ...(options.set ? { set: options.set } : {}) });
  const firstRender = new Promise<PreviewState>((resolve) => {
    const off = session.subscribe((s) => {
      if (s.status !== 'pending') {
        off();
        resolve(s);
      }
    });
  });
  const server = await startPreviewServer(session, { port: options.port, fallback: options.fallback });
  let watcher: PreviewWatcher | undefined;
  if (options.watch !== false) {
    watcher = watchPreview({
      file: options.file,
      templateSet: await peekTemplateSet(options.file, options.set),
      onChange: (reason, changed) => {
        options.onChange?.(reason, changed);
        session.notify(reason);
      },
      onError: options.onError,
    });
    // Follow the data file's template set, from the first check on.
    const w = watcher;
    session.subscribe(() => {
      if (session.templateSet) w.setTemplateSet(session.templateSet);
    });
    await watcher.ready;
  }
  session.start();
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    session,
    server,
    watcher,
    firstRender,
    close() {
      closing ??= (async () => {
        await watcher?.close();
        await server.close();
        await session.close();
      })();
      return closing;
    },
  };
}

/** The data file's `templateSet`, if it can be read at all: watched from the start. */
async function peekTemplateSet(file: string, choice: SetChoice = {}): Promise<string | undefined> {
  if (choice.override) return choice.override;
  try {
    // not a 200 MB file on the server's thread: the render thread reports it
    if ((await stat(file)).size > LIMITS.fileBytes) return undefined;
    const set = (JSON.parse(await readFile(file, 'utf8')) as { templateSet?: unknown }).templateSet;
    return typeof set === 'string' && /^[a-z0-9-]+$/.test(set) ? set : choice.fallback;
  } catch {
    return undefined;
  }
}
