import { createRequire } from 'node:module';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobMessage, JobResult, WorkerMessage } from './types.js';

/*
 * A pool of worker threads rendering departments. Each worker warms once (templates, fonts)
 * and takes one job at a time; a worker that dies takes only its own job with it (reported as
 * failed) and is replaced. On abort nothing more is dispatched and every worker is terminated
 * at once: a PDF being written is a temp file, never the target (see src/write).
 */

/**
 * How to start a worker: dist/batch/worker.js when running compiled; from src/ (tsx, vitest) the
 * worker is worker.ts, loaded through tsx. On Node 20 neither `execArgv: ['--import', 'tsx']` nor
 * the parent's hooks reach a worker thread (tsx registers its ESM hooks on the main thread only
 * before Node 22.22), so the worker first registers tsx through its API, then imports worker.ts.
 */
export function workerEntry(): { script: URL | string; eval: boolean; data: Record<string, string> } {
  const here = import.meta.url;
  const fromSource = /\.[cm]?ts$/.test(fileURLToPath(here));
  if (!fromSource) return { script: new URL('./worker.js', here), eval: false, data: {} };
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(here).resolve('tsx')), 'esm', 'api', 'index.mjs')).href;
  const script = [
    "const { workerData } = require('node:worker_threads');",
    'import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });',
  ].join('\n');
  return { script, eval: true, data: { tsxApi, entry: new URL('./worker.ts', here).href } };
}

/**
 * A larger young generation than V8's default for the workers: pdfmake allocates many short-lived
 * objects per document, and fewer scavenges cut a worker's CPU per reference-sized document by
 * ≈ 10% (median of 5 batches of 16 documents: 10.9 → 9.7 CPU-seconds) at no cost in peak RSS.
 */
const YOUNG_GENERATION_MB = 32;
/**
 * A warm worker's heap after a collection is ~40–70 MB, but the closer the cap, the more often V8
 * runs full collections: capped at 256 MB a batch of 100 reference-sized documents ran at ≈ 4.0–5.3
 * documents/s, at 1024 MB ≈ 5.1–5.4, uncapped 5.1–6.2 but at ≈ 320 MB RSS per worker instead of
 * ≈ 200 MB (2026-11-24, 2 workers, --single-threaded-gc).
 */
const OLD_GENERATION_MB = 1024;

/** os.availableParallelism(), at most the number of files, at least 1. */
export function poolSize(files: number, jobs?: number): number {
  return Math.max(1, Math.min(jobs ?? availableParallelism(), files));
}

export interface PoolRun {
  interrupted: boolean;
  /** Jobs never finished (interrupted). */
  unfinished: JobMessage[];
  peakRss: number;
  peakHeap: number;
}

interface Slot {
  worker: Worker;
  job?: JobMessage;
  exited: boolean;
}

export async function runPool(
  jobs: readonly JobMessage[],
  options: { size: number; templateSets: string[]; fontBytes?: Array<[string, Uint8Array]>; signal?: AbortSignal; onResult: (r: JobResult) => void },
): Promise<PoolRun> {
  const queue = [...jobs];
  const entry = workerEntry();
  let peakRss = 0;
  let peakHeap = 0;
  let pending = jobs.length;
  const slots = new Set<Slot>();
  let stopping = false;

  return new Promise<PoolRun>((resolve) => {
    let settled = false;
    const finish = async (interrupted: boolean) => {
      if (settled) return;
      settled = true;
      stopping = true;
      options.signal?.removeEventListener('abort', onAbort);
      const unfinished = [...[...slots].flatMap((s) => (s.job ? [s.job] : [])), ...queue];
      await Promise.all([...slots].map((s) => s.worker.terminate().catch(() => 0)));
      resolve({ interrupted, unfinished, peakRss, peakHeap });
    };
    const onAbort = () => void finish(true);

    const done = (slot: Slot, result: JobResult) => {
      slot.job = undefined;
      pending--;
      peakRss = Math.max(peakRss, result.rss);
      peakHeap = Math.max(peakHeap, result.heap);
      options.onResult(result);
      if (pending === 0) void finish(false);
      else dispatch(slot);
    };

    const dispatch = (slot: Slot) => {
      if (stopping || slot.exited) return;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.postMessage(job);
    };

    const spawn = () => {
      const worker = new Worker(entry.script, { eval: entry.eval, workerData: { ...entry.data, templateSets: options.templateSets, fontBytes: options.fontBytes ?? [] }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB } });
      const slot: Slot = { worker, exited: false };
      slots.add(slot);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heap);
        } else if (slot.job && m.id === slot.job.id) done(slot, m);
      });
      const died = (err?: Error) => {
        if (slot.exited) return;
        slot.exited = true;
        slots.delete(slot);
        if (stopping) return;
        const job = slot.job;
        if (job) {
          done(slot, {
            type: 'result',
            id: job.id,
            status: 'failed',
            seconds: 0,
            reason: `[worker-crashed] 生成进程意外退出：${err?.message ?? '未知原因'}`,
            errors: [{ file: job.file, path: '', rule: 'worker-crashed', severity: 'error', message: `生成进程意外退出：${err?.message ?? '未知原因'}` }],
            warnings: 0,
            rss: 0,
            heap: 0,
          });
        }
        // replace it while there is work left
        if (!stopping && queue.length > 0) dispatch(spawn());
      };
      worker.on('error', (err) => died(err));
      worker.on('exit', (code) => died(new Error(`退出码 ${code}`)));
      return slot;
    };

    if (jobs.length === 0) {
      resolve({ interrupted: false, unfinished: [], peakRss, peakHeap });
      return;
    }
    if (options.signal?.aborted) {
      resolve({ interrupted: true, unfinished: [...queue], peakRss, peakHeap });
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < options.size; i++) dispatch(spawn());
  });
}
