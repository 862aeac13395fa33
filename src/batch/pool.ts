import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadEntry, type WorkerEntry } from '../pipeline/thread.js';
import type { JobMessage, JobResult, WorkerMessage } from './types.js';

/*
 * A pool of worker threads rendering departments. Each worker warms once (templates, fonts)
 * and takes one job at a time; a worker that dies takes only its own job with it (reported as
 * failed) and is replaced. On abort nothing more is dispatched and every worker is terminated
 * at once: a PDF being written is a temp file, never the target (see src/write).
 */

/** How to start the batch worker (dist/batch/worker.js, or worker.ts through tsx from src/). */
export function workerEntry(): WorkerEntry {
  return threadEntry(new URL('./worker', import.meta.url));
}

/**
 * A larger young generation than V8's default for the workers: pdfmake allocates many short-lived
 * objects per document, and fewer scavenges cut a worker's CPU per reference-sized document by
 * ≈ 10% (median of 5 batches of 16 documents: 10.9 → 9.7 CPU-seconds) at no cost in peak RSS.
 */
const YOUNG_GENERATION_MB = 32;
/**
 * A warm worker's heap after a collection is ~40–150 MB, but the lower the cap, the more often V8
 * runs full collections: capped at 256 MB a batch of 100 reference-sized documents ran at ≈ 4.0–5.3
 * documents/s, at 1024 MB ≈ 5.1–5.4, uncapped 5.1–6.2 but at ≈ 320 MB RSS per worker instead of
 * ≈ 200 MB (2026-11-24, 2 workers, --single-threaded-gc). Measured again on 2026-12-07 (one
 * worker rendering 20 reference-sized departments; CPU and max RSS of the process): 1024 MB 25.0
 * CPU-s, 309 MB; 2048 MB 20.4 CPU-s, 439 MB (V8 grows a heap capped at 2 GB or more by a larger
 * factor — its MaxGrowingFactor — and so collects it fully less often; a 40-document batch: 1.51
 * → 1.81 documents/s, but ~357 MB RSS per worker). The cap stays at 1024 MB: it holds the target
 * of ≤ 250 MB RSS per worker (docs/benchmarks.md), and a batch's memory is the finance bureau's
 * machine's, times its cores.
 */
export const OLD_GENERATION_MB = 1024;

/**
 * Why a worker died, in the clerk's words: its heap limit reached (the department is too large to
 * render in the memory one department may take), or an unexpected end (a bug: its own words).
 */
export function workerDeathMessage(err: (Error & { code?: string }) | undefined, heapMb: number): { rule: string; message: string } {
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return {
      rule: 'out-of-memory',
      message: `生成时内存超过每个部门的上限（${heapMb} MB），已停止该部门（其余部门照常生成）：数据过大。请用 gongkai validate 检查文字总字数和各表行数，删减或拆分为几份文档`,
    };
  }
  return { rule: 'worker-crashed', message: `生成线程意外退出（${err?.message ?? '原因不明'}）；其余部门照常生成` };
}

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
  /** Stops the running job's time limit. */
  timer?: () => void;
}

/**
 * Starts one department's time limit; returns what stops it. Injected by tests, which decide
 * when a limit is reached instead of racing the machine's speed.
 */
export type StartTimer = (file: string, ms: number, expire: () => void) => () => void;

const startTimer: StartTimer = (_file, ms, expire) => {
  const t = setTimeout(expire, ms).unref();
  return () => clearTimeout(t);
};

/** Default time limit of one department (a reference-sized one takes ≈ 0.3 s warm, 500 projects ≈ 10 s). */
export const DEFAULT_TIMEOUT_SECONDS = 120;

export async function runPool(
  jobs: readonly JobMessage[],
  options: {
    size: number;
    templateSets: string[];
    fontBytes?: Array<[string, Uint8Array]>;
    signal?: AbortSignal;
    /** A department still rendering after this long is stopped (its worker terminated and replaced) and reported failed. */
    timeoutMs?: number;
    startTimer?: StartTimer;
    /** Each worker's old-generation heap (MB); OLD_GENERATION_MB unless a test models a smaller machine. */
    heapMb?: number;
    onResult: (r: JobResult) => void;
  },
): Promise<PoolRun> {
  const queue = [...jobs];
  const entry = workerEntry();
  const heapMb = options.heapMb ?? OLD_GENERATION_MB;
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
      for (const s of slots) s.timer?.();
      const unfinished = [...[...slots].flatMap((s) => (s.job ? [s.job] : [])), ...queue];
      await Promise.all([...slots].map((s) => s.worker.terminate().catch(() => 0)));
      resolve({ interrupted, unfinished, peakRss, peakHeap });
    };
    const onAbort = () => void finish(true);

    const done = (slot: Slot, result: JobResult) => {
      slot.timer?.();
      slot.timer = undefined;
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

    // A render that does not end in time cannot be interrupted inside its thread: the worker is
    // terminated, the department reported, and a fresh worker takes the rest of the queue.
    const timedOut = (slot: Slot, job: JobMessage) => {
      if (slot.job !== job || slot.exited || stopping) return;
      slot.exited = true;
      slots.delete(slot);
      void slot.worker.terminate().catch(() => 0);
      const limit = (options.timeoutMs ?? 0) / 1000;
      const message = `生成超过时间上限 ${limit} 秒，已停止（其余部门照常生成）：数据可能过大，或有异常长的文字；可用 --timeout 调整上限`;
      done(slot, { type: 'result', id: job.id, status: 'failed', seconds: limit, reason: `[timeout] ${message}`, errors: [{ file: job.file, path: '', rule: 'timeout', severity: 'error', message }], warnings: 0, rss: 0, heap: 0 });
      if (!stopping && queue.length > 0) dispatch(spawn());
    };

    const spawn = () => {
      const worker = new Worker(entry.script, { eval: entry.eval, workerData: { ...entry.data, templateSets: options.templateSets, fontBytes: options.fontBytes ?? [] }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb } });
      const slot: Slot = { worker, exited: false };
      slots.add(slot);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heap);
        } else if (m.type === 'start') {
          const job = slot.job;
          if (job && m.id === job.id && options.timeoutMs) slot.timer = (options.startTimer ?? startTimer)(job.file, options.timeoutMs, () => timedOut(slot, job));
        } else if (slot.job && m.id === slot.job.id) done(slot, m);
      });
      const died = (err?: Error) => {
        if (slot.exited) return;
        slot.exited = true;
        slots.delete(slot);
        if (stopping) return;
        const job = slot.job;
        if (job) {
          const { rule, message } = workerDeathMessage(err, heapMb);
          done(slot, {
            type: 'result',
            id: job.id,
            status: 'failed',
            seconds: 0,
            reason: `[${rule}] ${message}`,
            errors: [{ file: job.file, path: '', rule, severity: 'error', message }],
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
