import type { Diagnostic } from '../diagnostics/index.js';
import type { LoadedData } from '../pipeline/check.js';
import type { SetChoice } from '../pipeline/set-choice.js';

/** What happened to one data file in a batch. */
export type EntryStatus = 'produced' | 'skipped' | 'failed' | 'interrupted';

export interface BatchEntry {
  /** The data file (relative to `relativeTo` when given, else as found). */
  file: string;
  status: EntryStatus;
  /** Budget year, when the data file says (even a failing one). */
  year?: number;
  /** The PDF (produced, or skipped because up to date). */
  output?: string;
  pages?: number;
  bytes?: number;
  /** Wall time of this department in its worker (produced and failed). */
  seconds?: number;
  /** Why it failed: the first error, in one line. */
  reason?: string;
  /** The first error diagnostics (at most five). */
  errors?: Diagnostic[];
  warnings?: number;
  /** The warnings, with their messages and places (the first 50; `warnings` counts them all). */
  warningList?: Diagnostic[];
  /** The content hash its PDF was (or would be) made from. */
  hash?: string;
  /**
   * PDFs this department made before that are no longer current, renamed aside with 「未更新」
   * (X.pdf → X（未更新）.pdf): its own when it failed, one under its former name when it was renamed.
   */
  stale?: string[];
}

export interface BatchCounts {
  total: number;
  produced: number;
  skipped: number;
  failed: number;
  interrupted: number;
}

export interface BatchReport {
  tool: string;
  version: string;
  /** The Node.js that ran the batch and the V8 flags of its process (see the batch command). */
  runtime: { node: string; v8Flags: string[] };
  startedAt: string;
  finishedAt: string;
  seconds: number;
  /** Worker threads used (0 when nothing needed rendering). */
  jobs: number;
  force: boolean;
  interrupted: boolean;
  dir: string;
  outDir: string;
  counts: BatchCounts;
  /** CPU time of the whole process (all threads, user + system) during the batch, seconds. */
  cpuSeconds: number;
  /** Produced documents per second of wall time (0 when none). */
  rate: number;
  /**
   * Memory, bytes. peakRss: the largest process RSS a worker reported (after warm-up and after
   * each document; RSS is shared by all threads); peakWorkerHeap: the largest V8 heap of one
   * worker thread; processMaxRss: the process's maximum resident set so far (getrusage), all
   * threads included.
   */
  memory: { peakRss: number; peakWorkerHeap: number; processMaxRss: number };
  entries: BatchEntry[];
  /** Where the machine-readable reports were written. */
  reports: string[];
  /** The per-department time limit, seconds. */
  timeout: number;
  /** What the batch noticed beside the departments: a symbolic-link loop, a report it could not write. */
  notices: Diagnostic[];
}

/** main → worker */
export interface JobMessage {
  type: 'job';
  id: number;
  file: string;
  outDir: string;
  /** Written beside the PDF once it is in place; absent: no hash record. */
  hash?: string;
  version: string;
  /** The data file's bytes as the plan read and hashed them: the worker renders exactly these. */
  bytes?: Uint8Array;
  /** Only read the file (a workbook) and answer what it holds: the plan needs its year and name. */
  load?: boolean;
  /** What a load job read: checked and rendered without reading the file again. */
  loaded?: LoadedData;
  /** Where the plan decided the PDF goes (out/<year>/<name>.pdf): one department, one output. */
  output?: string;
  /** sha256 of the data bytes alone and the data file's absolute path: kept in the hash record. */
  dataHash?: string;
  source?: string;
  /** The run's choice of template set (--template-set, the project's). */
  set?: SetChoice;
}

/** worker → main */
export interface JobResult {
  type: 'result';
  id: number;
  status: 'produced' | 'failed' | 'loaded';
  year?: number;
  /** A load job's answer. */
  loaded?: LoadedData;
  output?: string;
  pages?: number;
  bytes?: number;
  /** sha256 of the PDF written. */
  digest?: string;
  seconds: number;
  reason?: string;
  errors?: Diagnostic[];
  warnings: number;
  warningList?: Diagnostic[];
  rss: number;
  heap: number;
}

export interface ReadyMessage {
  type: 'ready';
  seconds: number;
  rss: number;
  heap: number;
}

/** worker → main: a job begins (its time limit starts now). */
export interface StartMessage {
  type: 'start';
  id: number;
}

export type WorkerMessage = JobResult | ReadyMessage | StartMessage;
