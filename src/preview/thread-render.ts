import { Worker } from 'node:worker_threads';
import { threadEntry } from '../pipeline/thread.js';
import type { PreviewRender } from './render.js';
import type { RenderJob } from './scheduler.js';
import type { SetChoice } from '../pipeline/set-choice.js';

/*
 * The preview's renders run on a worker thread (render-worker.ts), never on the server's: while
 * a large document renders, the page, the event stream and Ctrl-C are still answered at once.
 *
 * - A newer save marks the running render superseded (shared memory the worker reads between its
 *   stages); if it has not ended ABANDON_MS later, the thread is terminated and a fresh one takes
 *   the next render — a runaway render is abandoned, not waited for.
 * - A render longer than the time limit, or a thread that dies (out of memory: it has its own heap
 *   limit), is reported as an error over the last good PDF; the next save starts a new thread.
 * - close() terminates the thread at once.
 */

export interface RenderRequest {
  id: number;
  file: string;
  date: string;
  fresh: boolean;
  /** Int32Array over it: [0] becomes 1 when a newer save supersedes this render. */
  superseded: SharedArrayBuffer;
  set?: SetChoice;
}

export interface RenderResponse {
  id: number;
  result: PreviewRender;
}

/** How long a superseded render may still run before its thread is abandoned. */
export const ABANDON_MS = 500;
/** The longest a preview render may take. */
export const PREVIEW_TIMEOUT_MS = 60_000;
const POLL_MS = 25;
/**
 * The render thread's heap: a huge input exhausts this, not the server's. At least 2048 MB: below
 * it V8 grows the heap by a smaller factor and collects it fully more often (its MaxGrowingFactor
 * is highest from 2 GB on); measured on 2026-12-07, one thread rendering 20 departments: 24.3–24.4
 * CPU-s capped at 1536 MB, 20.9–21.0 uncapped (src/batch/pool.ts has the batch's figures).
 */
const WORKER_HEAP_MB = 2048;

export interface ThreadRendererOptions {
  abandonMs?: number;
  timeoutMs?: number;
  /** The run's choice of template set, for every render. */
  set?: SetChoice;
}

export class ThreadRenderer {
  private worker: Worker | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (r: PreviewRender) => void } | undefined;
  private closed = false;
  private readonly abandonMs: number;
  private readonly timeoutMs: number;
  private readonly set: SetChoice | undefined;
  /** Renders whose thread was terminated (abandoned, timed out or crashed): for tests and logs. */
  stats = { abandoned: 0, timedOut: 0, crashed: 0, threads: 0 };

  constructor(options: ThreadRendererOptions = {}) {
    this.abandonMs = options.abandonMs ?? ABANDON_MS;
    this.timeoutMs = options.timeoutMs ?? PREVIEW_TIMEOUT_MS;
    this.set = options.set;
  }

  private spawn(): Worker {
    const entry = threadEntry(new URL('./render-worker', import.meta.url));
    const worker = new Worker(entry.script, { eval: entry.eval, workerData: entry.data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.stats.threads++;
    worker.on('message', (res: RenderResponse) => {
      if (this.pending?.id !== res.id) return;
      const { resolve } = this.pending;
      this.pending = undefined;
      const r = res.result;
      resolve(r.kind === 'ok' ? { ...r, pdf: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength) } : r);
    });
    const gone = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      if (!p) return;
      this.pending = undefined;
      this.stats.crashed++;
      p.resolve({ kind: 'error', diagnostics: [{ file: '', path: '', rule: 'render-failed', severity: 'error', message: `预览生成线程意外退出（${why}）：数据可能过大；保存后会重新生成` }], ms: 0 });
    };
    worker.on('error', (e) => gone(e.message));
    worker.on('exit', (code) => gone(`退出码 ${code}`));
    return worker;
  }

  /** Ends the render thread now; a later render starts a new one. */
  private stop(): Promise<unknown> {
    const w = this.worker;
    this.worker = undefined;
    if (!w) return Promise.resolve();
    w.removeAllListeners('exit');
    w.removeAllListeners('error');
    w.on('error', () => {});
    return w.terminate().catch(() => 0);
  }

  render(file: string, date: string, fresh: boolean, job: Pick<RenderJob, 'isCurrent'>): Promise<PreviewRender> {
    if (this.closed) return Promise.resolve({ kind: 'superseded' });
    const worker = (this.worker ??= this.spawn());
    const id = ++this.nextId;
    const superseded = new SharedArrayBuffer(4);
    const flag = new Int32Array(superseded);
    const started = performance.now();
    return new Promise<PreviewRender>((resolve) => {
      let supersededAt: number | undefined;
      const finish = (r: PreviewRender) => {
        clearInterval(watch);
        resolve(r);
      };
      this.pending = { id, resolve: finish };
      const watch = setInterval(() => {
        if (this.pending?.id !== id) return clearInterval(watch);
        const now = performance.now();
        if (supersededAt === undefined && !job.isCurrent()) {
          supersededAt = now;
          Atomics.store(flag, 0, 1);
        }
        const abandon = supersededAt !== undefined && now - supersededAt >= this.abandonMs;
        const late = now - started >= this.timeoutMs;
        if (!abandon && !late && !this.closed) return;
        this.pending = undefined;
        void this.stop();
        if (late && !abandon) {
          this.stats.timedOut++;
          const s = Math.round(this.timeoutMs / 1000);
          finish({ kind: 'error', diagnostics: [{ file: '', path: '', rule: 'render-timeout', severity: 'error', message: `预览生成超过 ${s} 秒，已停止：数据可能过大，或有异常长的文字` }], ms: Math.round(now - started) });
        } else {
          this.stats.abandoned++;
          finish({ kind: 'superseded' });
        }
      }, POLL_MS);
      watch.unref();
      worker.postMessage({ id, file, date, fresh, superseded, ...(this.set ? { set: this.set } : {}) } satisfies RenderRequest);
    });
  }

  /** Terminates the thread (and abandons a render in flight) at once. */
  async close(): Promise<void> {
    this.closed = true;
    const p = this.pending;
    this.pending = undefined;
    const stopped = this.stop();
    p?.resolve({ kind: 'superseded' });
    await stopped;
  }
}
