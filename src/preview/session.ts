import { sortDiagnostics } from '../cli/report.js';
import { destinationOf } from './dest.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { renderPreview, today, type PreviewMemo, type PreviewRender } from './render.js';
import { ThreadRenderer } from './thread-render.js';
import { RenderScheduler, type ChangeReason, type RenderJob, type Timer } from './scheduler.js';
import type { SetChoice } from '../pipeline/set-choice.js';

/*
 * What the preview shows, and how it changes. The session owns the newest good PDF and the
 * diagnostics of the newest state; a render that fails (invalid JSON, audit errors, a broken
 * template) replaces the diagnostics but never the PDF, so the page keeps the last good PDF on
 * screen with the errors over it.
 */

export type PreviewStatus = 'pending' | 'ok' | 'error';

export interface PreviewPdfInfo {
  /** Bumped each time a new PDF is published; the page's viewer URL carries it. */
  version: number;
  url: string;
  pages: number;
  bytes: number;
  /** ISO time the PDF was published. */
  renderedAt: string;
  /** Check + render time of the job that made it. */
  ms: number;
}

/** `/diagnostics.json` and each server-sent `state` event. */
export interface PreviewState {
  /** The data file as the user named it. */
  file: string;
  status: PreviewStatus;
  /** Bumped on every change of this state. */
  version: number;
  /** A change is being rendered (or waiting for its debounce). */
  rendering: boolean;
  /** The PDF on screen: the last good one; null before the first success. */
  pdf: PreviewPdfInfo | null;
  /** The PDF on screen is older than the diagnostics: the newest state could not be printed. */
  stale: boolean;
  /** Of the newest state: errors first, then warnings. */
  diagnostics: Diagnostic[];
  counts: { errors: number; warnings: number };
  /** ISO time of the newest published result (ok or error). */
  checkedAt: string | null;
}

/** Renders one state; `close` (if any) stops a render in flight at once. */
export type PreviewRenderer = ((job: RenderJob) => Promise<PreviewRender>) & { close?: () => Promise<void> };

export interface PreviewSessionOptions {
  /** The run's choice of template set (preview --template-set, the project's). */
  set?: SetChoice;
  /** Absolute path of the data file. */
  file: string;
  /** How diagnostics and the page name it (relative to the working directory, say). */
  displayFile?: string;
  /** Defaults to `renderPreview` with today's date as the 草稿 mark. */
  render?: PreviewRenderer;
  debounceMs?: number;
  timer?: Timer;
  /** Called for a job that threw (the default renderer turns problems into results). */
  onError?: (error: unknown) => void;
}

export const PDF_ROUTE = '/document.pdf';

export class PreviewSession {
  readonly file: string;
  readonly displayFile: string;
  private readonly scheduler: RenderScheduler<PreviewRender>;
  private readonly listeners = new Set<(state: PreviewState) => void>();
  private current: PreviewState;
  private pdfBytes: Buffer | undefined;
  private readonly renderer: PreviewRenderer;
  /** The template set of the newest state that had one (the watcher follows it). */
  templateSet: string | undefined;

  constructor(options: PreviewSessionOptions) {
    this.file = options.file;
    this.displayFile = options.displayFile ?? options.file;
    const render = (this.renderer = options.render ?? defaultRenderer(options.file, options.set));
    this.current = {
      file: this.displayFile,
      status: 'pending',
      version: 0,
      rendering: false,
      pdf: null,
      stale: false,
      diagnostics: [],
      counts: { errors: 0, warnings: 0 },
      checkedAt: null,
    };
    this.scheduler = new RenderScheduler<PreviewRender>({
      run: async (job) => {
        this.setRendering(true);
        return render(job);
      },
      publish: (result) => this.publish(result),
      onError: (err) => {
        options.onError?.(err);
        const e = err instanceof Error ? err : new Error(String(err));
        this.publish({ kind: 'error', diagnostics: [{ file: '', path: '', rule: 'internal', severity: 'error', message: `内部错误：${e.message}` }], ms: 0 });
      },
      debounceMs: options.debounceMs,
      timer: options.timer,
    });
  }

  /** First render, at once. */
  start(): void {
    this.scheduler.now('initial');
  }

  /** A watched file changed. */
  notify(reason: ChangeReason): void {
    this.scheduler.notify(reason);
    this.setRendering(true);
  }

  state(): PreviewState {
    return this.current;
  }

  /** The PDF on screen (the last good one). */
  pdf(): { bytes: Buffer; version: number } | undefined {
    return this.pdfBytes && this.current.pdf ? { bytes: this.pdfBytes, version: this.current.pdf.version } : undefined;
  }

  subscribe(listener: (state: PreviewState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get stats() {
    return this.scheduler.stats;
  }

  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  async close(): Promise<void> {
    // a render in flight is abandoned, not waited for: Ctrl-C stops the preview at once
    const stopping = this.scheduler.close();
    await this.renderer.close?.();
    await stopping;
    this.listeners.clear();
  }

  private publish(result: PreviewRender): void {
    if (result.kind === 'superseded') return;
    if (result.templateSet) this.templateSet = result.templateSet;
    const diagnostics = sortDiagnostics(
      result.diagnostics.map((d) => {
        const shown = d.file === this.file ? { ...d, file: this.displayFile, message: d.message.split(this.file).join(this.displayFile) } : d;
        const dest = d.path ? destinationOf(d.path) : undefined;
        return dest ? { ...shown, dest } : shown;
      }),
    );
    const counts = { errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: diagnostics.filter((d) => d.severity !== 'error').length };
    const at = new Date().toISOString();
    let pdf = this.current.pdf;
    if (result.kind === 'ok') {
      const version = (pdf?.version ?? 0) + 1;
      this.pdfBytes = result.pdf;
      pdf = { version, url: `${PDF_ROUTE}?v=${version}`, pages: result.pages, bytes: result.pdf.length, renderedAt: at, ms: result.ms };
    }
    this.update({
      status: result.kind === 'ok' ? 'ok' : 'error',
      // Published only while current: no newer change is waiting.
      rendering: false,
      pdf,
      stale: result.kind !== 'ok' && pdf !== null,
      diagnostics,
      counts,
      checkedAt: at,
    });
  }

  private setRendering(rendering: boolean): void {
    if (this.current.rendering !== rendering) this.update({ rendering });
  }

  private update(patch: Partial<PreviewState>): void {
    this.current = { ...this.current, ...patch, version: this.current.version + 1 };
    for (const l of this.listeners) l(this.current);
  }
}

/** Template and font changes reload them; data changes keep them warm. */
export function needsFreshEnvironment(reasons: ReadonlySet<ChangeReason>): boolean {
  return reasons.has('templates') || reasons.has('fonts');
}

/** Renders in this thread: what the render thread runs (and tests without threads). */
export function inProcessRenderer(file: string, set?: SetChoice): PreviewRenderer {
  const memo: PreviewMemo = {};
  return (job) => renderPreview(file, { date: today(), fresh: needsFreshEnvironment(job.reasons), isCurrent: job.isCurrent, memo, ...(set ? { set } : {}) });
}

/** Renders on a worker thread (thread-render.ts): the server's thread only serves. */
export function defaultRenderer(file: string, set?: SetChoice): PreviewRenderer {
  const thread = new ThreadRenderer(set ? { set } : {});
  return Object.assign((job: RenderJob) => thread.render(file, today(), needsFreshEnvironment(job.reasons), job), { close: () => thread.close() });
}
